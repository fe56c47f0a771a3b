// A workload's route: its steps (each with its options) and picking them on the canvas.
import { element as el } from "../../lib/dom.js";
import { change, componentLabel, components, refKey, setSelection, state } from "./state.js";
import { $, isObject, stepKey } from "./util.js";
import { readInput, setOptions } from "./forms.js";
import { hideHandle } from "./canvas.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// renderRoute, addRouteStep, startPicking, stopPicking, kindOf.
export function setupRoutes(ctx) {
  const { cy } = ctx;
  const canvas = $("canvas");

  function renderRoute(w, base) {
    const route = Array.isArray(w.route) ? w.route : [];
    const routeList = $("route-list");
    const signature = JSON.stringify([base, route.map(stepKey), route.map((step) => kindOf(stepKey(step)))]);
    if (routeList.dataset.signature !== signature || !routeList.contains(document.activeElement)) {
      routeList.dataset.signature = signature;
      routeList.replaceChildren(...route.map((step, j) => routeChip(w, step, j, base)));
    }
    $("route-empty").hidden = route.length > 0;
    setOptions($("route-add-key"), components().filter((c) => c.key)
      .map((c) => [refKey(c), `${componentLabel(c)} (${refKey(c)})`]));
    $("route-add").disabled = components().length === 0;
    $("route-pick").setAttribute("aria-pressed", state.picking ? "true" : "false");
    $("route-pick").textContent = state.picking ? "Done picking" : "Pick on the canvas";
  }

  // A step's options, each with its own field so that the engine's message lands beside it.
  const STEP_OPTIONS = [
    { name: "fan_out", id: "fanout", label: "fan-out", placeholder: "1" },
    { name: "timeout_ms", id: "timeout", label: "timeout ms", placeholder: "none" },
    { name: "retries", id: "retries", label: "retries", placeholder: "0" },
  ];
  const kindOf = (key) => {
    const c = components().find((o) => refKey(o) === key);
    return c ? c.kind : undefined;
  };

  // Sets one option of route step j; a step left with no option is written as its key.
  function setStepOption(w, j, name, value) {
    const current = w.route[j];
    const step = isObject(current) ? current : { key: stepKey(current) };
    if (value === undefined) delete step[name];
    else step[name] = value;
    w.route[j] = Object.keys(step).length === 1 && "key" in step ? step.key : step;
  }

  // Which step a label belongs to, for screen readers (the chip shows it to the eye).
  const stepName = (step, j) => el("span", { class: "visually-hidden", text: ` (step ${j + 1}, ${stepKey(step)})` });

  function stepOption(w, step, j, base, option) {
    const id = `route-${option.id}-${j}`;
    const value = isObject(step) ? step[option.name] : undefined;
    const input = el("input", { id, type: "text", inputmode: "decimal", class: "step-input",
      "data-testid": id, placeholder: option.placeholder, autocomplete: "off", spellcheck: "false",
      "aria-describedby": "route-help",
      value: value === undefined || value === null ? ""
        : typeof value === "object" ? JSON.stringify(value) : String(value) });
    input.addEventListener("input", () => {
      setStepOption(w, j, option.name, readInput({ type: "number" }, input));
      ctx.touched(`${base}.route[${j}]`);
      change(`Edit the ${option.label} of step ${j + 1}`, { coalesce: input.id });
    });
    return el("span", { class: "step-option", "data-paths": `${base}.route[${j}].${option.name}` }, [
      el("label", { for: id }, [document.createTextNode(option.label), stepName(step, j)]), input]);
  }

  // Only a queue step may say the user waits; a wrong one stays shown, to be unticked.
  function waitsOption(w, step, j, base) {
    const waits = isObject(step) ? step.waits : undefined;
    if (kindOf(stepKey(step)) !== "queue" && waits === undefined) return null;
    const id = `route-waits-${j}`;
    const input = el("input", { id, type: "checkbox", "data-testid": id,
      "aria-describedby": "route-help", checked: waits === true });
    input.addEventListener("change", () => {
      setStepOption(w, j, "waits", input.checked ? true : undefined);
      ctx.touched(`${base}.route[${j}]`);
      change(`Edit step ${j + 1}`);
    });
    return el("span", { class: "step-option step-waits", "data-paths": `${base}.route[${j}].waits` }, [
      input, el("label", { for: id }, [document.createTextNode("the user waits for what follows"),
        stepName(step, j)])]);
  }

  function routeChip(w, step, j, base) {
    const key = stepKey(step);
    const remove = el("button", { type: "button", class: "chip-remove", text: "×",
      "aria-label": `Remove step ${j + 1} (${key})`, "data-testid": `route-remove-${j}` });
    remove.addEventListener("click", () => {
      w.route.splice(j, 1);
      ctx.clearErrorMarks();
      change(`Remove step ${j + 1} (${key})`);
    });
    const alternatives = isObject(step) && "any_of" in step;
    const options = alternatives ? [el("span", { class: "muted", text: "(edit in the JSON tab)" })]
      : [...STEP_OPTIONS.map((option) => stepOption(w, step, j, base, option)),
        waitsOption(w, step, j, base)];
    return el("li", { class: "chip", "data-paths": `${base}.route[${j}]`, "data-testid": `route-step-${j}` }, [
      el("span", { class: "chip-key", text: `${j + 1}. ${alternatives ? "alternatives" : key}` }), remove,
      el("span", { class: "step-options" }, options)]);
  }

  function addRouteStep(key) {
    const w = state.workload;
    if (!w || !key) return;
    if (!Array.isArray(w.route)) w.route = [];
    w.route.push(key);
    change(`Add ${key} to the route`);
  }
  $("route-add").addEventListener("click", () => addRouteStep($("route-add-key").value));

  function startPicking() {
    if (!state.workload) return;
    state.picking = true;
    setSelection([]);
    cy.autounselectify(true);
    canvas.classList.add("picking");
    const banner = $("route-banner");
    banner.textContent = `Click or tap components in order to add them to the route of "${state.workload.name || "this workload"}". Press Escape or "Done picking" when done.`;
    banner.hidden = false;
    hideHandle(false);
    ctx.refresh();
  }
  function stopPicking() {
    if (!state.picking) return;
    state.picking = false;
    cy.autounselectify(false);
    canvas.classList.remove("picking");
    $("route-banner").hidden = true;
    $("route-pick").setAttribute("aria-pressed", "false");
    $("route-pick").textContent = "Pick on the canvas";
  }
  $("route-pick").addEventListener("click", () => {
    if (state.picking) {
      stopPicking();
      ctx.refresh();
    } else startPicking();
  });

  Object.assign(ctx, { renderRoute, addRouteStep, startPicking, stopPicking, kindOf });
}
