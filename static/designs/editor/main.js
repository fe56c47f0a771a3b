// The design editor's entry point: a Cytoscape canvas and a side panel over one design
// document (state.js). Each module below sets up its part of the page and adds what the
// others call to one context object, `ctx` (cy, root and functions such as ctx.select);
// modules load only the modules under them (util, state, fields, forms, canvas, scenario,
// check), never each other, so the graph of imports has no circle (collectstatic's hashed names
// need that). Saving goes through the REST API (docs/api.md); a moment after each change the
// server checks the draft and estimates it (check.js), and a draft stays in localStorage
// until it is saved.
import {
  canRedo, canUndo, change, components, list, recordHistory, redoDescription, refKey, resetHistory,
  sealHistory, selectedComponents, selectedLinks, setRefKey, setSelection, snapshot, state,
  stepHistory, subscribe, undoDescription,
} from "./state.js";
import { $, isObject, validPosition } from "./util.js";
import { autoLayout, fit, markCanvas, setupCanvas, syncGraph } from "./canvas.js";
import { checkNow, scheduleCheck, setupCheck } from "./check.js";
import { scenarioBody } from "./scenario.js";
import { setupComponents } from "./components.js";
import { setupDesign } from "./design.js";
import { setupDrafts } from "./drafts.js";
import { setupDownloads } from "./downloads.js";
import { setupFailures } from "./failures.js";
import { setupJSON } from "./json.js";
import { setupKeyboard } from "./keyboard.js";
import { setupLinking } from "./linking.js";
import { setupLive } from "./live.js";
import { setupRoutes } from "./routes.js";
import { setupSave } from "./save.js";
import { setupSheet } from "./sheet.js";
import { setupSelection } from "./selection.js";
import { setupTabs } from "./tabs.js";
import { setupValidation } from "./validation.js";
import { setupWorkloads } from "./workloads.js";

const root = $("editor");
if (root && typeof window.cytoscape === "function") start(root);

