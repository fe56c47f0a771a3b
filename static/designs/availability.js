// The availability calculator, on top of a form that works without script: k applies to
// k-of-n blocks only, so its field is enabled only for them. The wide tables fade the edge
// where they scroll sideways on a phone.
import { shadeScrollBoxes } from "../lib/side_scroll.js";

shadeScrollBoxes();
document.querySelectorAll("#calculator tr[data-block]").forEach((row) => {
  const redundancy = row.querySelector("select[name$='-redundancy']");
  const k = row.querySelector("input[name$='-k']");
  if (!redundancy || !k) {
    return;
  }
  const update = () => {
    k.disabled = redundancy.value !== "k-of-n";
  };
  redundancy.addEventListener("change", update);
  update();
});
