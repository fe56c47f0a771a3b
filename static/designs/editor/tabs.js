// The side panel's tabs (a WAI-ARIA tab list: arrows, Home and End move between them).
import { state } from "./state.js";
import { markCanvas } from "./canvas.js";
import { $ } from "./util.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js): showTab.
export function setupTabs(ctx) {
  const TABS = ["component", "workloads", "assumptions", "design", "json"];

  function showTab(name, focus) {
    state.tab = name;
    TABS.forEach((tab) => {
      const button = $(`tab-${tab}`);
      const active = tab === name;
      button.setAttribute("aria-selected", active ? "true" : "false");
      button.tabIndex = active ? 0 : -1;
      $(`panel-${tab}`).hidden = !active;
    });
    if (name !== "workloads") ctx.stopPicking();
    if (name === "json") ctx.refreshJSON();
    if (focus) $(`tab-${name}`).focus();
    markCanvas();
  }
  TABS.forEach((tab) => $(`tab-${tab}`).addEventListener("click", () => showTab(tab)));
  document.querySelector(".tabs").addEventListener("keydown", (event) => {
    const index = TABS.indexOf(state.tab);
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    showTab(TABS[(moves[event.key] + TABS.length) % TABS.length], true);
  });

  Object.assign(ctx, { showTab });
}
