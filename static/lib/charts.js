// Draws each [data-figure] chart of a page with Plotly, from the figure the server put in
// the JSON script the attribute names (a Plotly figure: data and layout).
const CONFIG = { displaylogo: false, responsive: true };

export function drawCharts() {
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