function start(root) {
  const ctx = { root, refresh, refreshSelection, loadDocument, undo: () => stepBack(-1), redo: () => stepBack(1) };
  ctx.cy = setupCanvas(ctx);
  [setupValidation, setupTabs, setupComponents, setupWorkloads, setupRoutes, setupDesign,
    setupJSON, setupLive, setupFailures, setupSave, setupDrafts, setupCheck, setupSelection,
    setupKeyboard, setupLinking, setupSheet, setupDownloads]
    .forEach((setup) => setup(ctx));

  // Every change: recorded for undo (unless it is an undo), drawn, checked, kept as a draft.
  // A drag's end (options.moved) changed a position the canvas already shows and no panel
  // does: only the JSON text follows (when its tab is shown).
  subscribe((description, options) => {
    if (!options.restoring) recordHistory(description, options.coalesce);
    if (options.moved) ctx.refreshJSON();
    else refresh();
    scheduleCheck();
    ctx.scheduleDraft();
    ctx.updateDirty();
    showHistory();
  });

  // Each part redraws only what differs from what it shows: with hundreds of components a
  // keystroke must not rebuild them all (bench/editor_large.py).
  function refresh() {
    syncGraph();
    ctx.renderComponentList();
    ctx.renderComponentPanel();
    ctx.renderSelectionPanel();
    ctx.renderWorkloadList();
    ctx.renderWorkloadPanel();
    ctx.fillSettings();
    ctx.refreshJSON();
    ctx.showErrors();
    ctx.followSelection();
    ctx.renderFailures();
  }

  // Another component or link selected, the document unchanged: the canvas's highlight, the
  // list's current item and the panel.
  function refreshSelection() {
    markCanvas();
    ctx.renderComponentList();
    ctx.renderComponentPanel();
    ctx.renderSelectionPanel();
    ctx.showErrors();
    ctx.followSelection();
    ctx.renderFailures();
  }

  // A new document in the editor (a reload, a draft, the JSON tab, an undo): nothing selected,
  // laid out when no component has a position, fitted unless `keepView`.
  function loadDocument(doc, { keepView = false } = {}) {
    state.doc = isObject(doc) ? doc : { name: "" };
    components().forEach((c) => setRefKey(c, c.key));
    setSelection([]);
    state.workload = null;
    ctx.stopPicking();
    const placed = components().filter((c) => validPosition(c.position));
    syncGraph();
    if (placed.length === 0) autoLayout();
    else if (!keepView) fit();
  }

  // ---- undo and redo ---------------------------------------------------------------------------

  const undoButton = $("undo");
  const redoButton = $("redo");

  // Restores the snapshot before (-1) or after (+1), selecting again what was selected (the
  // same places in the lists, when they are still there) and keeping the view.
  function stepBack(direction) {
    const entry = stepHistory(direction);
    if (!entry) {
      announce(direction < 0 ? "Nothing to undo." : "Nothing to redo.");
      return false;
    }
    const selected = selectedComponents().map((c) => list("components").indexOf(c));
    const links = selectedLinks().map((link) => list("links").indexOf(link));
    const workload = list("workloads").indexOf(state.workload);
    const tab = state.tab;
    loadDocument(entry.document, { keepView: true });
    state.isPublic = Boolean(entry.is_public);
    const again = (name, index) => (index >= 0 && isObject(list(name)[index]) ? list(name)[index] : null);
    setSelection(selected.map((index) => again("components", index)),
      links.map((index) => again("links", index)));
    state.workload = again("workloads", workload);
    ctx.clearErrorMarks();
    ctx.showTab(tab);
    change(entry.description, { restoring: true });
    announce(`${direction < 0 ? "Undone" : "Redone"}: ${entry.description}.`);
    return true;
  }

  function announce(text) {
    $("history-status").textContent = text;
  }

  function showHistory() {
    const focused = document.activeElement;
    undoButton.disabled = !canUndo();
    redoButton.disabled = !canRedo();
    undoButton.title = canUndo() ? `Undo: ${undoDescription()} (Ctrl+Z)` : "Nothing to undo";
    redoButton.title = canRedo() ? `Redo: ${redoDescription()} (Shift+Ctrl+Z)` : "Nothing to redo";
    // A button that has just been disabled loses the focus: give it to its neighbour.
    if (focused && focused.disabled && (focused === undoButton || focused === redoButton)) {
      (focused === undoButton ? redoButton : undoButton).focus();
    }
  }

  undoButton.addEventListener("click", () => ctx.undo());
  redoButton.addEventListener("click", () => ctx.redo());
  // Typing in a field is one step until a pause or until the field loses the focus.
  root.addEventListener("focusout", (event) => {
    if (event.target.matches("input, textarea, select")) sealHistory();
  });

  // ---- start -----------------------------------------------------------------------------------

  loadDocument(state.doc);
  state.baseline = snapshot();
  resetHistory();
  refresh();
  showHistory();
  ctx.updateSave();
  ctx.offerDraft();
  checkNow();
  // A fork opens with ?fit=1: the diagram fits the canvas once the page has its size.
  if (state.fitOnLoad || new URLSearchParams(window.location.search).get("fit") === "1") {
    window.requestAnimationFrame(() => {
      ctx.cy.resize();
      fit();
    });
  }

  // Small helpers for scripts and end-to-end tests.
  window.editor = {
    addComponent(kind, key, x, y) {
      return ctx.addComponent(kind, key, x, y).key;
    },
    connect(fromKey, toKey) {
      const find = (key) => components().find((c) => c.key === key || refKey(c) === key);
      return ctx.connect(find(fromKey), find(toKey));
    },
    select(key) {
      const c = components().find((o) => o.key === key || refKey(o) === key) || null;
      ctx.select(c);
      return Boolean(c);
    },
    // The components with these keys selected together, as a Shift-click on each would.
    selectMany(keys) {
      const found = keys.map((key) => components().find((o) => o.key === key || refKey(o) === key));
      ctx.selectMany(found.filter(Boolean));
      return found.every(Boolean);
    },
    selected: () => selectedComponents().map((c) => refKey(c)),
    selectedLinks: () => selectedLinks().map((link) => `${link.from}>${link.to}`),
    selectWorkload(index) {
      const w = list("workloads")[index];
      if (isObject(w)) ctx.selectWorkload(w);
      return isObject(w);
    },
    document: () => JSON.parse(JSON.stringify(state.doc)),
    live: () => JSON.parse(JSON.stringify(state.liveBody)),
    errors: () => JSON.parse(JSON.stringify(state.errors)),
    failures: () => scenarioBody(), // the failure what-if the checks send (null: none)
    validate: () => checkNow().then(() => JSON.parse(JSON.stringify(state.errors))),
    save: () => ctx.save(),
    layout: () => {
      autoLayout();
      change("Auto layout");
    },
    undo: () => ctx.undo(),
    redo: () => ctx.redo(),
    get version() {
      return state.design ? state.design.version : null;
    },
    cy: ctx.cy,
  };
}
