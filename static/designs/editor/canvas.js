// The canvas: Cytoscape drawing the document's components and links, the link handle and
// edgehandles to draw a link, the layout and the fit, and the live estimate's marks on the
// nodes. setupCanvas gives the cy instance, for other modules to extend.
import {
  change, componentLabel, components, kindLabel, list, refKey, selectedComponents, selectedLinks,
  state,
} from "./state.js";
import { $, isObject, roundPosition, stepKey, uid, validPosition } from "./util.js";
import { reroute, segmentData } from "./edge_routes.js";

let ctx;
let cy;
let handles;
const handle = $("link-handle");
const byUid = new Map(); // canvas element id -> the component or link of the document

export const documentObject = (id) => byUid.get(id);

const KIND_COLOURS = {
  client: "#e9eef5", dns: "#e6f0fb", cdn: "#e6f0fb", load_balancer: "#efe9fb",
  api_gateway: "#efe9fb", service: "#e3efff", worker: "#e3efff", cache: "#fff0dc",
  queue: "#fbf6d8", database: "#e2f4e7", object_store: "#e2f4e7", search: "#e2f4e7",
  external: "#eeeeee",
};
const LIVE_BANDS = {
  ok: ["#e3f4e8", "#1c7c3c"], warm: ["#fdf0d3", "#9a6200"], hot: ["#fbe0de", "#b3261e"],
  none: ["#eef0f4", "#8a93a3"], down: ["#d9dce1", "#4b5563"],
};
const STYLE = [
  { selector: "node", style: {
    shape: "round-rectangle", width: 120, height: 46, "background-color": "#f3f5f9",
    "border-width": 2, "border-color": "#8aa0bf", "font-size": 12, color: "#1d2330",
    "text-wrap": "wrap", "text-valign": "center", "text-halign": "center",
    "font-family": "system-ui, sans-serif" } },
  // Only the document's nodes carry these; edgehandles' ghost node does not.
  { selector: "node[label]", style: { label: "data(label)" } },
  { selector: "node[width]", style: { width: "data(width)", height: "data(height)",
    "text-max-width": "data(textWidth)" } },
  ...Object.entries(KIND_COLOURS).map(([kind, colour]) => (
    { selector: `node.k-${kind}`, style: { "background-color": colour } })),
  // The live estimate: fill and border by peak utilisation (as the design page's diagram),
  // a double border on a single point of failure, an outline on the first to saturate.
  ...Object.entries(LIVE_BANDS).map(([band, [fill, stroke]]) => ({ selector: `node.live-${band}`,
    style: { "background-color": fill, "border-color": stroke } })),
  { selector: "node.live-spof", style: { "border-style": "double", "border-width": 6 } },
  { selector: "node.live-first", style: { "outline-color": "#c2410c", "outline-width": 4,
    "outline-offset": 2, "outline-opacity": 1 } },
  // Down in the failure what-if (scenario.js): grey, a dashed border, "down" in its label.
  { selector: "node.live-down", style: { "border-style": "dashed", "border-width": 3,
    color: "#374151" } },
  { selector: "node.on-route", style: { "border-color": "#b7791f", "border-width": 4 } },
  { selector: "node.has-error", style: {
    "border-color": "#b3261e", "border-style": "dashed", "border-width": 3 } },
  { selector: "node:selected", style: { "border-color": "#1f5fbf", "border-width": 4,
    "border-style": "solid" } },
  { selector: "node.live-down:selected", style: { "border-style": "dashed" } },
  { selector: "edge", style: {
    width: 2, "line-color": "#8a94a6", "target-arrow-color": "#8a94a6",
    "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 1.2 } },
  { selector: "edge.has-error", style: { "line-color": "#b3261e", "target-arrow-color": "#b3261e",
    "line-style": "dashed" } },
  { selector: "edge:selected", style: { "line-color": "#1f5fbf",
    "target-arrow-color": "#1f5fbf", width: 4 } },
  // Link mode's first tap (linking.js): the component a link is drawn from.
  { selector: "node[?linkFrom]", style: { "border-color": "#1f5fbf", "border-width": 4,
    "border-style": "dashed" } },
  { selector: ".eh-hover", style: { "border-color": "#1f5fbf", "border-width": 4 } },
  { selector: ".eh-source", style: { "border-color": "#1f5fbf", "border-width": 4 } },
  { selector: ".eh-target", style: { "border-color": "#1f5fbf", "border-width": 4 } },
  { selector: ".eh-preview, .eh-ghost-edge", style: { "line-color": "#1f5fbf",
    "target-arrow-color": "#1f5fbf", "line-style": "dashed" } },
  { selector: ".eh-ghost-edge.eh-preview-active", style: { opacity: 0 } },
  { selector: ".eh-ghost-node", style: { width: 1, height: 1, opacity: 0 } },
];

function nodeLabel(c) {
  const instances = instancesText(c);
  const replica = typeof c.replica_of === "string" && c.replica_of ? `\nreplica of ${c.replica_of}` : "";
  return `${componentLabel(c)}\n${kindLabel(c.kind)}${instances}${replica}${liveLines(c)}`;
}
// Wide enough for the longest line of the label (about 7 px a character at 12 px) up to a
// limit, then tall enough for the lines it wraps into.
function nodeSize(label) {
  const lines = label.split("\n").map((line) => line.length * 7);
  const width = Math.max(84, Math.min(160, 16 + Math.max(...lines)));
  const rows = lines.reduce((sum, length) => sum + Math.max(1, Math.ceil(length / (width - 12))), 0);
  return { width, textWidth: width - 12, height: Math.max(46, 14 + 16 * rows) };
}

export function syncGraph() {
  const seen = new Set();
  const before = [...byUid.keys()]; // what the last call drew: all the document's elements
  byUid.clear();
  cy.batch(() => {
    components().forEach((c) => {
      const id = uid(c);
      seen.add(id);
      byUid.set(id, c);
      let node = cy.getElementById(id);
      const label = nodeLabel(c);
      if (node.empty()) {
        if (!validPosition(c.position)) c.position = roundPosition(freeSpot());
        node = cy.add({ group: "nodes", data: { id, label, doc: true, ...nodeSize(label) },
          position: { ...c.position } });
      } else {
        // Only what differs: each write makes Cytoscape restyle the node (and route its links).
        if (node.data("label") !== label) node.data({ label, ...nodeSize(label) });
        const at = node.position();
        if (validPosition(c.position) && !node.grabbed()
            && (at.x !== c.position.x || at.y !== c.position.y)) node.position({ ...c.position });
      }
      setKindClass(node, `k-${c.kind}`);
    });
    const ids = new Map(components().map((c) => [refKey(c), uid(c)]));
    list("links").filter(isObject).forEach((link) => {
      const source = ids.get(link.from);
      const target = ids.get(link.to);
      if (!source || !target || source === target) return;
      const id = uid(link);
      seen.add(id);
      byUid.set(id, link);
      const edge = cy.getElementById(id);
      if (edge.empty()) cy.add({ group: "edges", data: { id, source, target, doc: true } });
      else if (edge.source().id() !== source || edge.target().id() !== target) {
        edge.move({ source, target });
      }
    });
    before.forEach((id) => {
      if (!seen.has(id)) cy.getElementById(id).remove();
    });
    paintLive();
  });
  $("canvas-empty").hidden = components().length > 0;
  markCanvas();
}

// The node's kind as its class (its colour), leaving its other classes (live, errors, route).
function setKindClass(node, kindClass) {
  const before = node.scratch("_kindClass");
  if (before === kindClass) return;
  if (before) node.removeClass(before);
  node.addClass(kindClass);
  node.scratch("_kindClass", kindClass);
}

export function markCanvas() {
  // Only what differs is unselected, selected or re-classed (300 nodes: every click).
  const wanted = new Set(state.picking ? [] : [...selectedComponents(), ...selectedLinks()].map(uid));
  cy.$(":selected").forEach((e) => {
    if (!wanted.has(e.id())) e.unselect();
  });
  wanted.forEach((id) => {
    const e = cy.getElementById(id);
    if (!e.selected()) e.select();
  });
  const route = isObject(state.workload) && Array.isArray(state.workload.route)
    ? new Set(state.workload.route.map(stepKey)) : new Set();
  const onRoute = state.tab === "workloads";
  cy.batch(() => components().forEach((c) => {
    const node = cy.getElementById(uid(c));
    const on = onRoute && route.has(refKey(c));
    if (node.hasClass("on-route") !== on) node.toggleClass("on-route", on);
  }));
  $("delete-selected").disabled = !selectedComponents().length && !selectedLinks().length;
}


export function freeSpot(near) {
  const extent = cy.extent();
  const centre = near || { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  const taken = (p) => cy.nodes("[?doc]").some((n) =>
    Math.abs(n.position("x") - p.x) < 175 && Math.abs(n.position("y") - p.y) < 62);
  for (let ring = 0; ring < 12; ring += 1) {
    for (let dy = -ring; dy <= ring; dy += 1) {
      for (let dx = -ring; dx <= ring; dx += 1) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const spot = { x: centre.x + dx * 190, y: centre.y + dy * 70 };
        if (!taken(spot)) return spot;
      }
    }
  }
  return centre;
}

// Whether the user moved the view since the last fit: until then, a resized canvas refits.
let viewMoved = false;
let fitting = false;
export function fit() {
  if (cy.nodes().empty()) return;
  fitting = true;
  cy.fit(undefined, 40);
  if (cy.zoom() > 1.25) {
    cy.zoom(1.25);
    cy.center();
  }
  fitting = false;
  viewMoved = false;
}
export const viewWasMoved = () => viewMoved;

// Left to right, or top to bottom on a canvas much taller than wide (a phone held upright),
// where a row of components would fit only too small to read.
export function autoLayout() {
  if (cy.nodes("[?doc]").empty()) return;
  // Room for the two lines the live estimate adds under each label (load, marks: 16 px
  // each), so that boxes laid out before it answers do not overlap after: between boxes
  // of a column (left to right) or between rows (top to bottom).
  const upright = cy.height() > 1.2 * cy.width();
  const liveLines = 2 * 16;
  cy.elements("[?doc]").layout({
    name: "dagre", rankDir: upright ? "TB" : "LR", nodeSep: upright ? 22 : 22 + liveLines,
    rankSep: upright ? 40 + liveLines : 55, edgeSep: 10, fit: false, animate: false,
  }).run();
  components().forEach((c) => {
    c.position = roundPosition(cy.getElementById(uid(c)).position());
  });
  fit();
}

// Link mode (linking.js): a drag from any component draws a link (edgehandles' draw mode).
export function setConnectMode(on) {
  if (on) handles.enableDrawMode();
  else handles.disableDrawMode();
}

let handleNode = null;
let handleTimer = null;
function placeHandle(node) {
  const box = node.renderedBoundingBox({ includeLabels: false });
  handle.style.left = `${box.x2 - 8}px`;
  handle.style.top = `${(box.y1 + box.y2) / 2 - 8}px`;
}
function showHandle(node) {
  if (state.picking || cy.nodes(".eh-source").nonempty()) return;
  clearTimeout(handleTimer);
  handleNode = node;
  placeHandle(node);
  handle.hidden = false;
}
// The pointer can be over a component already when its handle may show again: a link drawn
// from the handle ends on its target (Cytoscape sent the mouseover mid-drag, while no handle
// could show), a pan or a drag ends over one. No new mouseover comes then; a move does.
function showHandleAgain(node) {
  if (handle.hidden && !node.grabbed()) showHandle(node);
}
export function hideHandle(later) {
  clearTimeout(handleTimer);
  if (later) handleTimer = setTimeout(() => hideHandle(false), 400);
  else {
    handle.hidden = true;
    handleNode = null;
  }
}
// " x12"; with instances lost in the failure what-if, what the live answer left: " x6 of 12".
function instancesText(c) {
  if (typeof c.instances !== "number" || c.instances <= 1) return "";
  const failures = state.liveBody && state.liveBody.failures;
  const lost = failures ? failures.lost_instances.find((l) => l.key === refKey(c)) : null;
  return lost ? ` x${c.instances - lost.lost} of ${c.instances}` : ` x${c.instances}`;
}

function liveLines(c) {
  const live = state.live.get(refKey(c));
  if (!live) return "";
  if (live.down) return "\ndown";
  const marks = [live.spof && "SPOF", live.first_saturating && "first to saturate",
    live.bottleneck && "bottleneck"].filter(Boolean);
  const load = live.utilization === null ? "" : `\n${live.utilization_text} at peak`;
  return load + (marks.length ? `\n${marks.join(" · ")}` : "");
}

const LIVE_CLASSES = [...Object.keys(LIVE_BANDS).map((band) => `live-${band}`), "live-spof", "live-first"];
export function paintLive() {
  components().forEach((c) => {
    const node = cy.getElementById(uid(c));
    const live = state.live.get(refKey(c));
    const marks = live ? [`live-${live.band}`, live.spof && "live-spof", live.first_saturating && "live-first"] : [];
    LIVE_CLASSES.forEach((name) => {
      const on = marks.includes(name);
      if (node.hasClass(name) !== on) node.toggleClass(name, on);
    });
    if (node.data("live") !== (live ? live.band : "")) node.data("live", live ? live.band : "");
  });
}

// The nodes' labels and live marks anew, leaving the rest of the canvas (errors, selection).
export function relabel() {
  cy.batch(() => {
    components().forEach((c) => {
      const node = cy.getElementById(uid(c));
      if (node.empty()) return;
      const label = nodeLabel(c);
      if (node.data("label") !== label) node.data({ label, ...nodeSize(label) });
    });
    paintLive();
  });
}

// Links bent round the boxes they would cross (edge_routes.js), at most once a frame after a
// change of the graph, a layout or a drag's end (not during it); boxes stay where they are.
// Only the links a change can have touched are routed again (reroute), and only the edges
// whose route differs get new data: each edge's data makes Cytoscape restyle it.
// Distances are measured from the line between node centres, hence `node-position`.
function routeEdgesAroundNodes() {
  cy.style().selector("edge[dists]").style({
    "curve-style": "round-segments", "edge-distances": "node-position",
    "segment-distances": "data(dists)", "segment-weights": "data(weights)", "segment-radii": 6,
  }).update();
  let pending = false;
  let routed = null; // the last reroute(): boxes, links and their routes
  // As drawn: border and outline (the first to saturate) included, labels not.
  const box = (n) => {
    const b = n.boundingBox({ includeLabels: false, includeOverlays: false });
    return { id: n.id(), x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, w: b.w, h: b.h };
  };
  const sameList = (a, b) => Array.isArray(a) && Array.isArray(b) && a.length === b.length
    && a.every((value, i) => Math.abs(value - b[i]) < 1e-6);
  function drawRoutes() {
    // Still being dragged (a press on a node grabs it): the drag's end routes again.
    if (cy.nodes(":grabbed").nonempty()) return;
    const edges = cy.edges("[?doc]");
    routed = reroute(cy.nodes("[?doc]").map(box), edges.map((e) => (
      { id: e.id(), source: e.source().id(), target: e.target().id() })), routed);
    const changed = new Set(routed.changed);
    cy.batch(() => edges.forEach((e) => {
      if (!changed.has(e.id())) return;
      const data = segmentData(e.source().position(), e.target().position(), routed.routes[e.id()]);
      if (!data) {
        if (e.data("dists") !== undefined) e.removeData("dists weights");
      } else if (!sameList(e.data("dists"), data.dists) || !sameList(e.data("weights"), data.weights)) {
        e.data(data);
      }
    }));
  }
  // Once per frame, in the task after it: the frame paints the drop or the keystroke first,
  // the links follow in the next one (routing what a drag moved takes ~10 ms at 300 boxes).
  function routeEdges() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => setTimeout(() => {
      pending = false;
      drawRoutes();
    }, 0));
  }
  cy.on("add remove", "[?doc]", routeEdges);
  // Nodes' data only: the edges' own `dists` would otherwise call it again, in a loop.
  cy.on("data position dragfree", "node[?doc]", routeEdges);
}

