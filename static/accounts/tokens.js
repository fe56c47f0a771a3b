// The tokens page: a Copy button for the new key (without script the key stays selectable).
(function () {
  "use strict";

  function copyBySelection(input) {
    input.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.dataset.copy);
    var status = document.querySelector(".copy-status");
    if (!input) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var copied = function () { status.textContent = "Copied to the clipboard."; };
      var manual = function () {
        input.select();
        status.textContent = "Selected: press Ctrl+C (Cmd+C on a Mac) to copy.";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(copied, manual);
      } else if (copyBySelection(input)) {
        copied();
      } else {
        manual();
      }
    });
  });
})();
