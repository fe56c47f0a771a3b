// The forms, built once from the field specifications (fields.js) and filled from the
// document; each field's hint shows its unit, its default and the server's echo of it.
import { element as el } from "../../lib/dom.js";
import { state } from "./state.js";
import { join, parseNumber } from "./util.js";

const formFields = []; // every field of every form, for renderHints

export function buildForm(container, specs, prefix, testPrefix) {
  const fields = {};
  specs.forEach((spec) => {
    const id = `${prefix}-${spec.name}`;
    const attributes = { id, name: spec.name, "data-testid": `${testPrefix}${spec.name}` };
    let input;
    if (spec.type === "select") input = el("select", attributes);
    else if (spec.type === "textarea") input = el("textarea", { ...attributes, rows: 3 });
    else if (spec.type === "checkbox") input = el("input", { ...attributes, type: "checkbox" });
    else {
      const numeric = spec.type === "number" || spec.type === "bytes";
      input = el("input", { ...attributes, type: "text", autocomplete: "off",
        inputmode: numeric && spec.type === "number" ? "decimal" : null,
        spellcheck: numeric ? "false" : null });
    }
    if (spec.required) input.setAttribute("aria-required", "true");
    const hint = el("span", { class: "hint", id: `${id}-hint` });
    input.setAttribute("aria-describedby", hint.id);
    const label = el("label", { for: id, text: spec.label });
    const wrap = spec.type === "checkbox"
      ? el("div", { class: "field checkbox" }, [input, label, hint])
      : el("div", { class: "field" }, [label, input, hint]);
    container.append(wrap);
    fields[spec.name] = { spec, input, hint, wrap };
    formFields.push(fields[spec.name]);
  });
  return fields;
}

export function setOptions(select, options) {
  const signature = JSON.stringify(options);
  if (select.dataset.options === signature) return;
  const value = select.value;
  patchOptions(select, options);
  select.dataset.options = signature;
  select.value = value;
}

// The options as asked, keeping those already there in place: selecting another of hundreds
// of services changes two options of its "replica of" (itself out, the last one back in).
function patchOptions(select, options) {
  const keyOf = (option) => `${option.value}\n${option.textContent}`;
  // Those no longer asked for go first, so that one left out does not shift all the others.
  const wanted = new Set(options.map(([value, text]) => `${value}\n${text}`));
  [...select.options].forEach((option) => {
    if (!wanted.has(keyOf(option))) option.remove();
  });
  let spare = null; // the options not yet placed, by value and text, once one is out of place
  let at = select.firstElementChild;
  options.forEach(([value, text]) => {
    if (at && at.value === value && at.textContent === text) {
      if (spare) spare.delete(keyOf(at));
      at = at.nextElementSibling;
      return;
    }
    if (!spare) {
      spare = new Map();
      for (let o = at; o; o = o.nextElementSibling) spare.set(keyOf(o), o);
    }
    const key = `${value}\n${text}`;
    // new Option, not element(): an empty value must stay an attribute ("" is the default).
    const option = spare.get(key) || new Option(text, value);
    spare.delete(key);
    select.insertBefore(option, at);
  });
  while (at) {
    const next = at.nextElementSibling;
    at.remove();
    at = next;
  }
}

// A select of hundreds of options that is seldom opened (a link's target): its options are
// built once the browser is idle after the change that asked for them, or at once when the
// user reaches for it (focus, press, key) or when fillOptions asks, not in the interaction.
const pendingOptions = new Map(); // select -> () => options
export function setOptionsLater(select, options) {
  if (!select.dataset.later) {
    select.dataset.later = "true";
    ["focus", "pointerdown", "keydown"].forEach((type) => select.addEventListener(type, () => fillOptions(select)));
  }
  pendingOptions.set(select, options);
  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 50));
  idle(() => fillOptions(select), { timeout: 500 });
}
export function fillOptions(select) {
  const options = pendingOptions.get(select);
  if (!options) return;
  pendingOptions.delete(select);
  setOptions(select, options());
}

export function showValue(field, value) {
  const { spec, input } = field;
  if (document.activeElement === input) return; // never overwrite what is being typed
  if (spec.type === "checkbox") {
    input.checked = value === true;
    return;
  }
  let text = value === undefined || value === null ? "" : value;
  if (typeof text !== "string") text = typeof text === "object" ? JSON.stringify(text) : String(text);
  if (spec.type === "select" && ![...input.options].some((o) => o.value === text)) {
    const option = new Option(text ? `${text} (unknown)` : "choose…", text);
    if (text) input.append(option);
    else input.prepend(option);
  }
  if (input.value !== text) input.value = text;
}

// The server's echo of the number in a field ("= 64 GB"), when it says more than the field.
export function echoOf(field) {
  const text = field.wrap.dataset.paths ? state.echo[field.wrap.dataset.paths] : undefined;
  return text && text !== field.input.value.trim() ? `= ${text}` : "";
}

export function showHint(field, target) {
  const { spec, input, hint } = field;
  field.target = target;
  const parts = [];
  if (spec.unit) parts.push(spec.unit);
  const echo = echoOf(field);
  if (echo) parts.push(echo);
  const placeholder = spec.placeholder ? spec.placeholder(target || {}) : "";
  if (spec.type !== "select" && spec.type !== "checkbox") {
    input.placeholder = placeholder === "" ? "" : String(placeholder);
    if (placeholder !== "" && placeholder !== "none" && spec.type !== "text") {
      parts.push(`default: ${placeholder}`);
    }
  }
  if (spec.help) parts.push(spec.help);
  if (spec.note) parts.push(spec.note(target));
  hint.textContent = parts.filter(Boolean).join(" · ");
}

// The hints again, for the same objects, once a check brought new echoes.
export function renderHints() {
  formFields.filter((field) => field.target !== undefined)
    .forEach((field) => showHint(field, field.target));
}

export function readInput(spec, input) {
  if (spec.type === "checkbox") return input.checked ? true : undefined;
  if (spec.type === "select" || spec.type === "text" || spec.type === "textarea") {
    return input.value === "" ? undefined : input.value;
  }
  const text = input.value.trim();
  if (text === "") return undefined;
  const value = parseNumber(text, spec.type === "bytes");
  return value === null ? input.value : value;
}
export function setPaths(field, base) {
  const path = field.spec.path || [field.spec.name];
  if (base === null) {
    delete field.wrap.dataset.paths;
    delete field.wrap.dataset.fallbackPaths;
    return;
  }
  if (!field.spec.virtual) field.wrap.dataset.paths = join(base, path.join("."));
  const fallback = (field.spec.fallback || []).map((name) => join(base, name));
  if (fallback.length) field.wrap.dataset.fallbackPaths = fallback.join(" ");
}

// Replaces a list's items when what they show changed, keeping the keyboard focus on the
// item it was on (items are found again by their data-testid).
export function replaceItems(container, items) {
  const signature = items.map((item) => item.outerHTML).join("");
  if (container.dataset.signature === signature) return false;
  const focused = container.contains(document.activeElement)
    ? document.activeElement.getAttribute("data-testid") : null;
  container.dataset.signature = signature;
  container.replaceChildren(...items);
  if (focused) {
    const again = container.querySelector(`[data-testid="${focused}"]`);
    if (again) again.focus();
  }
  return true;
}

// What a field's change tells the history: typing in it (its "input" events) is one undo
// step per pause (state.js coalesces by the field's id); a choice is a step of its own.
export const typingIn = (input, eventType) => (eventType === "input" ? { coalesce: input.id } : {});
