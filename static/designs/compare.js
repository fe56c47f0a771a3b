// The compare page, on top of a form that works without script:
// - the search box filters the picker as one types (ticked designs always stay);
// - Compare sends ?designs=a,b,c in the order the boxes were ticked (the first is the base);
// - the grouped bars are drawn with Plotly from the figures the server put in #compare-charts.
(function () {
  "use strict";

  var form = document.getElementById("compare-form");
  var search = document.getElementById("compare-search");
  var boxes = form ? Array.prototype.slice.call(form.querySelectorAll("input[name=designs]")) : [];
  var order = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });

  function filterPicker() {
    var text = search.value.trim().toLowerCase();
    var shown = 0;
    boxes.forEach(function (box) {
      var item = box.closest("li");
      var match = !text || item.dataset.name.indexOf(text) !== -1 || box.checked;
      item.hidden = !match;
      shown += match ? 1 : 0;
    });
    var none = document.getElementById("pick-none");
    if (none) {
      none.hidden = shown > 0;
    }
  }

  if (form) {
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        order = order.filter(function (slug) { return slug !== box.value; });
        if (box.checked) {
          order.push(box.value);
        }
      });
    });
    if (search) {
      search.addEventListener("input", filterPicker);
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault(); // the list filters itself; Enter should not compare
        }
      });
    }
    form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.name === "find") {
        return; // a plain search: the server narrows the list
      }
      event.preventDefault();
      var query = "designs=" + order.map(encodeURIComponent).join(",");
      window.location.assign(form.action + "?" + query);
    });
  }

  var data = document.getElementById("compare-charts");
  if (data && window.Plotly) {
    var figures = JSON.parse(data.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var figure = figures[element.dataset.chart];
      if (!figure) {
        return;
      }
      var layout = Object.assign({ autosize: true }, figure.layout || {});
      window.Plotly.newPlot(element, figure.data || [], layout, {
        displaylogo: false,
        responsive: true,
        modeBarButtonsToRemove: ["select2d", "lasso2d"],
      });
    });
  }
})();
