// The design page: draws the Plotly charts, and while the estimate is queued or running
// polls its status and reloads the page once it is done (or failed); the what-if panel;
// while a simulation is queued or running, its progress bar (reloaded once it is done).
import { element } from "../lib/dom.js";
import { fetchJson, poll } from "../lib/http.js";
import { drawCharts } from "../lib/charts.js";
import { shadeScrollBoxes } from "../lib/side_scroll.js";
import { zoomableDiagram } from "./diagram_zoom.js";

const finished = (work) => work.status === "done" || work.status === "failed";

function pollEstimate() {
  const status = document.getElementById("estimate-status");
  if (!status || !status.dataset.estimateUrl) {
    return;
  }
  const label = status.querySelector("[data-status-text]");
  poll(status.dataset.estimateUrl, (estimate) => {
    if (finished(estimate)) {
      window.location.reload();
      return false;
    }
    status.dataset.estimateStatus = estimate.status;
    if (label) {
      label.textContent = estimate.status;
    }
    return true;
  });
}

// ---- the simulation: its progress bar follows the API's progress until it is done ----

function pollSimulation() {
  const status = document.getElementById("simulation-status");
  if (!status || !status.dataset.simulationUrl) {
    return;
  }
  const bar = status.querySelector("progress");
  const label = status.querySelector("[data-status-text]");
  poll(status.dataset.simulationUrl, (simulation) => {
    if (finished(simulation)) {
      window.location.reload();
      return false;
    }
    if (bar) {
      bar.value = simulation.progress;
    }
    if (label) {
      label.textContent = simulation.status;
    }
    status.dataset.progress = String(simulation.progress);
    return true;
  });
}

// ---- the what-if panel: POST the scenario to the API, show what remains ----

function scenario(form) {
  const body = { failed: [], lost_instances: {}, zones: [] };
  form.querySelectorAll("input[name=failed]:checked").forEach((box) => {
    body.failed.push(box.value);
  });
  form.querySelectorAll("input[name=lost]").forEach((input) => {
    const lost = parseInt(input.value, 10);
    if (lost > 0 && !body.failed.includes(input.dataset.key)) {
      body.lost_instances[input.dataset.key] = lost;
    }
  });
  form.querySelectorAll("input[name=zones]:checked").forEach((box) => {
    body.zones.push(box.value);
  });
  return body;
}

// The what-if's tables look like the page's own: a head row in <thead>, each row headed by
// its first cell, components by name with their key beneath (as the form above lists them),
// every cell but the first a number. A cell is text or a node.
function cell(tag, content, index) {
  const attributes = { class: index ? "num" : undefined, scope: tag === "th" ? "row" : undefined };
  return typeof content === "string" ? element(tag, { ...attributes, text: content })
    : element(tag, attributes, [content]);
}

function table(head, rows, testid) {
  const headRow = element("tr", {}, head.map((text, index) =>
    element("th", { text, scope: "col", class: index ? "num" : undefined })));
  const bodyRows = rows.map((cells) => element("tr", {},
    cells.map((content, index) => cell(index ? "td" : "th", content, index))));
  return element("table", { class: "figures compact", "data-testid": testid },
    [element("thead", {}, [headRow]), element("tbody", {}, bodyRows)]);
}

// A wide table scrolls inside its frame on a narrow screen.
const scrolling = (wide) => element("div", { class: "scroll" }, [wide]);

// Components' names, from the form (its checkboxes carry them): the answer names keys only.
function componentNames(form) {
  const names = new Map();
  form.querySelectorAll("input[name=failed]").forEach((box) => {
    names.set(box.value, box.dataset.name || box.value);
  });
  return (key) => {
    const name = names.get(key) || key;
    return name === key ? key : element("span", {}, [name, element("div", { class: "muted", text: key })]);
  };
}

const subheading = (text) => element("h3", { text });

function retryTables(amplified, named) {
  return [
    subheading("Retry amplification"),
    element("p", { class: "muted", text: "Attempts per call and calls lost on each step " +
      "with a timeout or retries, before and after the failure." }),
    scrolling(table(["Step", "Attempts before", "Attempts after", "Calls lost after"],
      amplified.steps.map((s) => [`${s.workload} → ${s.key}`, s.attempts_per_call_before_text,
        s.attempts_per_call_after_text, s.call_failure_after_text]), "whatif-retries")),
    scrolling(table(["Component", "Peak load before", "Peak load after"],
      amplified.components.map((c) => [named(c.key), c.peak_load_rps_before_text,
        c.peak_load_rps_after_text]))),
  ];
}

function showResult(target, answer, named) {
  const stopped = answer.stopped_workloads;
  const availability = answer.availability;
  target.replaceChildren(
    subheading("What remains"),
    element("p", {
      text: stopped.length ? `Stopped: ${stopped.join(", ")}.` : "No workload stops.",
      class: stopped.length ? "flag-line" : undefined,
    }),
    element("p", { class: "big-figure", "data-testid": "whatif-availability" }, [
      availability.overall_text, " ",
      element("span", { class: "muted", text: "availability remains" })]),
    element("p", {}, ["Requests served at peak: ",
      element("strong", { text: availability.requests_served_text }),
      " ", element("span", { class: "muted", text: "(components up, and not shed)" })]),
    subheading("Per workload"),
    scrolling(table(["Workload", "Availability"],
      availability.workloads.map((w) => [w.name, w.availability_text]), "whatif-workloads")),
    subheading("Per component"),
    scrolling(table(["Component", "Instances", "Peak use"],
      answer.components.map((c) => [named(c.key), String(c.instances), c.utilization_text]),
      "whatif-components")),
    ...(answer.retries && answer.retries.steps.length ? retryTables(answer.retries, named) : []),
  );
  target.dataset.stopped = stopped.join(",");
}

// A refusal (400) as the page shows errors: each message in the error box, naming its field.
function showRefusal(target, body) {
  const errors = body && Array.isArray(body.errors) ? body.errors
    : [{ field: "", message: body && body.detail ? String(body.detail) : "The what-if was refused." }];
  target.replaceChildren(element("div", { class: "error-box", role: "alert" },
    errors.map((e) => element("p", { text: e.field ? `${e.field}: ${e.message}` : e.message }))));
}

function whatIf() {
  const form = document.querySelector("[data-testid=whatif-form]");
  const target = document.querySelector("[data-testid=whatif-result]");
  if (!form || !target) {
    return;
  }
  const named = componentNames(form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    target.textContent = "Estimating…";
    try {
      const reply = await fetchJson(form.dataset.url,
        { method: "POST", json: scenario(form), form });
      if (reply.ok) {
        showResult(target, reply.body, named);
      } else {
        showRefusal(target, reply.body);
      }
    } catch {
      target.textContent = "The what-if could not be estimated; try again.";
    }
  });
}

const diagram = document.getElementById("diagram-frame");
if (diagram) {
  zoomableDiagram(diagram);
}
shadeScrollBoxes();
drawCharts();
pollEstimate();
pollSimulation();
whatIf();
