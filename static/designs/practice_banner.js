// The design-practice banner above the editor: the time left of a time-boxed attempt, and
// Submit, which saves unsaved changes first (the score reads the saved version).
const banner = document.getElementById("practice-banner");

function clock(deadline) {
  const shown = document.getElementById("practice-clock");
  function tick() {
    const left = Math.round((deadline - Date.now()) / 1000);
    if (left <= 0) {
      shown.textContent = "Time is up: submit your design";
      shown.dataset.tone = "over";
      return;
    }
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    shown.textContent = `${minutes}:${seconds} left`;
    setTimeout(tick, 1000);
  }
  tick();
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// Waits for the editor's save to finish; true when saved, false when it stopped (errors, a
// conflict) or took over 20 s.
async function saved(status) {
  for (let waited = 0; waited < 20000; waited += 200) {
    await sleep(200);
    // "dirty" until the editor's last check is done and the save starts, then "busy".
    if (status.dataset.tone !== "busy" && status.dataset.tone !== "dirty") {
      return status.dataset.tone !== "error";
    }
  }
  return false;
}

function submitting(form) {
  const note = document.getElementById("practice-note");
  form.addEventListener("submit", async (event) => {
    const status = document.getElementById("save-status");
    const save = document.getElementById("save");
    if (!status || status.dataset.tone !== "dirty") {
      return; // nothing unsaved: submit as it is
    }
    event.preventDefault();
    if (save.disabled) {
      note.textContent = "Fix the problems listed below before submitting: the saved version would be scored without your changes.";
      return;
    }
    note.textContent = "Saving your changes first…";
    save.click();
    if (await saved(status)) {
      form.submit();
    } else {
      note.textContent = "Your changes could not be saved (see the editor's message): submit again once saved.";
    }
  });
}

if (banner) {
  if (banner.dataset.deadline) {
    clock(new Date(banner.dataset.deadline).getTime());
  }
  submitting(document.getElementById("practice-submit"));
}
