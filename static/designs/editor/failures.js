// The failure what-if's controls: "Fail this component" and "Instances lost" on the selected
// component's panel, zones down in the canvas toolbar's Failures panel, and the what-if
// banner with "Clear all failures" above the live strip; and what the live answer says of
// the failures (the workloads stopped, the availability left, the retry amplification).
// The scenario itself is scenario.js: never the document, so a what-if dirties nothing and
// Undo never sees it; each change asks the server again (check.js).
import { element as el } from "../../lib/dom.js";
import { componentLabel, components, state } from "./state.js";
import { $ } from "./util.js";
import { scheduleCheck } from "./check.js";
import {
  clearFailures, describeFailures, designZones, downWithZone, instancesOf, isFailed,
  lostInstances, setFailed, setLost, setZoneDown, zoneIsDown,
} from "./scenario.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// renderFailures, showLiveFailures, showFailureErrors.
export function setupFailures(ctx) {
  const button = $("failures-button");
  const panel = $("failures-panel");
  const failBox = $("fail-component");
  const lostInput = $("instances-lost");

  // The scenario changed: controls and banner now, the canvas and strip once the server answers.
  function scenarioChanged() {
    renderFailures();
    scheduleCheck();
  }

  function renderFailures() {
    const phrases = describeFailures();
    button.textContent = phrases.length ? `Failures (${phrases.length})` : "Failures";
    $("whatif-banner").hidden = phrases.length === 0;
    $("whatif-text").textContent = phrases.join(", ");
    if (!phrases.length) showFailureErrors([]);
    renderZones();
    renderComponentFailure();
  }

  // One checkbox a zone; drawn anew only when the zones change, so that the focus stays.
  function renderZones() {
    const zones = designZones();
    const list = $("failure-zones");
    $("failure-zones-none").hidden = zones.length > 0;
    if (list.dataset.zones !== JSON.stringify(zones)) {
      list.dataset.zones = JSON.stringify(zones);
      list.replaceChildren(...zones.map(zoneItem));
    }
    list.querySelectorAll("input").forEach((box) => {
      box.checked = zoneIsDown(box.dataset.zone);
    });
  }

  function zoneItem(zone, index) {
    const box = el("input", { type: "checkbox", id: `zone-down-${index}`, "data-testid": "zone-down",
      "data-zone": zone });
    box.addEventListener("change", () => {
      setZoneDown(zone, box.checked);
      scenarioChanged();
    });
    return el("li", {}, [box, el("label", { for: box.id, text: `Zone ${zone} down` })]);
  }

  function renderComponentFailure() {
    const c = state.selected;
    if (!c || !components().includes(c)) return;
    const instances = instancesOf(c);
    const failed = isFailed(c);
    const zone = downWithZone(c);
    failBox.checked = failed;
    $("fail-component-hint").textContent = zone ? `Down with zone ${zone}.` : "";
    lostInput.max = String(Math.max(0, instances - 1));
    lostInput.disabled = failed || instances < 2;
    if (document.activeElement !== lostInput) lostInput.value = String(failed ? instances : lostInstances(c));
    $("instances-lost-hint").textContent = instances < 2
      ? "It has one instance: fail it instead."
      : `of ${instances}; losing all ${instances} is failing it.`;
  }

  failBox.addEventListener("change", () => {
    if (!state.selected) return;
    setFailed(state.selected, failBox.checked);
    scenarioChanged();
  });
  lostInput.addEventListener("input", () => {
    const c = state.selected;
    const count = Number(lostInput.value);
    if (!c || lostInput.value === "" || !Number.isFinite(count)) return;
    setLost(c, count);
    scenarioChanged();
  });
  $("clear-failures").addEventListener("click", () => {
    clearFailures();
    scenarioChanged();
    button.focus(); // the banner holding the focused button is gone
  });

  function openPanel(open) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  button.addEventListener("click", () => openPanel(panel.hidden));
  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    openPanel(false);
    button.focus();
  });

  // The live answer's `failures` (docs/api.md), as the server wrote it; nothing without one.
  function showLiveFailures(body) {
    const failures = body && body.failures;
    const box = $("live-failures");
    box.hidden = !failures;
    // Striped while the figures shown are the degraded design's.
    $("live-strip").classList.toggle("what-if", Boolean(failures));
    box.replaceChildren(...(failures ? failureLines(failures) : []));
  }

  function failureLines(failures) {
    const left = failures.workloads.map((w) => `${w.name} ${w.availability_text}`).join(", ");
    return [
      el("p", { class: failures.stopped_workloads.length ? "stopped" : "", "data-testid": "live-stopped",
        text: `${failures.stopped_text}.` }),
      el("p", { "data-testid": "live-availability-left", text: `Availability left by workload: ${left}.` }),
      retryLines(failures.retries),
    ];
  }

  // Each step with a timeout or retries, then the load on what they call, before → after.
  function retryLines({ steps, components: loads }) {
    const name = (key) => componentLabel(components().find((c) => c.key === key) || { key });
    if (!steps.length) {
      return el("p", { "data-testid": "live-retries",
        text: "Retry amplification: none (no route step has a timeout or retries)." });
    }
    const lines = [
      ...steps.map((s) => `${s.workload} → ${name(s.key)}: ${s.attempts_per_call_before_text} → ${
        s.attempts_per_call_after_text} attempts a call, calls lost ${s.call_failure_before_text} → ${
        s.call_failure_after_text}`),
      ...loads.map((l) => `${name(l.key)} load at peak ${l.peak_load_rps_before_text} → ${l.peak_load_rps_after_text}`),
    ];
    return el("div", { "data-testid": "live-retries" }, [
      el("p", { text: "Retry amplification, before → after:" }),
      el("ul", {}, lines.map((text) => el("li", { text })))]);
  }

  // The scenario's own errors (paths under "failures."), by the Clear button.
  function showFailureErrors(errors) {
    const box = $("failure-errors");
    box.hidden = errors.length === 0;
    box.textContent = errors.map((e) => `${e.field.replace(/^failures\.?/, "") || "failures"}: ${e.message}`).join("; ");
  }

  Object.assign(ctx, { renderFailures, showLiveFailures, showFailureErrors });
  renderFailures();
}
