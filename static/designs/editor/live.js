// The live estimate: the draft's load on the canvas, its figures in the strip.
import { element as el } from "../../lib/dom.js";
import { list, state } from "./state.js";
import { relabel } from "./canvas.js";
import { $ } from "./util.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// applyLive, showLive.
export function setupLive(ctx) {
  const { root } = ctx;

  // The check's answer (check.js) for the canvas: POST /api/validate/?live=1 answers a
  // valid draft with the live estimate (as POST /api/estimate/live/) and an invalid one with
  // 200 and its errors, so that typing costs no 400 in the console.
  function applyLive(answer, revision) {
    if (!list("workloads").length) {
      showLive(null, "No workloads yet: add one (Workloads tab) and the canvas shows its load.", "empty");
      return;
    }
    const problems = answer && answer.ok && Array.isArray(answer.body.errors) ? answer.body.errors.length : 0;
    const scenarioProblems = answer && answer.ok ? answer.body.failureErrors || [] : [];
    ctx.showFailureErrors(scenarioProblems);
    if (problems) {
      showLive(null, `Live estimate paused: the draft has ${problems} problem${problems > 1 ? "s" : ""} (shown at the fields).`, "invalid");
    } else if (scenarioProblems.length) {
      showLive(null, `Live estimate paused: the failure what-if does not fit the draft (${scenarioProblems.map((e) => e.message).join("; ")}).`, "invalid");
    } else if (answer && answer.ok && answer.body.live) showLive(answer.body.live, "", "done", revision);
    else if (answer && answer.status === 429) showLive(state.liveBody, "Live estimate paused: too many requests just now; the next change tries again.", "failed");
    else showLive(state.liveBody, "Could not estimate the draft just now: the next change tries again.", "failed");
  }

  // Apply an answer (or none: the nodes lose their load) to the nodes and the strip.
  function showLive(body, message, tone, revision) {
    state.liveBody = body;
    state.live = new Map(body ? body.components.map((c) => [c.key, c]) : []);
    relabel();
    const strip = $("live-strip");
    strip.dataset.state = tone === "done" && body.components.some((c) => c.band === "hot") ? "over" : tone;
    if (revision !== undefined) strip.dataset.revision = String(revision);
    $("live-status").textContent = message || liveSummary(body);
    $("live-figures").replaceChildren(...(body ? liveFigures(body) : []));
    $("live-slos").replaceChildren(...(body ? body.slos.map((slo) => el("li", {
      class: slo.met ? "met" : "missed", "data-testid": "live-slo",
      text: `${slo.label}: ${slo.verdict} (${slo.text})` })) : []));
    ctx.showLiveFailures(body);
    root.dispatchEvent(new CustomEvent("editor:live", { detail: { tone } }));
  }

  function liveSummary(body) {
    const first = body.first_saturating;
    const over = body.components.filter((c) => c.band === "hot").map((c) => c.name);
    const parts = [over.length ? `Past capacity: ${over.join(", ")}.` : "Nothing past capacity."];
    if (first) parts.push(`First to saturate: ${first.name} (headroom ${first.headroom_text}).`);
    const what = body.failures ? "What-if estimate of the draft after the failures" : "Live estimate of the draft";
    return `${what} (not saved). ${parts.join(" ")}`;
  }

  function liveFigures(body) {
    const rows = [...body.figures.map((f) => [f.key, f.label, f.text]),
      ...body.workloads.map((w, i) => [`p99-${i}`, `p99 of ${w.name}`, w.p99_text])];
    return rows.map(([key, label, text]) => el("div", {}, [
      el("dt", { text: label }), el("dd", { text, "data-live": key })]));
  }

  Object.assign(ctx, { applyLive, showLive });
}
