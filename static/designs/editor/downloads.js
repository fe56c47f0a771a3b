// The editor's menu of formats to download the design in, as drawn now (saved or not),
// through POST /api/export/<format>/; a 400 (the draft has problems) is said beside the menu.
// (tests/tooling/test_static_module_imports.py says why this header avoids a word.)
import { request } from "../../lib/http.js";
import { state } from "./state.js";
import { $ } from "./util.js";

export function setupDownloads(ctx) {
  const menu = $("export-menu");
  if (!menu) return;
  const status = $("export-status");

  async function download(format, label) {
    status.textContent = `Exporting ${label}…`;
    let response;
    try {
      // The page names the JSON export's address; the others differ by the last segment.
      response = await request(ctx.root.dataset.exportUrl.replace(/json\/$/, `${format}/`), {
        method: "POST", body: JSON.stringify(state.doc),
      });
    } catch {
      status.textContent = "Not exported: the server could not be reached.";
      return;
    }
    if (!response.ok) {
      let detail = `the server answered ${response.status}`;
      try {
        detail = (await response.json()).detail || detail;
      } catch { /* not JSON: keep the status */ }
      status.textContent = `Not exported: ${detail}.`;
      return;
    }
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = disposition.match(/filename="([^"]+)"/);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = match ? match[1] : `design.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status.textContent = `Exported: ${link.download}.`;
    menu.open = false;
  }

  menu.querySelectorAll("[data-export-format]").forEach((button) => {
    button.addEventListener("click", () => download(button.dataset.exportFormat, button.textContent));
  });
}
