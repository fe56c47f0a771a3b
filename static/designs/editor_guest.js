// The editor for a visitor who is not signed in: Save cannot write through the API, so it
// asks them to sign up or log in instead, and posts the draft to be kept in their session
// meanwhile (designs/editor_views.py, design_keep_draft); the editor opens with it after.
// Beside the editor (editor/main.js), whose window.editor.document() is the draft as it stands.
(function () {
  "use strict";

  var save = document.getElementById("save");
  var box = document.getElementById("guest-save");
  var field = document.getElementById("guest-document");
  var form = document.getElementById("guest-form");
  if (!save || !box || !field || !form) {
    return;
  }

  // Capture on the document runs before the editor's own listener on the button.
  document.addEventListener("click", function (event) {
    if (!save.contains(event.target)) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    box.hidden = false;
    box.focus();
  }, true);

  document.getElementById("guest-cancel").addEventListener("click", function () {
    box.hidden = true;
    save.focus();
  });

  form.addEventListener("submit", function () {
    field.value = JSON.stringify(window.editor ? window.editor.document() : {});
  });
})();
