// The component panel, and the edits of components and links.
import { element as el } from "../../lib/dom.js";
import {
  change, componentLabel, components, kindLabel, list, refKey, selectedComponents, selectedLinks,
  setRefKey, setSelection, severalSelected, state,
} from "./state.js";
import { $, assign, isObject, KEY_PATTERN, roundPosition, stepKey } from "./util.js";
import { COMPONENT_FIELDS } from "./fields.js";
import {
  buildForm, fillOptions, readInput, replaceItems, setOptions, setOptionsLater, setPaths, showHint,
  showValue, typingIn,
} from "./forms.js";
import { freeSpot } from "./canvas.js";

const SHORT_KEYS = { load_balancer: "lb", api_gateway: "gateway", object_store: "objects" };

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// addComponent, setKey, deleteItems, linkBetween, connect, deleteLink, select, toggleSelected,
// selectMany, selectLink, renderComponentList, renderComponentPanel, keyTaken, newKey.
export function setupComponents(ctx) {
  // A free key for a new component of this kind, or (copies, replicas) from a given base:
  // "cache", then "cache2", "cache3"...
  function newKey(kind, from) {
    const base = from || SHORT_KEYS[kind] || kind || "component";
    const taken = (key) => components().some((c) => c.key === key || refKey(c) === key);
    if (!taken(base)) return base;
    let number = 2;
    while (taken(`${base}${number}`)) number += 1;
    return `${base}${number}`;
  }

  function keyTaken(key, except) {
    return components().some((c) => c !== except && (c.key === key || refKey(c) === key));
  }

  function addComponent(kind, key, x, y) {
    const c = { key: key || newKey(kind), kind };
    const spot = Number.isFinite(x) && Number.isFinite(y) ? { x, y } : freeSpot();
    c.position = roundPosition(spot);
    list("components").push(c);
    setRefKey(c, c.key);
    setSelection([c]);
    ctx.showTab("component");
    change(`Add ${kindLabel(kind)} ${c.key}`);
    return c;
  }

  function renameReferences(from, to) {
    components().forEach((c) => {
      if (c.replica_of === from) c.replica_of = to;
    });
    list("links").filter(isObject).forEach((link) => {
      if (link.from === from) link.from = to;
      if (link.to === from) link.to = to;
    });
    list("workloads").filter(isObject).forEach((w) => {
      if (Array.isArray(w.route)) {
        w.route = w.route.map((step) => {
          if (step === from) return to;
          if (isObject(step) && step.key === from) step.key = to;
          return step;
        });
      }
      if (w.store === from) w.store = to;
    });
  }

  function setKey(c, value) {
    const old = refKey(c);
    if (value === undefined) delete c.key;
    else c.key = value;
    if (value && value !== old && KEY_PATTERN.test(value) && !keyTaken(value, c)) {
      renameReferences(old, value);
      setRefKey(c, value);
    }
  }

  // Takes a component out of the document, and with it what names its key (links, route
  // steps, a workload's store, replicas' replica_of) unless another component has that key.
  function removeComponent(c) {
    const index = state.doc.components.indexOf(c);
    if (index < 0) return;
    state.doc.components.splice(index, 1);
    const key = refKey(c);
    if (!keyTaken(key, null)) {
      state.doc.links = list("links").filter((l) => !isObject(l) || (l.from !== key && l.to !== key));
      list("workloads").filter(isObject).forEach((w) => {
        if (Array.isArray(w.route)) w.route = w.route.filter((step) => stepKey(step) !== key);
        if (w.store === key) delete w.store;
      });
      components().forEach((o) => {
        if (o.replica_of === key) delete o.replica_of;
      });
    }
  }

  // Deletes components and links in one change: one undo step brings them all back, with
  // the links and route steps their delete removed.
  function deleteItems(items, links = []) {
    const gone = items.filter((c) => list("components").includes(c));
    const goneLinks = links.filter((link) => list("links").includes(link));
    if (!gone.length && !goneLinks.length) return;
    gone.forEach(removeComponent);
    state.doc.links = list("links").filter((link) => !goneLinks.includes(link));
    setSelection(selectedComponents().filter((c) => !gone.includes(c)), selectedLinks());
    ctx.clearErrorMarks();
    const named = [
      gone.length === 1 ? componentLabel(gone[0]) : gone.length > 1 && `${gone.length} components`,
      goneLinks.length === 1 ? `the link ${goneLinks[0].from} to ${goneLinks[0].to}`
        : goneLinks.length > 1 && `${goneLinks.length} links`,
    ].filter(Boolean);
    change(`Delete ${named.join(" and ")}`);
  }

  function linkBetween(a, b) {
    return list("links").find((l) => isObject(l) && l.from === refKey(a) && l.to === refKey(b));
  }

  function connect(a, b) {
    if (!a || !b || a === b || linkBetween(a, b)) return false;
    list("links").push({ from: refKey(a), to: refKey(b) });
    change(`Link ${refKey(a)} to ${refKey(b)}`);
    return true;
  }

  function deleteLink(link) {
    const index = list("links").indexOf(link);
    if (index < 0) return;
    state.doc.links.splice(index, 1);
    if (state.selectedLink === link) state.selectedLink = null;
    ctx.clearErrorMarks();
    change(`Delete the link ${link.from} to ${link.to}`);
  }

  function select(c) {
    selectMany(c ? [c] : []);
  }

  function selectMany(items, links = []) {
    setSelection(items, links);
    if (items.length || links.length) ctx.showTab("component");
    ctx.refreshSelection();
  }

  // Shift-, Ctrl- or Cmd-click: adds the component or link to the selection, or takes it out.
  function toggleSelected(object) {
    const toggle = (now) => (now.includes(object) ? now.filter((o) => o !== object) : [...now, object]);
    if (list("links").includes(object)) selectMany(selectedComponents(), toggle(selectedLinks()));
    else selectMany(toggle(selectedComponents()), selectedLinks());
  }

  function selectLink(link) {
    setSelection([], [link]);
    ctx.showTab("component");
    ctx.refreshSelection();
  }

  // ---- the component panel -----------------------------------------------------------------

  const componentFields = buildForm($("component-fields"), COMPONENT_FIELDS, "component", "field-");

  Object.values(componentFields).forEach((field) => {
    const event = field.spec.type === "select" || field.spec.type === "checkbox" ? "change" : "input";
    field.input.addEventListener(event, () => {
      const c = state.selected;
      if (!c) return;
      const value = readInput(field.spec, field.input);
      if (field.spec.name === "key") setKey(c, value);
      else assign(c, [field.spec.name], value);
      ctx.touched(field.wrap.dataset.paths);
      change(`Edit ${field.spec.label}`, typingIn(field.input, event));
    });
  });


  // The list, item by item: an item is kept while its component lives (found by the object,
  // not by its place) and only its texts and attributes that differ are written, so that
  // selecting or editing one of hundreds touches one or two items.
  const listBox = $("component-list");
  const listItems = new WeakMap(); // component -> { li, button, name, meta }

  function listItem(c) {
    if (listItems.has(c)) return listItems.get(c);
    const name = el("span", { class: "item-name" });
    const meta = el("span", { class: "item-meta" });
    const button = el("button", { type: "button", class: "item" }, [name, meta]);
    button.addEventListener("click", (event) => {
      if (event.shiftKey || event.ctrlKey || event.metaKey) toggleSelected(c);
      else select(c);
    });
    const item = { li: el("li", {}, [button]), button, name, meta };
    listItems.set(c, item);
    return item;
  }

  const setText = (node, text) => {
    if (node.textContent !== text) node.textContent = text;
  };
  const setAttribute = (node, name, value) => {
    if (value === null) node.removeAttribute(name);
    else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  };

  function renderComponentList() {
    const selected = selectedComponents();
    const focused = listBox.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-testid") : null;
    const rows = list("components").map((c, index) => {
      if (!isObject(c)) {
        return el("li", {}, [el("span", { class: "item", "data-count-path": `components[${index}]`,
          text: `#${index + 1} (not an object)` })]);
      }
      const item = listItem(c);
      setAttribute(item.button, "data-testid", `component-item-${index}`);
      setAttribute(item.button, "data-count-path", `components[${index}]`);
      setAttribute(item.button, "aria-current", selected.includes(c) ? "true" : null);
      setText(item.name, componentLabel(c));
      setText(item.meta, `${c.key || "no key"} · ${kindLabel(c.kind)}${
        typeof c.replica_of === "string" && c.replica_of ? ` · replica of ${c.replica_of}` : ""}`);
      return item.li;
    });
    rows.forEach((li, index) => {
      if (listBox.children[index] !== li) listBox.insertBefore(li, listBox.children[index] || null);
    });
    while (listBox.children.length > rows.length) listBox.lastElementChild.remove();
    if (focused && !listBox.contains(document.activeElement)) {
      const again = listBox.querySelector(`[data-testid="${focused}"]`);
      if (again) again.focus();
    }
  }

  function renderComponentPanel() {
    const c = state.selected;
    const index = c ? state.doc.components.indexOf(c) : -1;
    const form = $("component-form");
    form.hidden = index < 0;
    $("link-panel").hidden = !state.selectedLink;
    $("component-none").hidden = index >= 0 || Boolean(state.selectedLink) || severalSelected();
    const base = index < 0 ? null : `components[${index}]`;
    Object.values(componentFields).forEach((field) => setPaths(field, base));
    if (base === null) delete $("component-heading").dataset.paths;
    else $("component-heading").dataset.paths = base;
    if (state.selectedLink) renderLinkPanel();
    if (index < 0) return;
    $("component-heading").textContent = `${componentLabel(c)} (${kindLabel(c.kind)})`;
    Object.values(componentFields).forEach((field) => {
      if (field.spec.options) setOptions(field.input, field.spec.options(c));
      showValue(field, c[field.spec.name]);
      showHint(field, c);
    });
    componentFields.k.wrap.classList.toggle("dim", c.redundancy !== "k-of-n" && c.k === undefined);
    renderLinks(c);
  }

  function renderLinks(c) {
    const key = refKey(c);
    const items = [];
    list("links").forEach((link, index) => {
      if (!isObject(link) || (link.from !== key && link.to !== key)) return;
      const outgoing = link.from === key;
      const other = outgoing ? link.to : link.from;
      const text = outgoing ? `→ ${other}` : `← ${other}`;
      const remove = el("button", { type: "button", class: "chip-remove",
        "aria-label": `Remove the link ${link.from} to ${link.to}`, "data-testid": `link-remove-${index}`,
        text: "×" });
      remove.addEventListener("click", () => deleteLink(link));
      items.push(el("li", { class: "chip", "data-paths": `links[${index}]`,
        "data-testid": `link-${index}` }, [el("span", { text }), remove]));
    });
    replaceItems($("link-list"), items);
    // The components this one links to already, as a set: asking linkBetween of each of
    // hundreds of components would cost components x links.
    const linked = new Set(list("links").filter((l) => isObject(l) && l.from === key).map((l) => l.to));
    const targets = components().filter((o) => o !== c && o.key && !linked.has(refKey(o)));
    setOptionsLater($("link-target"), () => targets.map((o) => [refKey(o), `${componentLabel(o)} (${refKey(o)})`]));
    $("link-add").disabled = targets.length === 0;
  }

  $("link-add").addEventListener("click", () => {
    fillOptions($("link-target"));
    const target = components().find((o) => refKey(o) === $("link-target").value);
    if (state.selected && target) connect(state.selected, target);
  });
  // Deleting components asks first when workloads' routes use them (ctx.deleteSelection).
  $("delete-component").addEventListener("click", () => ctx.deleteSelection());
  $("delete-link").addEventListener("click", () => state.selectedLink && deleteLink(state.selectedLink));
  $("delete-selected").addEventListener("click", () => ctx.deleteSelection());

  function renderLinkPanel() {
    const link = state.selectedLink;
    const index = list("links").indexOf(link);
    $("link-heading").textContent = `Link ${link.from} → ${link.to}`;
    $("link-panel").dataset.paths = `links[${index}]`;
  }

  Object.assign(ctx, {
    addComponent, setKey, deleteItems, linkBetween, connect, deleteLink, select, toggleSelected,
    selectMany, selectLink, renderComponentList, renderComponentPanel, keyTaken, newKey,
  });
}
