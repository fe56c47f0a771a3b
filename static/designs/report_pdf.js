// The PDF report page: while a worker builds the PDF, polls the report's status and, once it
// is done, offers the download (or shows why it failed). A 404 reloads the page: the design
// was saved again, and the page asks for its new version.
import { poll } from "../lib/http.js";

function show(root, report) {
  const building = document.getElementById("report-building");
  root.dataset.status = report.status;
  if (report.status === "done") {
    building.hidden = true;
    document.getElementById("report-ready").hidden = false;
    document.getElementById("report-download").focus();
    return false;
  }
  if (report.status === "failed") {
    const failed = document.getElementById("report-failed");
    building.hidden = true;
    failed.querySelector("[data-error-text]").textContent = report.error;
    failed.hidden = false;
    return false;
  }
  building.querySelector("[data-status-text]").textContent = report.status;
  return true;
}

const root = document.getElementById("report-pdf");
if (root && root.dataset.status !== "done" && root.dataset.status !== "failed") {
  poll(root.dataset.statusUrl, (report) => show(root, report));
}
