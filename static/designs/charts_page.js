// Draws each [data-figure] chart of a page with Plotly, from the figure the server put in
// the JSON script the attribute names (the progress page; the design page has its own).
const CONFIG = { displaylogo: false, responsive: true };

function draw() {
  if (typeof window.Plotly === "undefined") {
    return;
  }
  document.querySelectorAll("[data-figure]").forEach((node) => {
    const source = document.getElementById(node.dataset.figure);
    if (source) {
      const figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(node, figure.data, figure.layout, CONFIG);
    }
  });
}

// Plotly loads with `defer`, so it is there once the document has been parsed.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", draw);
} else {
  draw();
}
