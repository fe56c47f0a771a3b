// The design page: draws the Plotly charts, and while the estimate is queued or running
// polls its status and reloads the page once it is done (or failed); the what-if panel;
// while a simulation is queued or running, its progress bar (reloaded once it is done).
(function () {
  "use strict";

  var CONFIG = { displaylogo: false, responsive: true };

  function drawCharts() {
    if (typeof window.Plotly === "undefined") {
      return;
    }
    document.querySelectorAll("[data-figure]").forEach(function (element) {
      var source = document.getElementById(element.dataset.figure);
      if (!source) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(element, figure.data, figure.layout, CONFIG);
    });
  }

  // Every second for the first minute, then every three; a throttled answer (429) waits
  // as long as the server asks.
  function pollEstimate() {
    var status = document.getElementById("estimate-status");
    if (!status || !status.dataset.estimateUrl) {
      return;
    }
    var label = status.querySelector("[data-status-text]");
    var polls = 0;

    function next(delay) {
      window.setTimeout(poll, delay);
    }

    function poll() {
      polls += 1;
      fetch(status.dataset.estimateUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (response.status === 429) {
            var wait = Number(response.headers.get("Retry-After")) || 5;
            next(wait * 1000);
            return null;
          }
          if (response.status === 404) {
            window.location.reload(); // the design changed under us: show what it is now
            return null;
          }
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(function (estimate) {
          if (!estimate) {
            return;
          }
          if (estimate.status === "done" || estimate.status === "failed") {
            window.location.reload();
            return;
          }
          status.dataset.estimateStatus = estimate.status;
          if (label) {
            label.textContent = estimate.status;
          }
          next(polls < 60 ? 1000 : 3000);
        })
        .catch(function () {
          next(5000);
        });
    }

    next(1000);
  }

  // ---- the simulation: its progress bar follows the API's progress until it is done ----

  function pollSimulation() {
    var status = document.getElementById("simulation-status");
    if (!status || !status.dataset.simulationUrl) {
      return;
    }
    var bar = status.querySelector("progress");
    var label = status.querySelector("[data-status-text]");
    var polls = 0;

    function next(delay) {
      window.setTimeout(poll, delay);
    }

    function poll() {
      polls += 1;
      fetch(status.dataset.simulationUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (response.status === 429) {
            next((Number(response.headers.get("Retry-After")) || 5) * 1000);
            return null;
          }
          if (response.status === 404) {
            window.location.reload();
            return null;
          }
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(function (simulation) {
          if (!simulation) {
            return;
          }
          if (simulation.status === "done" || simulation.status === "failed") {
            window.location.reload();
            return;
          }
          if (bar) {
            bar.value = simulation.progress;
          }
          if (label) {
            label.textContent = simulation.status;
          }
          status.dataset.progress = String(simulation.progress);
          next(polls < 60 ? 1000 : 3000);
        })
        .catch(function () {
          next(5000);
        });
    }

    next(1000);
  }

  // ---- the what-if panel: POST the scenario to the API, show what remains ----

  // The form's token (the cookie may be HttpOnly), else the cookie's.
  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function scenario(form) {
    var body = { failed: [], lost_instances: {}, zones: [] };
    form.querySelectorAll("input[name=failed]:checked").forEach(function (box) {
      body.failed.push(box.value);
    });
    form.querySelectorAll("input[name=lost]").forEach(function (input) {
      var lost = parseInt(input.value, 10);
      if (lost > 0 && body.failed.indexOf(input.dataset.key) === -1) {
        body.lost_instances[input.dataset.key] = lost;
      }
    });
    form.querySelectorAll("input[name=zones]:checked").forEach(function (box) {
      body.zones.push(box.value);
    });
    return body;
  }

  function row(cells, header) {
    var tr = document.createElement("tr");
    cells.forEach(function (text, index) {
      tr.appendChild(element(index === 0 && header ? "th" : "td", text, index ? "num" : ""));
    });
    return tr;
  }

  function showResult(target, answer) {
    target.replaceChildren();
    var stopped = answer.stopped_workloads;
    target.appendChild(element("p", stopped.length
      ? "Stopped: " + stopped.join(", ") + "."
      : "No workload stops.", stopped.length ? "flag-line" : ""));
    target.dataset.stopped = stopped.join(",");
    target.appendChild(element("p", "Availability that remains: " +
      answer.availability.overall_text + " (requests served at peak: " +
      answer.availability.requests_served_text + ")."));
    var routes = element("table", undefined, "figures compact");
    routes.appendChild(row(["Workload", "Availability"], true));
    answer.availability.workloads.forEach(function (w) {
      routes.appendChild(row([w.name, w.availability_text], true));
    });
    target.appendChild(routes);
    var use = element("table", undefined, "figures compact");
    use.appendChild(row(["Component", "Instances", "Peak use"], true));
    answer.components.forEach(function (c) {
      use.appendChild(row([c.key, String(c.instances), c.utilization_text], true));
    });
    target.appendChild(use);
    var amplified = answer.retries;
    if (amplified && amplified.steps.length) {
      target.appendChild(element("p", "Retry amplification: attempts per call and calls " +
        "lost on each step with a timeout or retries, before and after the failure."));
      var steps = element("table", undefined, "figures compact");
      steps.dataset.testid = "whatif-retries";
      steps.appendChild(row(["Step", "Attempts before", "Attempts after", "Calls lost after"],
        true));
      amplified.steps.forEach(function (s) {
        steps.appendChild(row([s.workload + " → " + s.key, s.attempts_per_call_before_text,
          s.attempts_per_call_after_text, s.call_failure_after_text], true));
      });
      target.appendChild(scrolling(steps));
      var loads = element("table", undefined, "figures compact");
      loads.appendChild(row(["Component", "Peak load before", "Peak load after"], true));
      amplified.components.forEach(function (c) {
        loads.appendChild(row([c.key, c.peak_load_rps_before_text, c.peak_load_rps_after_text],
          true));
      });
      target.appendChild(scrolling(loads));
    }
  }

  // A wide table scrolls inside its frame on a narrow screen.
  function scrolling(table) {
    var frame = element("div", undefined, "scroll");
    frame.appendChild(table);
    return frame;
  }

  function whatIf() {
    var form = document.querySelector("[data-testid=whatif-form]");
    var target = document.querySelector("[data-testid=whatif-result]");
    if (!form || !target) {
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      target.textContent = "Estimating…";
      fetch(form.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": csrfToken(form),
        },
        body: JSON.stringify(scenario(form)),
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            return { ok: response.ok, answer: answer };
          });
        })
        .then(function (reply) {
          if (reply.ok) {
            showResult(target, reply.answer);
          } else {
            target.textContent = "Not estimated: " + JSON.stringify(reply.answer);
          }
        })
        .catch(function () {
          target.textContent = "The what-if could not be estimated; try again.";
        });
    });
  }

  drawCharts();
  pollEstimate();
  pollSimulation();
  whatIf();
})();
