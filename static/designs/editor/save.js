// Saving through the REST API, conflicts with a newer version, and the saved version's estimate.
import { element as el } from "../../lib/dom.js";
import { request } from "../../lib/http.js";
import { change, isDirty, snapshot, state } from "./state.js";
import { flushCheck } from "./check.js";
import { $, readBody, sleep } from "./util.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js): save,
// setStatus, updateSave, updateDirty, watchEstimate.
export function setupSave(ctx) {
  const { root } = ctx;
  const saveButton = $("save");

  function setStatus(text, tone) {
    const status = $("save-status");
    status.textContent = text;
    status.dataset.tone = tone || "";
  }

  function updateSave() {
    const blocked = state.errors.length > 0;
    saveButton.disabled = blocked || state.saving;
    saveButton.textContent = state.saving ? "Saving…" : "Save";
    const hint = $("save-hint");
    hint.hidden = !blocked;
    hint.textContent = blocked
      ? `Saving is blocked until the ${state.errors.length === 1 ? "problem" : `${state.errors.length} problems`} listed above ${state.errors.length === 1 ? "is" : "are"} fixed. Nothing you typed is lost.`
      : "";
  }

  function updateDirty() {
    if (state.saving) return;
    const status = $("save-status");
    if (isDirty()) {
      setStatus(state.conflicted
        ? "Unsaved changes; a newer version exists (saving asks what to do)."
        : "Unsaved changes (a draft is kept in this browser).", "dirty");
    } else if (status.dataset.tone === "dirty") {
      setStatus(state.design ? `Version ${state.design.version}, saved.` : "Not saved yet.");
    }
  }

  function apiErrors(body) {
    return (body.errors || []).map((error) => {
      let field = error.field || "";
      if (field === "document") field = "";
      else if (field.startsWith("document.") || field.startsWith("document[")) {
        field = field.slice(field[8] === "." ? 9 : 8);
      }
      return { field, message: error.message };
    });
  }

  async function save(version) {
    if (state.saving) return;
    await flushCheck();
    if (state.errors.length) {
      updateSave();
      $("error-summary").focus();
      return;
    }
    state.saving = true;
    updateSave();
    setStatus("Saving…", "busy");
    const sent = snapshot();
    const payload = { document: state.doc, is_public: state.isPublic };
    let url = root.dataset.designsUrl;
    let method = "POST";
    if (state.design) {
      url = state.design.url;
      method = "PUT";
      payload.version = version || state.design.version;
      if (!version && await newerVersionExists()) {
        state.saving = false;
        updateSave();
        showConflict();
        return;
      }
    }
    let response;
    let body;
    try {
      response = await request(url, { method, body: JSON.stringify(payload) });
      body = await readBody(response);
    } catch {
      state.saving = false;
      updateSave();
      setStatus("Not saved: the server could not be reached. Your changes are kept in this browser; save again when it is back.", "error");
      return;
    }
    state.saving = false;
    updateSave();
    if (response.status === 200 || response.status === 201) saved(body, sent);
    else if (response.status === 409) showConflict();
    else if (response.status === 400) {
      state.errors = apiErrors(body);
      state.validated = state.revision;
      ctx.showErrors();
      updateSave();
      setStatus("Not saved: the server found the problems listed above.", "error");
    } else if (response.status === 401 || response.status === 403) {
      setStatus("Not saved: you are signed out, or may not change this design. Sign in again in another tab, then save: your changes are kept in this browser.", "error");
    } else {
      setStatus(`Not saved: ${body.detail || `the server answered ${response.status}`}. Your changes are kept in this browser.`, "error");
    }
  }
  saveButton.addEventListener("click", () => save());

  // Asked before a PUT, so that the usual conflict is found by reading; the PUT's version
  // check (409) still guards the moment between the two.
  async function newerVersionExists() {
    try {
      return (await latest()).version !== state.design.version;
    } catch {
      return false; // the PUT answers for itself
    }
  }

  // The answer is the version this save wrote, with that version's estimate (never a later
  // read, which could carry another writer's save): its version is what the next save sends,
  // so a save made since by someone else answers 409 instead of being overwritten.
  function saved(body, sent) {
    const wasNew = !state.design;
    // A rename moves the design's address (the old one redirects): the draft kept under the
    // old address goes, and the page's address follows.
    const moved = wasNew || state.design.slug !== body.slug;
    state.conflicted = false;
    if (moved) ctx.removeDraft();
    state.design = { id: body.id, slug: body.slug, version: body.version, url: body.links.self,
      html: body.links.html };
    state.baseline = sent;
    if (moved) {
      const editUrl = root.dataset.editUrl.replace("__slug__", body.slug);
      history.replaceState(null, "", editUrl);
    }
    $("editor-title").textContent = `Edit ${body.name}`;
    document.title = `Edit ${body.name} · Design estimator`;
    setStatus(`Saved: version ${body.version}.`, "saved");
    ctx.storeDraft();
    updateDirty();
    watchEstimate(body.estimate);
  }

  function showConflict() {
    const box = $("conflict");
    $("conflict-text").textContent = `You started from version ${state.design.version}; a newer version was saved since (in another tab or by another session). Reload the latest to see it (your changes here are dropped), overwrite it with your version, or keep editing (your changes stay here; saving will ask again).`;
    box.hidden = false;
    state.conflicted = true;
    setStatus("Not saved: a newer version exists.", "error");
    $("conflict-reload").focus();
  }
  const hideConflict = () => { $("conflict").hidden = true; };

  async function latest() {
    const response = await request(state.design.url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    return response.json();
  }

  $("conflict-reload").addEventListener("click", async () => {
    try {
      const body = await latest();
      hideConflict();
      state.design.version = body.version;
      state.conflicted = false;
      state.isPublic = body.is_public;
      ctx.loadDocument(body.document);
      state.baseline = snapshot();
      ctx.removeDraft();
      change("Reload the latest version");
      setStatus(`Reloaded version ${body.version}.`, "saved");
      watchEstimate(body.estimate);
    } catch (error) {
      setStatus(`Could not reload: ${error.message}.`, "error");
    }
  });
  $("conflict-overwrite").addEventListener("click", async () => {
    try {
      const body = await latest();
      hideConflict();
      await save(body.version);
    } catch (error) {
      setStatus(`Could not read the latest version: ${error.message}.`, "error");
    }
  });
  $("conflict-keep").addEventListener("click", () => {
    hideConflict();
    setStatus("Not saved: a newer version exists. Saving again lets you reload it or overwrite it.", "error");
    saveButton.focus();
  });

  async function watchEstimate(summary) {
    const watch = ++state.estimateWatch;
    const box = $("estimate-box");
    const status = $("estimate-status");
    const figures = $("estimate-figures");
    box.hidden = false;
    figures.hidden = true;
    $("estimate-link").href = state.design.html;
    $("estimate-link").hidden = false;
    if (!summary) {
      status.textContent = "No estimate was requested.";
      return;
    }
    const started = Date.now();
    let delay = 400;
    status.textContent = `Estimate of version ${state.design.version}: ${summary.status}…`;
    while (watch === state.estimateWatch) {
      let estimate;
      try {
        const response = await request(summary.url);
        if (!response.ok) throw new Error(String(response.status));
        estimate = await response.json();
      } catch {
        status.textContent = "Could not read the estimate: see the design page.";
        return;
      }
      if (watch !== state.estimateWatch) return;
      if (estimate.status === "done") {
        status.textContent = `Estimate of version ${estimate.design_version}: done.`;
        showFigures(estimate.headline);
        return;
      }
      if (estimate.status === "failed") {
        status.textContent = `Estimate of version ${estimate.design_version} failed: ${estimate.error}`;
        return;
      }
      status.textContent = `Estimate of version ${estimate.design_version}: ${estimate.status}…`;
      if (Date.now() - started > 180000) {
        status.textContent += " (still waiting: the design page shows it when done)";
        return;
      }
      await sleep(delay);
      delay = Math.min(delay * 1.5, 3000);
    }
  }

  // The estimate's headline rows, written by the server (estimator.present.tables).
  function showFigures(rows) {
    const figures = $("estimate-figures");
    figures.replaceChildren(...rows.map(({ key, label, text }) => el("div", {}, [
      el("dt", { text: label }), el("dd", { text, "data-figure": key })])));
    figures.hidden = false;
  }

  Object.assign(ctx, { save, setStatus, updateSave, updateDirty, watchEstimate });
}
