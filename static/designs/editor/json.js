// The JSON tab: the document as text, checked, applied, copied or downloaded.
import { element as el } from "../../lib/dom.js";
import { change, state } from "./state.js";
import { $, isObject } from "./util.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// refreshJSON.
export function setupJSON(ctx) {
  const jsonText = $("json-text");
  const pretty = () => JSON.stringify(state.doc, null, 2);

  // Written only while its tab is shown (showTab calls this too): the whole document
  // pretty-printed is tens of kilobytes with hundreds of components, too much per keystroke.
  function refreshJSON() {
    if (state.tab !== "json" || state.jsonEdited || document.activeElement === jsonText) return;
    const text = pretty();
    if (jsonText.value !== text) jsonText.value = text;
  }
  function jsonNote(text) {
    $("json-note").textContent = text;
  }
  function showJSONErrors(errors) {
    const box = $("json-errors");
    box.replaceChildren(...errors.map((e) => el("li", { "data-testid": "json-error" }, [
      e.field ? el("code", { text: e.field }) : null, document.createTextNode(`${e.field ? ": " : ""}${e.message}`)])));
    box.hidden = errors.length === 0;
  }
  jsonText.addEventListener("input", () => {
    state.jsonEdited = true;
    jsonNote("Edited here: apply it to the editor, or reset to the editor's document.");
  });

  function parseJSONText() {
    try {
      const value = JSON.parse(jsonText.value);
      if (!isObject(value)) return { error: "The document must be a JSON object: { ... }." };
      return { value };
    } catch (error) {
      return { error: `Not valid JSON: ${error.message}` };
    }
  }

  $("json-validate").addEventListener("click", async () => {
    const parsed = parseJSONText();
    if (parsed.error) {
      showJSONErrors([{ field: "", message: parsed.error }]);
      return;
    }
    jsonNote("Checking…");
    const result = await ctx.check(jsonText.value);
    if (!result) {
      jsonNote("Could not reach the server to check it.");
      return;
    }
    showJSONErrors(result.errors);
    jsonNote(result.errors.length ? `${result.errors.length} problem(s): see below.` : "No problems: it can be applied and saved.");
  });

  $("json-apply").addEventListener("click", () => {
    const parsed = parseJSONText();
    if (parsed.error) {
      showJSONErrors([{ field: "", message: parsed.error }]);
      jsonNote("Not applied: nothing in the editor changed.");
      return;
    }
    showJSONErrors([]);
    state.jsonEdited = false;
    ctx.loadDocument(parsed.value);
    change("Apply the JSON");
    jsonNote("Applied to the editor. Problems, if any, are listed at the top of the page.");
  });

  $("json-reset").addEventListener("click", () => {
    state.jsonEdited = false;
    showJSONErrors([]);
    jsonText.value = pretty();
    jsonNote("The editor's document.");
  });

  $("json-copy").addEventListener("click", async () => {
    const text = state.jsonEdited ? jsonText.value : pretty();
    try {
      await navigator.clipboard.writeText(text);
      jsonNote("Copied to the clipboard.");
    } catch {
      jsonText.focus();
      jsonText.select();
      jsonNote(document.execCommand && document.execCommand("copy")
        ? "Copied to the clipboard." : "Selected: copy it with Ctrl+C.");
    }
  });

  $("json-download").addEventListener("click", () => {
    const text = state.jsonEdited ? jsonText.value : pretty();
    const name = (state.design && state.design.slug)
      || String(state.doc.name || "design").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
      || "design";
    const url = URL.createObjectURL(new Blob([text + "\n"], { type: "application/json" }));
    const link = el("a", { href: url, download: `${name}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  Object.assign(ctx, { refreshJSON });
}
