// Zoom and pan for the server-drawn diagram. The SVG is drawn to fit its frame (on a 390 px
// phone a large design is small); zooming narrows its viewBox, so the box on the page keeps
// its size and the page never scrolls sideways. Buttons (zoom in, zoom out, fit), the keyboard
// on the focused frame (+, -, 0, arrows), a drag to pan, a pinch or Ctrl + wheel to zoom.
import { element } from "../lib/dom.js";

const STEP = 1.25; // one button press or key
const MOST = 8; // the closest zoom: an eighth of the whole diagram's width
const PAN = 0.1; // an arrow key moves a tenth of the view
const TALLEST = 0.65; // of the window's height: a zoomed diagram's box on a phone
const narrow = window.matchMedia("(max-width: 700px)");

export function zoomableDiagram(frame) {
  const svg = frame.querySelector("svg");
  const box = svg && svg.viewBox.baseVal;
  if (!box || !box.width || !box.height) {
    return;
  }
  const whole = { x: box.x, y: box.y, width: box.width, height: box.height };
  let view = { ...whole };

  const zoomIn = button("Zoom in on the diagram", "+");
  const zoomOut = button("Zoom out of the diagram", "−");
  const fit = button("Fit the whole diagram", "Fit");
  const tools = element("div", {
    class: "diagram-tools", role: "toolbar", "aria-label": "Diagram zoom",
    "aria-controls": frame.id,
  }, [zoomIn, zoomOut, fit]);
  // On the heading's line when the diagram has one right above it (the frame can be wider
  // than the text column, so buttons above the frame's own right edge looked astray).
  const heading = frame.previousElementSibling;
  if (heading && /^H[2-4]$/.test(heading.tagName)) {
    heading.before(element("div", { class: "diagram-head" }));
    heading.previousElementSibling.append(heading, tools);
  } else {
    frame.before(tools);
  }
  frame.dataset.zoomable = "";
  frame.tabIndex = 0;
  frame.setAttribute("role", "group");
  frame.setAttribute("aria-label", "Diagram: + and - zoom, arrow keys pan, 0 fits");

  // On a phone's width a wide diagram is a thin strip: zoomed in, its box grows as tall as
  // the zoomed diagram needs (up to TALLEST), and the view takes the box's shape.
  function show(next) {
    const width = clamp(next.width, whole.width / MOST, whole.width);
    const zoomed = width < whole.width;
    frame.classList.toggle("zoomed", zoomed);
    const across = svg.getBoundingClientRect().width;
    const tall = zoomed && narrow.matches
      ? Math.min(whole.height * across / width, TALLEST * window.innerHeight) : null;
    svg.style.height = tall ? `${tall}px` : "auto";
    const height = tall ? width * tall / across : width * whole.height / whole.width;
    const y = height >= whole.height
      ? whole.y - (height - whole.height) / 2 // taller than the diagram: centred
      : clamp(next.y, whole.y, whole.y + whole.height - height);
    view = { width, height, x: clamp(next.x, whole.x, whole.x + whole.width - width), y };
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.width} ${view.height}`);
    zoomOut.disabled = !zoomed;
    fit.disabled = !zoomed;
    zoomIn.disabled = width <= whole.width / MOST;
    if (tools.contains(document.activeElement) && document.activeElement.disabled) {
      frame.focus(); // a disabled button drops the focus: keep it on the diagram
    }
  }

  // Zoom by `factor` (above 1: closer) keeping the point at (fx, fy), fractions of the
  // view's width and height, where it is on the screen.
  function zoom(factor, fx = 0.5, fy = 0.5) {
    const width = clamp(view.width / factor, whole.width / MOST, whole.width);
    const height = width * view.height / view.width;
    show({ x: view.x + (view.width - width) * fx, y: view.y + (view.height - height) * fy,
      width });
  }

  // Pan by a distance in screen pixels.
  function pan(dx, dy) {
    const units = view.width / svg.getBoundingClientRect().width;
    show({ ...view, x: view.x - dx * units, y: view.y - dy * units });
  }

  zoomIn.addEventListener("click", () => zoom(STEP));
  zoomOut.addEventListener("click", () => zoom(1 / STEP));
  fit.addEventListener("click", () => show(whole));
  frame.addEventListener("keydown", (event) => keyed(event, { zoom, pan, fit: () => show(whole),
    view: () => svg.getBoundingClientRect() }));
  svg.addEventListener("wheel", (event) => {
    if (!event.ctrlKey && !event.metaKey) {
      return; // a plain wheel scrolls the page
    }
    event.preventDefault();
    const [fx, fy] = fraction(svg, event);
    zoom(Math.exp(-event.deltaY / 200), fx, fy);
  }, { passive: false });
  dragAndPinch(svg, { zoom, pan });
  window.addEventListener("resize", () => show(view)); // a turned phone: the box's new shape
  show(whole);
}

function button(label, text) {
  return element("button", { type: "button", class: "button", "aria-label": label, title: label,
    text });
}

const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

// Where an event (or the middle of two) is, as fractions of the SVG's box on the screen.
function fraction(svg, point) {
  const rect = svg.getBoundingClientRect();
  return [clamp((point.clientX - rect.left) / rect.width, 0, 1),
    clamp((point.clientY - rect.top) / rect.height, 0, 1)];
}

function keyed(event, actions) {
  const rect = actions.view();
  const moves = {
    ArrowLeft: [PAN * rect.width, 0], ArrowRight: [-PAN * rect.width, 0],
    ArrowUp: [0, PAN * rect.height], ArrowDown: [0, -PAN * rect.height],
  };
  if (event.key === "+" || event.key === "=") {
    actions.zoom(STEP);
  } else if (event.key === "-") {
    actions.zoom(1 / STEP);
  } else if (event.key === "0") {
    actions.fit();
  } else if (moves[event.key]) {
    actions.pan(...moves[event.key]);
  } else {
    return;
  }
  event.preventDefault();
}

// One pointer drags the view; two pinch it. Touch gestures reach the page only while the
// diagram is zoomed (CSS `touch-action`), so at fit a swipe still scrolls the page.
function dragAndPinch(svg, actions) {
  const pointers = new Map();
  let spread = 0;

  const distance = () => {
    const [a, b] = [...pointers.values()];
    return Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
  };

  svg.addEventListener("pointerdown", (event) => {
    pointers.set(event.pointerId, event);
    svg.setPointerCapture(event.pointerId);
    spread = pointers.size === 2 ? distance() : 0;
  });
  svg.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) {
      return;
    }
    pointers.set(event.pointerId, event);
    if (pointers.size === 2 && spread) {
      const [a, b] = [...pointers.values()];
      const [fx, fy] = fraction(svg, { clientX: (a.clientX + b.clientX) / 2,
        clientY: (a.clientY + b.clientY) / 2 });
      const now = distance();
      actions.zoom(now / spread, fx, fy);
      spread = now;
    } else if (pointers.size === 1) {
      actions.pan(event.clientX - last.clientX, event.clientY - last.clientY);
    }
  });
  const release = (event) => {
    pointers.delete(event.pointerId);
    spread = 0;
  };
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
}
