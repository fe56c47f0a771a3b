// The workloads panel: a workload's fields, its rate given two ways, its name (which the
// SLOs' p99 targets follow).
import { element as el } from "../../lib/dom.js";
import { change, list, state } from "./state.js";
import { $, assign, isObject, lookup } from "./util.js";
import { WORKLOAD_FIELDS } from "./fields.js";
import {
  buildForm, readInput, replaceItems, setOptions, setPaths, showHint, showValue, typingIn,
} from "./forms.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// addWorkload, selectWorkload, sloName, p99Targets, renderWorkloadList, renderWorkloadPanel.
export function setupWorkloads(ctx) {
  const workloadFields = buildForm($("workload-fields"), WORKLOAD_FIELDS, "workload", "workload-field-");
  const stashes = new WeakMap(); // a workload's rate fields while the other mode is chosen

  const modes = new WeakMap(); // the mode chosen for a workload that has no rate yet
  function rateMode(w) {
    if (w.rate !== undefined) return "rate";
    if (w.per_user_per_day !== undefined) return "per_user";
    return modes.get(w) || "rate";
  }

  function switchRateMode(w, mode) {
    const stash = stashes.get(w) || {};
    const leaving = mode === "rate" ? ["per_user_per_day"] : ["rate", "per"];
    const coming = mode === "rate" ? ["rate", "per"] : ["per_user_per_day"];
    leaving.forEach((name) => {
      if (w[name] !== undefined) stash[name] = w[name];
      delete w[name];
    });
    coming.forEach((name) => {
      if (stash[name] !== undefined && w[name] === undefined) w[name] = stash[name];
    });
    stashes.set(w, stash);
    modes.set(w, mode);
  }

  Object.values(workloadFields).forEach((field) => {
    const event = field.spec.type === "select" ? "change" : "input";
    field.input.addEventListener(event, () => {
      const w = state.workload;
      if (!w) return;
      if (field.spec.name === "rate_mode") switchRateMode(w, field.input.value);
      else if (field.spec.name === "name") setWorkloadName(w, readInput(field.spec, field.input));
      else assign(w, field.spec.path || [field.spec.name], readInput(field.spec, field.input));
      ctx.touched(field.wrap.dataset.paths);
      change(`Edit ${field.spec.label}`, typingIn(field.input, event));
    });
  });

  // The name the SLOs' p99 target of a workload is kept under: it follows a rename once the
  // new name is no other workload's (as a component's key does for links and routes).
  const sloNames = new WeakMap();
  const sloName = (w) => (sloNames.has(w) ? sloNames.get(w) : w.name);
  const p99Targets = () => lookup(state.doc, ["slos", "p99_ms"]);

  function setWorkloadName(w, value) {
    const old = sloName(w);
    if (value === undefined) delete w.name;
    else w.name = value;
    const others = list("workloads").filter((o) => isObject(o) && o !== w);
    if (!value || value === old || others.some((o) => o.name === value || sloName(o) === value)) return;
    sloNames.set(w, value);
    const targets = p99Targets();
    if (!isObject(targets) || !(old in targets) || value in targets) return;
    state.doc.slos.p99_ms = Object.fromEntries(Object.entries(targets)
      .map(([name, target]) => [name === old ? value : name, target]));
  }

  function uniqueWorkloadName() {
    const names = new Set(list("workloads").filter(isObject).map((w) => w.name));
    let number = names.size + 1;
    while (names.has(`workload ${number}`)) number += 1;
    return `workload ${number}`;
  }

  function addWorkload(name) {
    const w = { name: name || uniqueWorkloadName(), kind: "read", route: [] };
    list("workloads").push(w);
    selectWorkload(w);
    change(`Add ${w.name}`);
    workloadFields.name.input.focus();
    return w;
  }
  $("add-workload").addEventListener("click", () => addWorkload());

  function selectWorkload(w) {
    if (w !== state.workload) ctx.stopPicking();
    state.workload = w;
    ctx.showTab("workloads");
    ctx.refresh();
  }

  $("delete-workload").addEventListener("click", () => {
    const index = list("workloads").indexOf(state.workload);
    if (index < 0) return;
    const name = sloName(state.workload);
    state.doc.workloads.splice(index, 1);
    if (typeof name === "string" && isObject(p99Targets())
        && !list("workloads").some((o) => isObject(o) && o.name === name)) {
      assign(state.doc, ["slos", "p99_ms", name], undefined);
    }
    state.workload = null;
    ctx.stopPicking();
    ctx.clearErrorMarks();
    change(`Delete ${name || "the workload"}`);
  });

  function renderWorkloadList() {
    const items = list("workloads").map((w, index) => {
      const label = isObject(w)
        ? [el("span", { class: "item-name", text: w.name || "(no name)" }),
          el("span", { class: "item-meta",
            text: `${w.kind || "no kind"} · ${Array.isArray(w.route) ? w.route.length : 0} steps` })]
        : [el("span", { text: `#${index + 1} (not an object)` })];
      const button = el("button", { type: "button", class: "item", "data-testid": `workload-${index}`,
        "data-count-path": `workloads[${index}]`,
        "aria-current": w === state.workload ? "true" : null }, label);
      if (isObject(w)) button.addEventListener("click", () => selectWorkload(w));
      return el("li", {}, [button]);
    });
    replaceItems($("workload-list"), items);
    $("workload-empty").hidden = items.length > 0;
  }

  function renderWorkloadPanel() {
    const w = state.workload;
    const index = w ? list("workloads").indexOf(w) : -1;
    if (index < 0) state.workload = null;
    $("workload-form").hidden = index < 0;
    const base = index < 0 ? null : `workloads[${index}]`;
    Object.values(workloadFields).forEach((field) => setPaths(field, base));
    if (base === null) {
      delete $("workload-heading").dataset.paths;
      delete $("route-box").dataset.paths;
      return;
    }
    $("workload-heading").dataset.paths = base;
    $("route-box").dataset.paths = `${base}.route`;
    $("workload-heading").textContent = `${w.name || "(no name)"} (${w.kind || "no kind"})`;
    const mode = rateMode(w);
    Object.values(workloadFields).forEach((field) => {
      const { spec } = field;
      if (spec.options) setOptions(field.input, spec.options());
      if (spec.name === "rate_mode") showValue(field, mode);
      else if (spec.name === "per") showValue(field, w.per === "second" ? "" : w.per);
      else showValue(field, lookup(w, spec.path || [spec.name]));
      showHint(field, w);
      field.wrap.hidden = Boolean(spec.mode) && spec.mode !== mode;
    });
    ctx.renderRoute(w, base);
  }

  Object.assign(ctx, { addWorkload, selectWorkload, sloName, p99Targets, renderWorkloadList, renderWorkloadPanel });
}
