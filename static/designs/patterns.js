// The pattern list's filter: without script every pattern shows and the search box stays
// hidden; with it, typing keeps the patterns whose name or summary holds every word typed.
const box = document.getElementById("pattern-filter");
const items = [...document.querySelectorAll("[data-testid='pattern-item']")];
const count = document.getElementById("pattern-count");
const none = document.getElementById("pattern-none");

function filter() {
  const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  items.forEach((item) => {
    const match = words.every((word) => item.dataset.name.includes(word));
    item.hidden = !match;
    shown += match ? 1 : 0;
  });
  document.querySelectorAll(".pattern-group").forEach((group) => {
    group.hidden = !group.querySelector("[data-testid='pattern-item']:not([hidden])");
  });
  count.textContent = words.length ? `${shown} of ${items.length}` : "";
  none.hidden = shown > 0;
}

if (box) {
  box.closest(".pattern-search").hidden = false;
  box.addEventListener("input", filter);
}