// Creates the Cytoscape instance on #canvas and wires its events; `context` gives what the
// canvas calls back (select, selectLink, connect, linkBetween, addRouteStep).
export function setupCanvas(context) {
  ctx = context;
  cy = window.cytoscape({
    container: $("canvas"), elements: [], style: STYLE, minZoom: 0.15, maxZoom: 3,
    boxSelectionEnabled: false, selectionType: "single",
  });
  cy.on("viewport", () => {
    if (!fitting) viewMoved = true;
  });

  // edgehandles: drag from a component's handle (or from the component in connect mode) to another
  handles = cy.edgehandles({
    canConnect: (source, target) => {
      const from = byUid.get(source.id());
      const to = byUid.get(target.id());
      return !source.same(target) && Boolean(from && to) && !ctx.linkBetween(from, to);
    },
    edgeParams: () => ({ data: {} }),
    hoverDelay: 100, snap: true, snapThreshold: 30, snapFrequency: 15,
    noEdgeEventsInDraw: true, disableBrowserGestures: true,
  });
  cy.on("ehcomplete", (event, source, target, added) => {
    added.remove();
    ctx.connect(byUid.get(source.id()), byUid.get(target.id()));
  });
  cy.on("mouseover", "node[?doc]", (event) => showHandle(event.target));
  cy.on("mouseout", "node[?doc]", () => hideHandle(true));
  cy.on("mousemove", "node[?doc]", (event) => showHandleAgain(event.target));
  cy.on("grab pan zoom", () => hideHandle(false));
  handle.addEventListener("mouseenter", () => clearTimeout(handleTimer));
  handle.addEventListener("mouseleave", () => hideHandle(true));
  handle.addEventListener("mousedown", (event) => {
    if (!handleNode) return;
    event.preventDefault();
    const node = handleNode;
    hideHandle(false);
    handles.start(node);
  });
  // edgehandles snaps to the component nearest the pointer 15 times a second: a release
  // just after a move would link to the one passed on the way. One last snap, before
  // Cytoscape's own mouseup (capture comes first) ends the drag.
  window.addEventListener("mouseup", () => {
    if (handles.active) handles.snap();
  }, true);
  window.addEventListener("mouseup", () => handles.stop());

  cy.on("tap", "node[?doc]", (event) => {
    const c = byUid.get(event.target.id());
    if (!c) return;
    if (state.picking) ctx.addRouteStep(refKey(c));
    else if (addsToSelection(event)) ctx.toggleSelected(c);
    else if (!ctx.tapToLink(c)) ctx.select(c);
  });
  cy.on("tap", "edge[?doc]", (event) => {
    const link = byUid.get(event.target.id());
    if (!link || state.picking) return;
    if (addsToSelection(event)) ctx.toggleSelected(link);
    else ctx.selectLink(link);
  });
  cy.on("tap", (event) => {
    if (event.target === cy && !state.picking && !addsToSelection(event)) ctx.select(null);
  });
  routeEdgesAroundNodes();
  // Cytoscape selects on its own; the panel's selection decides.
  cy.on("select unselect", () => setTimeout(() => {
    const wanted = new Set(state.picking ? [] : [...selectedComponents(), ...selectedLinks()].map(uid));
    const actual = new Set(cy.$(":selected").map((e) => e.id()));
    if ([...wanted].some((id) => !actual.has(id)) || [...actual].some((id) => !wanted.has(id))) {
      markCanvas();
    }
  }, 0));
  setupSelecting();
  return cy;
}

