// The PDF report page: while a worker builds the PDF, polls the report's status and, once it
// is done, offers the download (or shows why it failed).
(function () {
  "use strict";

  var root = document.getElementById("report-pdf");
  if (!root || root.dataset.status === "done" || root.dataset.status === "failed") {
    return;
  }
  var building = document.getElementById("report-building");
  var ready = document.getElementById("report-ready");
  var failed = document.getElementById("report-failed");
  var label = building.querySelector("[data-status-text]");
  var polls = 0;

  function next(delay) {
    window.setTimeout(poll, delay);
  }

  function show(report) {
    root.dataset.status = report.status;
    if (report.status === "done") {
      building.hidden = true;
      ready.hidden = false;
      document.getElementById("report-download").focus();
    } else if (report.status === "failed") {
      building.hidden = true;
      failed.querySelector("[data-error-text]").textContent = report.error;
      failed.hidden = false;
    } else {
      label.textContent = report.status;
      next(polls < 60 ? 1000 : 3000); // every second for a minute, then every three
    }
  }

  function poll() {
    polls += 1;
    fetch(root.dataset.statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (response.status === 429) {
          next((Number(response.headers.get("Retry-After")) || 5) * 1000);
          return null;
        }
        if (response.status === 404) {
          window.location.reload(); // the design was saved again: ask for its new version
          return null;
        }
        return response.ok ? response.json() : Promise.reject(response.status);
      })
      .then(function (report) {
        if (report) {
          show(report);
        }
      })
      .catch(function () {
        next(5000);
      });
  }

  next(1000);
})();
