// The availability calculator, on top of a form that works without script: k applies to
// k-of-n blocks only, so its field is enabled only for them.
(function () {
  "use strict";
  document.querySelectorAll("#calculator tr[data-block]").forEach(function (row) {
    var redundancy = row.querySelector("select[name$='-redundancy']");
    var k = row.querySelector("input[name$='-k']");
    if (!redundancy || !k) {
      return;
    }
    var update = function () {
      k.disabled = redundancy.value !== "k-of-n";
    };
    redundancy.addEventListener("change", update);
    update();
  });
})();
