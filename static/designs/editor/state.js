// The editor's state: the design document being edited (the source of truth: every input
// writes into it at once, the canvas and the lists are drawn from it), the selection, and
// the history of the document for undo and redo.
//
// A change is announced with change(description): subscribers (main.js wires them) redraw,
// check the draft with the server, keep a draft in the browser and record the history.
// Links and routes name components by key; a component being renamed keeps the key they
// use (refKey) until its new key is valid and unique, then they follow it.
import { isObject, readJSON } from "./util.js";

export const DEFAULTS = readJSON("editor-defaults");
// The defaults as text, written by the server: the hints show them as they are.
export const DEFAULT_TEXTS = readJSON("editor-default-texts");
const initial = readJSON("editor-design");

export const state = {
  doc: readJSON("editor-document"),
  design: initial && {
    id: initial.id, slug: initial.slug, version: initial.version, url: initial.url,
    html: initial.html,
  },
  fitOnLoad: Boolean(initial && initial.fit),
  isPublic: initial ? initial.is_public : false,
  selected: null, // a component object of state.doc: the one the panel edits
  selectedLink: null, // a link object of state.doc: the one the panel shows
  // Two or more components and links selected together (then `selected` and `selectedLink`
  // are null): Shift-click, the box, select mode.
  selection: [],
  selectionLinks: [],
  workload: null, // a workload object of state.doc
  picking: false, // clicks on the canvas add route steps
  tab: "component",
  revision: 0,
  validated: -1, // the revision the errors belong to
  errors: [],
  // The numbers typed as the server writes them ("64 GB"), by path: POST /api/validate/.
  echo: {},
  echoStale: [], // the paths changed since the last check was sent: their echo is old
  checkProblem: "",
  baseline: "",
  saving: false,
  estimateWatch: 0,
  jsonEdited: false,
  pendingDraft: null,
  conflicted: false, // a save met a newer version; the next save asks again
  live: new Map(), // the live estimate's components by key: what the nodes show
  liveBody: null, // the last live estimate applied
};

const refKeys = new WeakMap();
export const refKey = (component) => (refKeys.has(component) ? refKeys.get(component) : component.key);
export const setRefKey = (component, key) => refKeys.set(component, key);

export function list(name) {
  if (!Array.isArray(state.doc[name])) state.doc[name] = [];
  return state.doc[name];
}
export const components = () => list("components").filter(isObject);
export const kindLabel = (kind) => DEFAULTS.kind_labels[kind] || kind || "no kind";
export const componentLabel = (c) => (c.name || c.key || "(no key)");

// The components selected: the one the panel edits, or those selected together; only those
// still in the document (an undo or a delete may have removed some). The same for links.
export function selectedComponents() {
  const present = new Set(components());
  if (state.selected || state.selectedLink) return present.has(state.selected) ? [state.selected] : [];
  return state.selection.filter((c) => present.has(c));
}
export function selectedLinks() {
  const present = new Set(list("links"));
  if (state.selected || state.selectedLink) return present.has(state.selectedLink) ? [state.selectedLink] : [];
  return state.selectionLinks.filter((link) => present.has(link));
}
export const severalSelected = () => state.selection.length + state.selectionLinks.length > 1;

// Selects these components and links: nothing, one (the panel edits it) or several.
export function setSelection(items, links = []) {
  const unique = [...new Set(items.filter(isObject))];
  const uniqueLinks = [...new Set(links.filter(isObject))];
  const one = unique.length + uniqueLinks.length === 1;
  state.selected = one && unique.length ? unique[0] : null;
  state.selectedLink = one && uniqueLinks.length ? uniqueLinks[0] : null;
  state.selection = one ? [] : unique;
  state.selectionLinks = one ? [] : uniqueLinks;
}

// What saving sends, as text: the draft is dirty while it differs from the last saved one.
export const snapshot = () => JSON.stringify({ document: state.doc, is_public: state.isPublic });
export const isDirty = () => snapshot() !== state.baseline;

// ---- changes ---------------------------------------------------------------------------------

const listeners = [];

// `listener(description, options)` after every change; returns a function that stops it.
export function subscribe(listener) {
  listeners.push(listener);
  return () => listeners.splice(listeners.indexOf(listener), 1);
}

// The document changed. `description` names the change for undo ("Delete component cache");
// options.coalesce: changes with the same key in quick succession are one undo step (typing
// in one field); options.restoring: an undo or redo, not recorded again; options.moved: only
// positions changed, by a drag the canvas already shows (no panel is redrawn).
export function change(description = "Edit", options = {}) {
  state.revision += 1;
  listeners.forEach((listener) => listener(description, options));
}

// ---- history: snapshots of the document (positions included) after each change ---------------

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1000; // typing in one field with pauses shorter than this is one step

const history = { entries: [], index: -1, sealed: true };

export function resetHistory() {
  history.entries = [{ text: snapshot(), description: "", coalesce: null, at: 0 }];
  history.index = 0;
  history.sealed = true;
}

export function recordHistory(description, coalesce) {
  const text = snapshot();
  const top = history.entries[history.index];
  if (!top || text === top.text) return;
  history.entries.length = history.index + 1; // a new change drops what could be redone
  const now = Date.now();
  if (coalesce && top.coalesce === coalesce && !history.sealed && history.index > 0
      && now - top.at < COALESCE_MS) {
    top.text = text;
    top.at = now;
  } else {
    history.entries.push({ text, description, coalesce: coalesce || null, at: now });
    if (history.entries.length > HISTORY_LIMIT) history.entries.shift();
    history.index = history.entries.length - 1;
  }
  history.sealed = !coalesce;
}

// The next change starts a new step even in the same field (a field lost the focus).
export function sealHistory() {
  history.sealed = true;
}

export const canUndo = () => history.index > 0;
export const canRedo = () => history.index < history.entries.length - 1;
export const undoDescription = () => (canUndo() ? history.entries[history.index].description : "");
export const redoDescription = () => (canRedo() ? history.entries[history.index + 1].description : "");

// Moves back (-1) or forward (+1): the snapshot to restore ({ document, is_public }) and the
// description of the step undone or redone; null at either end.
export function stepHistory(direction) {
  if (direction < 0 ? !canUndo() : !canRedo()) return null;
  const description = direction < 0 ? undoDescription() : redoDescription();
  history.index += direction;
  history.sealed = true;
  return { ...JSON.parse(history.entries[history.index].text), description };
}