// ---- several components at once: Shift/Ctrl/Cmd-click, the box, select mode, dragging them ----

// A tap that adds a component (or link) to the selection or takes it out: with Shift, Ctrl or Cmd
// held (as Cytoscape's own selection does), or any tap in select mode.
const addsToSelection = (event) => {
  const original = event.originalEvent;
  return selectMode || Boolean(original && (original.shiftKey || original.ctrlKey || original.metaKey));
};

let selectMode = false;
export const inSelectMode = () => selectMode;

// Select mode, for touch and for those who would rather not hold Shift: a drag on the empty
// canvas draws a box instead of panning, and a tap adds or removes a component.
export function setSelectMode(on) {
  selectMode = on;
  cy.userPanningEnabled(!on);
  cy.selectionType(on ? "additive" : "single");
}

const addToSelection = (items) => ctx.selectMany([...selectedComponents(), ...items], selectedLinks());

// A box drawn with one finger (or a pen) in select mode: Cytoscape boxes by touch only with
// three fingers, so this draws the box itself and selects the components it touches.
function setupTouchBox() {
  const container = cy.container();
  const outline = document.createElement("div");
  outline.className = "touch-box";
  outline.hidden = true;
  container.parentElement.append(outline);
  let start = null;
  const point = (event) => {
    const box = container.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const span = (a, b) => ({ x1: Math.min(a.x, b.x), y1: Math.min(a.y, b.y),
    x2: Math.max(a.x, b.x), y2: Math.max(a.y, b.y) });
  const overlaps = (a, b) => a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;

  container.addEventListener("pointerdown", (event) => {
    if (!selectMode || state.picking || event.pointerType === "mouse" || !event.isPrimary) return;
    const at = point(event);
    const onNode = cy.nodes("[?doc]").some((n) => overlaps(n.renderedBoundingBox(), span(at, at)));
    start = onNode ? null : at;
  }, { capture: true });
  container.addEventListener("pointermove", (event) => {
    if (!start || !event.isPrimary) return;
    const box = span(start, point(event));
    Object.assign(outline.style, { left: `${container.offsetLeft + box.x1}px`,
      top: `${container.offsetTop + box.y1}px`, width: `${box.x2 - box.x1}px`, height: `${box.y2 - box.y1}px` });
    outline.hidden = false;
  }, { capture: true });
  const finish = (event) => {
    if (!start || !event.isPrimary) return;
    const box = span(start, point(event));
    start = null;
    outline.hidden = true;
    if (event.type === "pointercancel" || (box.x2 - box.x1 < 8 && box.y2 - box.y1 < 8)) return; // a tap
    addToSelection(components().filter((c) =>
      overlaps(cy.getElementById(uid(c)).renderedBoundingBox(), box)));
  };
  container.addEventListener("pointerup", finish, { capture: true });
  container.addEventListener("pointercancel", finish, { capture: true });
}

// Pans (keeping the zoom) to show these components when part of one is out of view: a
// paste, a duplicate or a replica may land past the edge.
export function reveal(items) {
  const nodes = cy.collection(items.map((c) => cy.getElementById(uid(c))).filter((n) => n.nonempty()));
  if (nodes.empty()) return;
  const box = nodes.boundingBox();
  const view = cy.extent();
  if (box.x1 < view.x1 || box.x2 > view.x2 || box.y1 < view.y1 || box.y2 > view.y2) cy.center(nodes);
}

function setupSelecting() {
  // Box selection: Shift (or Ctrl/Cmd) and a drag on the empty canvas, or a plain drag in
  // select mode; otherwise a drag pans. Cytoscape tells each node boxed ("box"), all in one
  // go: they are added to the selection, as a Shift-click adds one.
  cy.boxSelectionEnabled(true);
  let boxed = [];
  cy.on("boxstart", () => {
    boxed = [];
  });
  cy.on("box", "node[?doc]", (event) => {
    const c = byUid.get(event.target.id());
    if (!c || state.picking) return;
    if (boxed.length === 0) setTimeout(() => addToSelection(boxed.splice(0)), 0);
    boxed.push(c);
  });
  setupTouchBox();

  // Cytoscape drags every selected node with the one grabbed; each dropped node says so
  // ("dragfree") in the same moment: one change (one undo step) for all of them.
  const dropped = new Set();
  cy.on("dragfree", "node[?doc]", (event) => {
    const c = byUid.get(event.target.id());
    if (!c) return;
    c.position = roundPosition(event.target.position());
    event.target.position({ ...c.position });
    if (dropped.size === 0) {
      setTimeout(() => {
        const moved = [...dropped];
        dropped.clear();
        // Only positions changed: the canvas shows them already, the panels show none.
        change(moved.length === 1 ? `Move ${componentLabel(moved[0])}` : `Move ${moved.length} components`,
          { moved: true });
      }, 0);
    }
    dropped.add(c);
  });
}
