// The compare page, on top of a form that works without script:
// - the search box filters the picker as one types (ticked designs always stay);
// - Compare sends ?designs=a,b,c in the order the boxes were ticked (the first is the base);
// - the grouped bars are drawn with Plotly from the figures the server put in #compare-charts;
// - on a narrow screen the table says that it scrolls sideways (a hint and a faded edge).
import { sideScroll } from "../lib/side_scroll.js";

function picker(form) {
  const search = document.getElementById("compare-search");
  const boxes = Array.from(form.querySelectorAll("input[name=designs]"));
  let order = boxes.filter((box) => box.checked).map((box) => box.value);

  function filter() {
    const text = search.value.trim().toLowerCase();
    let shown = 0;
    boxes.forEach((box) => {
      const item = box.closest("li");
      const match = !text || item.dataset.name.includes(text) || box.checked;
      item.hidden = !match;
      shown += match ? 1 : 0;
    });
    const none = document.getElementById("pick-none");
    if (none) {
      none.hidden = shown > 0;
    }
  }

  boxes.forEach((box) => {
    box.addEventListener("change", () => {
      order = order.filter((slug) => slug !== box.value);
      if (box.checked) {
        order.push(box.value);
      }
    });
  });
  if (search) {
    search.addEventListener("input", filter);
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // the list filters itself; Enter should not compare
      }
    });
  }
  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.name === "find") {
      return; // a plain search: the server narrows the list
    }
    event.preventDefault();
    const query = "designs=" + order.map(encodeURIComponent).join(",");
    window.location.assign(form.action + "?" + query);
  });
}

function drawCharts(data) {
  const figures = JSON.parse(data.textContent);
  document.querySelectorAll("[data-chart]").forEach((node) => {
    const figure = figures[node.dataset.chart];
    if (!figure) {
      return;
    }
    const layout = { autosize: true, ...(figure.layout || {}) };
    window.Plotly.newPlot(node, figure.data || [], layout, {
      displaylogo: false,
      responsive: true,
      modeBarButtonsToRemove: ["select2d", "lasso2d"],
    });
  });
}

const form = document.getElementById("compare-form");
if (form) {
  picker(form);
}
const shade = document.getElementById("compare-shade");
if (shade) {
  sideScroll(shade, document.getElementById("compare-scroll"),
    document.getElementById("compare-scroll-hint"));
}
const data = document.getElementById("compare-charts");
if (data && window.Plotly) {
  drawCharts(data);
}
