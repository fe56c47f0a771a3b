// A table wider than the screen scrolls sideways inside its box, and on a phone nothing says
// so: the cut edge looks like the table's end. sideScroll(shade, box, hint) marks `shade` (an
// element around the scrolling `box`) with `more-right` / `more-left` while part of the table
// is hidden that way (the CSS fades that edge), and shows `hint` only while it overflows.

export function sideScroll(shade, box, hint) {
  const update = () => {
    const hidden = box.scrollWidth - box.clientWidth;
    shade.classList.toggle("more-left", box.scrollLeft > 1);
    shade.classList.toggle("more-right", box.scrollLeft < hidden - 1);
    if (hint) {
      hint.hidden = hidden <= 1;
    }
  };
  box.addEventListener("scroll", update, { passive: true });
  // The box changes with the window; the table inside with fonts and late content.
  const watch = new ResizeObserver(update);
  watch.observe(box);
  if (box.firstElementChild) {
    watch.observe(box.firstElementChild);
  }
  update();
}

// Every `.scroll` box under `root` gets its shaded frame (no hint: the fade says it).
export function shadeScrollBoxes(root = document) {
  root.querySelectorAll(".scroll").forEach((box) => {
    if (box.parentElement.classList.contains("scroll-shade")) {
      return;
    }
    const shade = document.createElement("div");
    shade.className = "scroll-shade";
    box.before(shade);
    shade.append(box);
    sideScroll(shade, box, null);
  });
}
