// Small pure helpers of the editor: paths into the document, numbers as typed, positions.
// Nothing here reads the page's state.

export const $ = (id) => document.getElementById(id);

export function readJSON(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
export const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
export const stepKey = (step) => (isObject(step) ? step.key : step);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A stable id per document object (the canvas's element ids), for as long as the object lives.
const uids = new WeakMap();
let nextUid = 1;
export function uid(object) {
  if (!uids.has(object)) uids.set(object, "e" + nextUid++);
  return uids.get(object);
}
export const hasUid = (object) => uids.has(object);

// What a number field holds: a number, nothing (the default), or the text as typed when it
// is no number, for the engine to name. Bytes accept decimal units: 64GB, 1.5 TB, 2KiB.
const BYTE_FACTORS = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 };
export function parseNumber(text, bytes) {
  const clean = text.replace(/[,_\s]/g, "");
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?:([kmgtpe])(i)?)?(b)?$/i.exec(clean);
  if (!match || ((match[2] || match[4]) && !bytes)) return null;
  let value = Number(match[1]);
  if (match[2]) {
    const factor = match[3] ? 1024 ** ("kmgtpe".indexOf(match[2].toLowerCase()) + 1)
      : BYTE_FACTORS[match[2].toLowerCase()];
    value = Math.round(value * factor);
  }
  return Number.isFinite(value) ? value : null;
}

// Sets (or, with undefined, removes) the value at a path, dropping objects left empty.
export function assign(target, path, value) {
  const [head, ...rest] = path;
  if (!rest.length) {
    if (value === undefined) delete target[head];
    else target[head] = value;
    return;
  }
  if (!isObject(target[head])) {
    if (value === undefined) return;
    target[head] = {};
  }
  assign(target[head], rest, value);
  if (!Object.keys(target[head]).length) delete target[head];
}

export function lookup(target, path) {
  return path.reduce((value, key) => (isObject(value) ? value[key] : undefined), target);
}

export const join = (base, name) => (base ? `${base}.${name}` : name);

// Error paths as the engine writes them: components[2].k, workloads[0].route[1].
export function parentPath(path) {
  const match = /^(.*)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return match ? match[1] : "";
}
export const under = (path, base) => path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);

export const roundPosition = (p) => ({ x: Math.round(p.x), y: Math.round(p.y) });
export const validPosition = (p) => isObject(p) && Number.isFinite(p.x) && Number.isFinite(p.y);

// A response's JSON, or {} when it has none (an HTML error page, an empty body).
export async function readBody(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}
