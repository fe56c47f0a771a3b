// The design page: draws the Plotly charts, and while the estimate is queued or running
// polls its status and reloads the page once it is done (or failed).
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

  drawCharts();
  pollEstimate();
})();
