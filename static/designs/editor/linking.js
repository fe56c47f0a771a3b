// Link mode (the "Link" button): tap a component, then the one to link it to; or drag from
// one to the other (edgehandles' draw mode). Made for touch screens, where nothing hovers
// to show a component's link handle; a mouse can use it too.
import { componentLabel, components, state } from "./state.js";
import { $, uid } from "./util.js";
import { setConnectMode } from "./canvas.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// tapToLink (the canvas hands it a tapped component), stopLinking.
export function setupLinking(ctx) {
  const { cy } = ctx;
  const button = $("connect-mode");
  const banner = $("link-banner");
  let linking = false;
  let from = null; // the component tapped first
  let said = ""; // what the last tap did, said before the next step

  function show() {
    button.setAttribute("aria-pressed", linking ? "true" : "false");
    $("canvas").classList.toggle("connecting", linking);
    banner.hidden = !linking;
    const next = from ? `Tap the component to link ${componentLabel(from)} to.`
      : "Tap the component to link from, or drag from it to another.";
    banner.textContent = `${said}${next} Escape or “Link” again leaves.`;
    // Data, not a class: redrawing the graph resets the nodes' classes.
    cy.nodes("[?linkFrom]").data("linkFrom", false);
    if (from) cy.getElementById(uid(from)).data("linkFrom", true);
  }

  function setLinking(on) {
    if (on === linking) return;
    if (on && state.picking) {
      ctx.stopPicking();
      ctx.refresh();
    }
    // The taps go to the canvas: the sheet (on a tablet or phone) makes room.
    if (on) ctx.closeSheet();
    linking = on;
    from = null;
    said = "";
    setConnectMode(on);
    show();
  }
  const stopLinking = () => setLinking(false);

  // True when link mode took the tap (the component is not selected then).
  function tapToLink(c) {
    if (!linking) return false;
    if (from && !components().includes(from)) from = null; // undone, or the document replaced
    if (from && from !== c) {
      said = ctx.connect(from, c) ? `Linked ${componentLabel(from)} to ${componentLabel(c)}. `
        : `${componentLabel(from)} already links to ${componentLabel(c)}. `;
      from = null;
    } else {
      from = from === c ? null : c;
      said = "";
    }
    show();
    return true;
  }

  button.addEventListener("click", () => setLinking(!linking));
  // Picking a route's steps takes the canvas's taps: link mode ends.
  $("route-pick").addEventListener("click", stopLinking);
  cy.on("tap", (event) => {
    if (linking && event.target === cy && from) {
      from = null;
      show();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && linking) stopLinking();
  });

  Object.assign(ctx, { tapToLink, stopLinking });
}
