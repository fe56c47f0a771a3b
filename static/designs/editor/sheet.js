// The side panel as a bottom sheet, on tablets and phones (editor.css says when): collapsed
// to its handle and tabs, it opens when something is selected or a tab is picked, and the
// canvas is scrolled into the space left above it.
import { state } from "./state.js";
import { $ } from "./util.js";

const SHEET_SCREENS = "(max-width: 900px), (pointer: coarse)";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// followSelection (main.js's refresh calls it), openSheet, closeSheet.
export function setupSheet(ctx) {
  const panel = $("side-panel");
  const toggle = $("sheet-toggle");
  const screens = window.matchMedia(SHEET_SCREENS);
  let shown = null; // the selection the sheet last followed

  function setSheet(open) {
    panel.dataset.sheet = open ? "open" : "collapsed";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    $("sheet-toggle-text").textContent = open ? "Hide the panel" : "Show the panel";
    if (open && screens.matches) keepCanvasInView();
  }
  const openSheet = () => setSheet(true);
  const closeSheet = () => setSheet(false);

  // Scrolls the page until the canvas starts at the top when less than half of the space
  // over the sheet shows it.
  function keepCanvasInView() {
    const canvas = $("canvas").getBoundingClientRect();
    const above = window.innerHeight - panel.getBoundingClientRect().height;
    const visible = Math.min(canvas.bottom, above) - Math.max(canvas.top, 0);
    if (visible < Math.min(canvas.height, above) / 2) window.scrollBy(0, canvas.top - 8);
  }

  // A new selection opens the sheet on its fields; losing it (a tap on the background)
  // closes the sheet again.
  // Several selected (selection.js) count as one selection: the sheet shows their actions.
  function followSelection() {
    const several = [...state.selection, ...state.selectionLinks];
    const now = state.selected || state.selectedLink || (several.length ? several : null);
    const same = Array.isArray(now) && Array.isArray(shown)
      ? now.length === shown.length && now.every((item, i) => item === shown[i]) : now === shown;
    if (same) return;
    if (now) openSheet();
    else if (shown) closeSheet();
    shown = now;
  }

  toggle.addEventListener("click", () => setSheet(panel.dataset.sheet !== "open"));
  document.querySelector(".tabs").addEventListener("click", (event) => {
    if (event.target.closest("[role=tab]")) openSheet();
  });
  closeSheet();

  Object.assign(ctx, { followSelection, openSheet, closeSheet });
}
