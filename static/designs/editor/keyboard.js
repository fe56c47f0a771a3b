// The palette (click or drag), the canvas tools (but Link: linking.js), the keyboard, and
// keeping Cytoscape's idea of where the canvas is current.
import { change, DEFAULTS, selectedComponents, selectedLinks, state } from "./state.js";
import { $, validPosition } from "./util.js";
import { autoLayout, fit, viewWasMoved } from "./canvas.js";

// Sets up this part of the page (its listeners); it calls the other modules through `ctx`.
export function setupKeyboard(ctx) {
  const { root, cy } = ctx;
  const canvas = $("canvas");
  document.querySelectorAll(".palette-item").forEach((item) => {
    item.addEventListener("click", () => ctx.addComponent(item.dataset.kind));
    item.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("application/x-design-kind", item.dataset.kind);
      event.dataTransfer.setData("text/plain", item.dataset.kind);
      event.dataTransfer.effectAllowed = "copy";
    });
  });
  const canvasWrap = canvas.parentElement;
  canvasWrap.addEventListener("dragover", (event) => {
    if (![...event.dataTransfer.types].includes("application/x-design-kind")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  canvasWrap.addEventListener("drop", (event) => {
    const kind = event.dataTransfer.getData("application/x-design-kind");
    if (!DEFAULTS.kinds.includes(kind)) return;
    event.preventDefault();
    const box = canvas.getBoundingClientRect();
    const pan = cy.pan();
    const zoom = cy.zoom();
    ctx.addComponent(kind, null, (event.clientX - box.left - pan.x) / zoom, (event.clientY - box.top - pan.y) / zoom);
  });

  $("auto-layout").addEventListener("click", () => {
    autoLayout();
    change("Auto layout");
  });
  $("fit").addEventListener("click", fit);

  const typing = (target) => target instanceof Element
    && Boolean(target.closest("input, textarea, select, [contenteditable]"));

  // A field where Ctrl+Z is the browser's own undo of what was typed there.
  const textEntry = (target) => target instanceof Element
    && Boolean(target.closest("textarea, [contenteditable]")
      || (target.matches("input") && !["checkbox", "radio", "button", "submit"].includes(target.type)));

  // The commands with Ctrl (Cmd on a Mac), outside the fields: whether one was done.
  const COMMANDS = {
    // With text selected elsewhere on the page, the browser copies the text.
    c: (target) => (target === canvas || !window.getSelection().toString()) && ctx.copySelection(),
    v: () => ctx.paste(),
    d: () => ctx.duplicateSelection(),
    // On the canvas (or with nothing focused): elsewhere Ctrl+A selects the page's text.
    a: (target) => {
      if (target !== canvas && target !== document.body) return false;
      ctx.selectAll();
      return true;
    },
  };

  document.addEventListener("keydown", (event) => {
    // An open dialog (the delete question) has the keys: Escape closes it, nothing else acts.
    if (document.querySelector("dialog[open]")) return;
    if (event.key === "Escape" && state.picking) {
      ctx.stopPicking();
      ctx.refresh();
      return;
    }
    // Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z (and Ctrl+Y) redoes, outside the text fields.
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === "z" || (key === "y" && event.ctrlKey))
        && !textEntry(event.target) && $("conflict").hidden) {
      event.preventDefault();
      if (event.shiftKey || key === "y") ctx.redo();
      else ctx.undo();
      return;
    }
    if (typing(event.target) || !$("conflict").hidden || event.altKey) return;
    if (event.ctrlKey || event.metaKey) {
      if (!event.shiftKey && key in COMMANDS && COMMANDS[key](event.target)) event.preventDefault();
      return;
    }
    const selected = selectedComponents();
    if (event.key === "Delete" || event.key === "Backspace") {
      if (!selected.length && !selectedLinks().length) return;
      event.preventDefault();
      ctx.deleteSelection();
      return;
    }
    // Escape clears the selection, then leaves select mode.
    if (event.key === "Escape" && (selected.length || selectedLinks().length)) {
      ctx.select(null);
      return;
    }
    if (event.key === "Escape" && ctx.inSelectMode()) {
      ctx.toggleSelectMode(false);
      return;
    }
    // Arrows move the selected components (Shift: a bigger step); holding one is one step.
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (event.target === canvas && selected.length && event.key in moves) {
      event.preventDefault();
      const step = event.shiftKey ? 50 : 10;
      const [dx, dy] = moves[event.key];
      selected.forEach((c) => {
        const p = validPosition(c.position) ? c.position : { x: 0, y: 0 };
        c.position = { x: p.x + dx * step, y: p.y + dy * step };
      });
      const what = selected.length === 1 ? selected[0].key || "the component" : `${selected.length} components`;
      change(`Move ${what}`, { coalesce: `move-${selected.map((c) => c.key).join(",")}` });
    }
  });

  // Cytoscape caches where its container is on the page: when a banner or the error summary
  // above the canvas appears or goes, the canvas moves and clicks must be mapped anew.
  let canvasBox = "";
  const checkCanvasBox = () => {
    const box = canvas.getBoundingClientRect();
    const now = `${box.left},${box.top},${box.width},${box.height}`;
    if (now !== canvasBox) {
      canvasBox = now;
      cy.resize();
    }
  };
  ["pointerdown", "pointermove", "dragover", "wheel"].forEach((type) =>
    canvasWrap.addEventListener(type, checkCanvasBox, { capture: true, passive: true }));
  if (window.ResizeObserver) {
    new ResizeObserver(() => {
      cy.resize();
      if (!viewWasMoved()) fit();
    }).observe(canvas);
    const moved = new ResizeObserver(() => cy.resize());
    root.querySelectorAll(".editor-bar, .banner, .error-summary, .canvas-tools, .live-strip, .route-banner")
      .forEach((element) => moved.observe(element));
  }
  // Enter in a field must not submit (and reload) the page: every change is applied as typed.
  root.querySelectorAll("form").forEach((form) => form.addEventListener("submit", (event) => event.preventDefault()));
}
