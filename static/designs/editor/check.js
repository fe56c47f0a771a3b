// The server's check of the draft, one request a pause after an edit: POST
// /api/validate/?live=1 answers with the engine's errors and the echo of the numbers typed,
// and, when the draft is valid, with the live estimate the canvas shows. Sent 200 ms after
// the last change (the canvas follows within 300 ms), and at least every 1.2 s while typing
// goes on. A newer check aborts the one on its way: only the newest answer is applied.
// With a failure what-if (scenario.js) the body is {"document", "failures"}: the answer's
// paths then start with "document." (stripped here, so that they name the editor's fields)
// or "failures." (kept apart, as answer.body.failureErrors, for the failure controls).
import { request } from "../../lib/http.js";
import { state } from "./state.js";
import { scenarioBody } from "./scenario.js";
import { readBody } from "./util.js";

const DELAY = 200; // ms after the last change
const LONGEST = 1200; // ms from the first change not yet checked

let ctx;
let timer = null;
let pendingSince = 0;
let sequence = 0;
let onItsWay = null; // the AbortController of the request on its way

// `context`: root (its data-validate-url), applyCheck (errors, echo) and applyLive (canvas).
export function setupCheck(context) {
  ctx = context;
}

export function scheduleCheck() {
  clearTimeout(timer);
  if (!pendingSince) pendingSince = Date.now();
  const wait = Math.max(0, Math.min(DELAY, pendingSince + LONGEST - Date.now()));
  timer = setTimeout(checkNow, wait);
}

export async function checkNow() {
  clearTimeout(timer);
  pendingSince = 0;
  if (onItsWay) onItsWay.abort();
  const controller = new AbortController();
  onItsWay = controller;
  const mine = ++sequence;
  const revision = state.revision;
  state.echoStale = [];
  const failures = scenarioBody();
  const body = failures ? { document: state.doc, failures } : state.doc;
  const answer = fromEnvelope(await send(JSON.stringify(body), controller.signal));
  if (mine !== sequence) return; // a newer check is on its way
  onItsWay = null;
  ctx.applyCheck(answer, revision);
  ctx.applyLive(answer, revision);
}

// Resolves once the errors describe the document as it is (saving waits for it).
export function flushCheck() {
  if (state.validated === state.revision) return Promise.resolve();
  return checkNow();
}

// The answer with the document's paths as a bare document's ("components[1].instances"),
// the scenario's errors in body.failureErrors (none without a scenario).
function fromEnvelope(answer) {
  if (!answer || answer === "aborted" || !answer.body || typeof answer.body !== "object") return answer;
  const strip = (path) => (path === "document" ? "" : path.replace(/^document\./, ""));
  const errors = Array.isArray(answer.body.errors) ? answer.body.errors : [];
  const isScenario = (error) => /^failures(\.|$)/.test(error.field || "");
  const body = {
    ...answer.body,
    errors: errors.filter((error) => !isScenario(error))
      .map((error) => ({ ...error, field: strip(error.field || "") })),
    failureErrors: errors.filter(isScenario),
  };
  if (answer.body.echo) {
    body.echo = Object.fromEntries(Object.entries(answer.body.echo).map(([path, text]) => [strip(path), text]));
  }
  if (!Array.isArray(answer.body.errors)) delete body.errors;
  return { ...answer, body };
}

// { ok, status, body }; null when the server could not be reached, "aborted" when replaced.
async function send(text, signal) {
  try {
    const response = await request(`${ctx.root.dataset.validateUrl}?live=1`, {
      method: "POST", body: text, signal,
    });
    return { ok: response.ok, status: response.status, body: await readBody(response) };
  } catch (error) {
    return error && error.name === "AbortError" ? "aborted" : null;
  }
}
