// What acts on the selected components: the panel of several selected, deleting them (asking
// first when workloads' routes use them), copy, paste and duplicate, and adding a replica.
//
// The copy goes to localStorage (so Ctrl+V pastes it in another tab of this browser, into
// another design too) and stays in the page when localStorage is unavailable; the system
// clipboard is left to text.
import { element as el } from "../../lib/dom.js";
import {
  change, componentLabel, components, kindLabel, list, refKey, selectedComponents, selectedLinks,
  setRefKey, setSelection, severalSelected,
} from "./state.js";
import { $, isObject, KEY_PATTERN, roundPosition, stepKey, validPosition } from "./util.js";
import { freeSpot, inSelectMode, reveal, setSelectMode } from "./canvas.js";

const CLIPBOARD_KEY = "design-editor-clipboard";
const PASTE_STEP = 40; // each paste lands this far right and down of the last (px)

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// renderSelectionPanel, deleteSelection, copySelection, paste, duplicateSelection, addReplica,
// selectAll, toggleSelectMode, inSelectMode.
export function setupSelection(ctx) {
  const copy = (value) => JSON.parse(JSON.stringify(value));
  const byKey = (key) => components().find((c) => refKey(c) === key);

  // ---- deleting, with a question when routes change ----------------------------------------

  const dialog = $("delete-dialog");

  // The workloads a delete of these keys changes: a route step on one, or its store.
  function workloadsUsing(keys) {
    return list("workloads").filter((w) => isObject(w) && (keys.has(w.store)
      || (Array.isArray(w.route) && w.route.some((step) => keys.has(stepKey(step))))));
  }

  function deleteSelection() {
    const items = selectedComponents();
    const links = selectedLinks();
    if (!items.length && !links.length) return;
    // A key another component keeps (a duplicate key being fixed) takes nothing with it.
    const keys = new Set(items.map(refKey).filter((key) =>
      !components().some((o) => !items.includes(o) && refKey(o) === key)));
    const affected = workloadsUsing(keys);
    if (!affected.length) ctx.deleteItems(items, links);
    else askToDelete(items, affected, () => ctx.deleteItems(items, links));
  }

  // The question as a modal <dialog>: Cancel has the focus, Escape cancels, and the focus
  // goes back where it was (the canvas when that is gone). `onDelete` runs on "Delete".
  // The browser may fire a dialog's close event late (after it opened again): the event only
  // gives the focus back, and only while the dialog stays closed.
  let onConfirm = () => {};
  let returnFocus = null;
  function askToDelete(items, workloads, onDelete) {
    const what = items.length === 1 ? `${componentLabel(items[0])}` : `these ${items.length} components`;
    $("delete-dialog-title").textContent = `Delete ${what}?`;
    const them = items.length === 1 ? "it" : "them";
    $("delete-dialog-text").textContent = workloads.length === 1
      ? `This workload uses ${them} (a step of its route, or where it stores) and will change:`
      : `These ${workloads.length} workloads use ${them} (steps of their routes, or where they store) and will change:`;
    $("delete-dialog-workloads").replaceChildren(...workloads.map((w) =>
      el("li", { text: typeof w.name === "string" && w.name ? w.name : "(a workload without a name)" })));
    returnFocus = document.activeElement;
    onConfirm = onDelete;
    dialog.showModal();
    $("delete-cancel").focus();
  }
  $("delete-confirm").addEventListener("click", () => {
    if (!dialog.open) return;
    dialog.close();
    onConfirm();
  });
  $("delete-cancel").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (dialog.open) return;
    const back = returnFocus instanceof HTMLElement && returnFocus.isConnected && returnFocus.offsetParent
      ? returnFocus : $("canvas");
    back.focus();
  });

  // ---- copy, paste, duplicate ----------------------------------------------------------------

  let pageClipboard = null; // when localStorage is unavailable (private windows, quotas)

  // The components and the links between them (links to others are left out; routes too).
  function copied(items) {
    const keys = new Set(items.map(refKey));
    return {
      components: items.map((c) => ({ ...copy(c), key: refKey(c) })),
      links: list("links").filter((l) => isObject(l) && keys.has(l.from) && keys.has(l.to)).map(copy),
    };
  }

  function copySelection() {
    const items = selectedComponents();
    if (!items.length) return false;
    pageClipboard = copied(items);
    try {
      window.localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(pageClipboard));
    } catch {
      // The copy stays in this page.
    }
    announce(`Copied ${items.length === 1 ? componentLabel(items[0]) : `${items.length} components`}.`);
    updateTools();
    return true;
  }

  function clipboard() {
    try {
      const stored = JSON.parse(window.localStorage.getItem(CLIPBOARD_KEY) || "null");
      if (isObject(stored) && Array.isArray(stored.components) && stored.components.some(isObject)) return stored;
    } catch {
      // Unreadable: the page's own copy, if any.
    }
    return pageClipboard;
  }

  // How far copies land from their originals: the first step that puts none of them on a
  // component already there (a second paste lands beside the first).
  function pasteOffset(originals) {
    const spots = components().filter((c) => validPosition(c.position)).map((c) => c.position);
    const placed = originals.filter((c) => validPosition(c.position));
    let offset = PASTE_STEP;
    while (offset < PASTE_STEP * 50 && placed.some((c) => spots.some((p) =>
      Math.abs(p.x - c.position.x - offset) < PASTE_STEP / 2 && Math.abs(p.y - c.position.y - offset) < PASTE_STEP / 2))) {
      offset += PASTE_STEP;
    }
    return offset;
  }

  // Adds copies of the components (new keys, moved by an offset), the links between them,
  // and selects them: one change.
  function insertCopies(payload, verb) {
    const originals = payload.components.filter(isObject);
    if (!originals.length) return false;
    const offset = pasteOffset(originals);
    const keys = new Map(); // the original's key -> the copy's
    const added = originals.map((original) => {
      const c = copy(original);
      const from = typeof c.key === "string" && KEY_PATTERN.test(c.key) ? c.key.replace(/\d+$/, "") || c.key : "";
      c.key = ctx.newKey(c.kind, from);
      if (typeof original.key === "string") keys.set(original.key, c.key);
      c.position = roundPosition(validPosition(original.position)
        ? { x: original.position.x + offset, y: original.position.y + offset } : freeSpot());
      list("components").push(c);
      setRefKey(c, c.key);
      return c;
    });
    // A copied replica names its copied primary; a primary left behind only when it is one here.
    added.forEach((c) => {
      if (c.replica_of === undefined) return;
      const primary = byKey(keys.get(c.replica_of) || c.replica_of);
      if (primary && primary !== c && primary.kind === c.kind && primary.replica_of === undefined) {
        c.replica_of = refKey(primary);
      } else delete c.replica_of;
    });
    (Array.isArray(payload.links) ? payload.links : []).forEach((link) => {
      if (isObject(link) && keys.has(link.from) && keys.has(link.to)) {
        list("links").push({ ...copy(link), from: keys.get(link.from), to: keys.get(link.to) });
      }
    });
    setSelection(added);
    ctx.showTab("component");
    change(`${verb} ${added.length === 1 ? added[0].key : `${added.length} components`}`);
    reveal(added);
    return true;
  }

  const paste = () => {
    const payload = clipboard();
    return Boolean(payload) && insertCopies(payload, "Paste");
  };
  const duplicateSelection = () => {
    const items = selectedComponents();
    return items.length > 0 && insertCopies(copied(items), "Duplicate");
  };

  // ---- a replica ---------------------------------------------------------------------------

  // A replica of the selected component (of its primary when it is a replica): its kind and
  // figures, replica_of its primary, placed under it and linked from what links to it.
  function addReplica() {
    const items = selectedComponents();
    if (items.length !== 1) return false;
    const primary = byKey(items[0].replica_of) || items[0];
    const primaryKey = refKey(primary);
    const replica = copy(primary);
    ["name", "notes", "position", "replica_of"].forEach((name) => delete replica[name]);
    if (typeof primary.name === "string" && primary.name) replica.name = `${primary.name} (replica)`;
    replica.key = ctx.newKey(primary.kind, `${primaryKey}_replica`);
    replica.replica_of = primaryKey;
    const near = validPosition(primary.position) ? primary.position : freeSpot();
    replica.position = roundPosition(freeSpot({ x: near.x, y: near.y + 80 }));
    list("components").push(replica);
    setRefKey(replica, replica.key);
    list("links").filter((l) => isObject(l) && l.to === primaryKey && l.from !== replica.key)
      .forEach((link) => list("links").push({ ...copy(link), to: replica.key }));
    setSelection([replica]);
    ctx.showTab("component");
    change(`Add ${replica.key}, a replica of ${primaryKey}`);
    reveal([replica]);
    return true;
  }

  // ---- selecting ---------------------------------------------------------------------------

  const selectAll = () => ctx.selectMany(components());

  function toggleSelectMode(on = !inSelectMode()) {
    setSelectMode(on);
    $("select-mode").setAttribute("aria-pressed", on ? "true" : "false");
    $("canvas").classList.toggle("selecting", on);
  }

  // ---- the panel and the toolbar -----------------------------------------------------------

  function announce(text) {
    $("history-status").textContent = text;
  }

  function updateTools() {
    const count = selectedComponents().length;
    $("copy-selected").disabled = count === 0;
    $("duplicate-selected").disabled = count === 0;
    $("paste").disabled = !clipboard();
    $("add-replica").disabled = count !== 1;
  }

  function renderSelectionPanel() {
    const several = severalSelected();
    $("selection-panel").hidden = !several;
    updateTools();
    if (!several) return;
    const items = selectedComponents();
    const links = selectedLinks();
    const count = (n, what) => (n === 1 ? `1 ${what}` : `${n} ${what}s`);
    const counted = [items.length && count(items.length, "component"), links.length && count(links.length, "link")]
      .filter(Boolean).join(" and ");
    $("selection-heading").textContent = `${counted} selected`;
    $("selection-list").replaceChildren(
      ...items.map((c) => el("li", { class: "chip", text: `${componentLabel(c)} (${kindLabel(c.kind)})` })),
      ...links.map((link) => el("li", { class: "chip", text: `${link.from} → ${link.to}` })));
    $("selection-delete").textContent = `Delete the ${counted}`;
  }

  $("select-mode").addEventListener("click", () => toggleSelectMode());
  $("copy-selected").addEventListener("click", copySelection);
  $("paste").addEventListener("click", paste);
  $("duplicate-selected").addEventListener("click", duplicateSelection);
  $("add-replica").addEventListener("click", addReplica);
  $("component-duplicate").addEventListener("click", duplicateSelection);
  $("component-replica").addEventListener("click", addReplica);
  $("selection-copy").addEventListener("click", copySelection);
  $("selection-duplicate").addEventListener("click", duplicateSelection);
  $("selection-delete").addEventListener("click", deleteSelection);
  $("selection-clear").addEventListener("click", () => ctx.select(null));
  // A copy made in another tab makes Paste possible here.
  window.addEventListener("storage", (event) => {
    if (event.key === CLIPBOARD_KEY) updateTools();
  });

  Object.assign(ctx, {
    renderSelectionPanel, deleteSelection, copySelection, paste, duplicateSelection, addReplica,
    selectAll, toggleSelectMode, inSelectMode,
  });
}
