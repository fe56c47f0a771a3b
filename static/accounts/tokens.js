// The tokens page: a Copy button for the new key (without script the key stays selectable).

function copyBySelection(input) {
  input.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

document.querySelectorAll("[data-copy]").forEach((button) => {
  const input = document.getElementById(button.dataset.copy);
  const status = document.querySelector(".copy-status");
  if (!input) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", () => {
    const copied = () => { status.textContent = "Copied to the clipboard."; };
    const manual = () => {
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
