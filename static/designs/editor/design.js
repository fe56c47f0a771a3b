// The assumptions and design tabs: the design's fields, its SLOs, one p99 target per workload.
import { element as el } from "../../lib/dom.js";
import { change, list, state } from "./state.js";
import { $, assign, isObject, lookup } from "./util.js";
import { ASSUMPTION_FIELDS, BUDGET_FIELDS, DESIGN_FIELDS, SLO_FIELDS } from "./fields.js";
import { buildForm, readInput, setPaths, showHint, showValue, typingIn } from "./forms.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// fillSettings.
export function setupDesign(ctx) {
  const assumptionFields = buildForm($("assumption-fields"), ASSUMPTION_FIELDS, "assumption", "assumption-");
  Object.values(assumptionFields).forEach((field) => {
    setPaths(field, "assumptions");
    field.input.addEventListener("input", () => {
      assign(state.doc, ["assumptions", field.spec.name], readInput(field.spec, field.input));
      ctx.touched(field.wrap.dataset.paths);
      change(`Edit ${field.spec.label}`, { coalesce: field.input.id });
    });
  });

  const designFields = buildForm($("design-fields"), DESIGN_FIELDS, "design", "design-");
  Object.values(designFields).forEach((field) => {
    setPaths(field, "");
    const event = field.spec.type === "checkbox" ? "change" : "input";
    field.input.addEventListener(event, () => {
      if (field.spec.name === "is_public") state.isPublic = field.input.checked;
      else assign(state.doc, field.spec.path || [field.spec.name], readInput(field.spec, field.input));
      ctx.touched(field.wrap.dataset.paths);
      change(`Edit ${field.spec.label}`, typingIn(field.input, event));
    });
  });
  designFields.is_public.wrap.dataset.paths = "is_public";

  const sloFields = [
    ...Object.values(buildForm($("slo-fields"), SLO_FIELDS, "design", "")),
    ...Object.values(buildForm($("slo-budget-fields"), BUDGET_FIELDS, "design", "")),
  ];
  sloFields.forEach((field) => {
    setPaths(field, "");
    field.input.addEventListener("input", () => {
      assign(state.doc, field.spec.path, readInput(field.spec, field.input));
      ctx.touched(field.wrap.dataset.paths);
      change(`Edit ${field.spec.label}`, { coalesce: field.input.id });
    });
  });

  // One p99 target per workload name, and one per target naming no workload (its error
  // shows there, with a button to remove it).
  function p99Rows() {
    const targets = isObject(ctx.p99Targets()) ? ctx.p99Targets() : {};
    const names = [];
    list("workloads").filter(isObject).forEach((w) => {
      const name = ctx.sloName(w);
      if (typeof name === "string" && name && !names.includes(name)) names.push(name);
    });
    const orphans = Object.keys(targets).filter((name) => !names.includes(name));
    return [...names.map((name) => ({ name, orphan: false })),
      ...orphans.map((name) => ({ name, orphan: true }))]
      .map((row) => ({ ...row, value: targets[row.name] }));
  }

  function p99Row({ name, orphan, value }, index) {
    const id = `slo-p99-${index}`;
    const path = `slos.p99_ms.${name}`;
    const input = el("input", { id, type: "text", inputmode: "decimal", autocomplete: "off",
      spellcheck: "false", "data-testid": `slo-p99-${name}`, placeholder: "none",
      "aria-describedby": `${id}-hint`,
      value: value === undefined || value === null ? ""
        : typeof value === "object" ? JSON.stringify(value) : String(value) });
    input.addEventListener("input", () => {
      assign(state.doc, ["slos", "p99_ms", name], readInput({ type: "number" }, input));
      ctx.touched(path);
      change(`Edit the p99 of “${name}”`, { coalesce: input.id });
    });
    const hint = el("span", { class: "hint", id: `${id}-hint`, text: orphan
      ? "ms · no workload has this name: rename one to it, or remove the target"
      : "ms · the route's 99th percentile at peak, at most" });
    const parts = [el("label", { for: id, text: `p99 of “${name}”` }), input, hint];
    if (orphan) {
      const remove = el("button", { type: "button", class: "button quiet",
        "data-testid": `slo-p99-remove-${name}`, text: `Remove the target of “${name}”` });
      remove.addEventListener("click", () => {
        assign(state.doc, ["slos", "p99_ms", name], undefined);
        ctx.clearErrorMarks();
        change(`Remove the target of “${name}”`);
      });
      parts.push(remove);
    }
    return el("div", { class: "field", "data-paths": path }, parts);
  }

  // Rebuilt when the rows change (a workload named, a target orphaned), else only the values
  // of the fields not being typed in are written.
  function renderP99() {
    const rows = p99Rows();
    const box = $("slo-p99-list");
    const signature = JSON.stringify(rows.map(({ name, orphan }) => [name, orphan]));
    if (box.dataset.signature !== signature) {
      box.dataset.signature = signature;
      box.replaceChildren(...rows.map(p99Row));
    } else {
      box.querySelectorAll("input").forEach((input, index) => {
        const { value } = rows[index];
        const text = value === undefined || value === null ? ""
          : typeof value === "object" ? JSON.stringify(value) : String(value);
        if (input !== document.activeElement && input.value !== text) input.value = text;
      });
    }
    $("slo-p99-empty").hidden = rows.length > 0;
  }

  function fillSettings() {
    const assumptions = isObject(state.doc.assumptions) ? state.doc.assumptions : {};
    Object.values(assumptionFields).forEach((field) => {
      showValue(field, assumptions[field.spec.name]);
      showHint(field, assumptions);
    });
    Object.values(designFields).forEach((field) => {
      showValue(field, field.spec.name === "is_public" ? state.isPublic
        : lookup(state.doc, field.spec.path || [field.spec.name]));
      showHint(field, state.doc);
    });
    sloFields.forEach((field) => {
      showValue(field, lookup(state.doc, field.spec.path));
      showHint(field, state.doc);
    });
    renderP99();
  }

  Object.assign(ctx, { fillSettings });
}
