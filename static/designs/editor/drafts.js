// Drafts in localStorage: kept while the document differs from the saved one, offered again.
import { change, isDirty, state } from "./state.js";
import { $, isObject } from "./util.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js):
// storeDraft, removeDraft, scheduleDraft, offerDraft.
export function setupDrafts(ctx) {
  const { root } = ctx;
  const draftKey = (slug) =>
    `design-estimator:draft:${root.dataset.user}:${slug || (state.design ? state.design.slug : "new")}`;
  let draftTimer = null;

  function readDraft() {
    try {
      const text = window.localStorage.getItem(draftKey());
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }
  function storeDraft() {
    try {
      if (!isDirty()) {
        window.localStorage.removeItem(draftKey());
        return;
      }
      window.localStorage.setItem(draftKey(), JSON.stringify({
        document: state.doc, is_public: state.isPublic,
        version: state.design ? state.design.version : null, saved_at: new Date().toISOString(),
      }));
    } catch {
      // Storage full or disabled: the document is still in the page.
    }
  }
  function removeDraft() {
    try {
      window.localStorage.removeItem(draftKey());
    } catch {
      // nothing to remove
    }
  }
  function scheduleDraft() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(storeDraft, 300);
  }

  function offerDraft() {
    const draft = readDraft();
    if (!draft || !isObject(draft.document)) return;
    const same = JSON.stringify({ document: draft.document, is_public: draft.is_public }) === state.baseline;
    if (same) {
      removeDraft();
      return;
    }
    state.pendingDraft = draft;
    const when = new Date(draft.saved_at);
    const since = state.design && draft.version && draft.version !== state.design.version
      ? ` It was made on version ${draft.version}; the design is now at version ${state.design.version}.` : "";
    $("draft-text").textContent = `This browser kept unsaved changes from ${isNaN(when) ? "earlier" : when.toLocaleString()}.${since}`;
    $("draft-banner").hidden = false;
  }
  $("draft-restore").addEventListener("click", () => {
    const draft = state.pendingDraft;
    $("draft-banner").hidden = true;
    if (!draft) return;
    state.pendingDraft = null;
    state.isPublic = Boolean(draft.is_public);
    ctx.loadDocument(draft.document);
    change("Restore the draft");
    ctx.setStatus("Draft restored: not saved yet.", "dirty");
  });
  $("draft-discard").addEventListener("click", () => {
    $("draft-banner").hidden = true;
    state.pendingDraft = null;
    if (!isDirty()) removeDraft();
  });

  Object.assign(ctx, { storeDraft, removeDraft, scheduleDraft, offerDraft });
}
