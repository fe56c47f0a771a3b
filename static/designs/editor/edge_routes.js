// Links on the editor's canvas drawn round the boxes they would cross, the boxes left where
// the user put them. The same algorithm as the design page's diagram (designs/link_routes.py):
// a link whose straight line crosses no other box stays straight; any other leaves its source
// box by one of its four sides, runs on a sparse grid (the lines along every box's edges,
// padded by a margin) and enters its target by a side. A* over that grid, lengths plus a
// penalty per bend, finds a route with few turns; the search looks at the boxes near the
// link first and widens only when no route is found there.
//
// No DOM and no Cytoscape here: boxes in, waypoints out (editor.js turns them into a
// Cytoscape `segments` edge with segmentData).

export const MARGIN = 14; // room kept between a route and every box it passes
const CLEARANCE = 4; // a straight line this close to a box counts as crossing it
const BEND = 40; // a bend costs as much as this much length: one long run beats a zigzag
const MAX_VISITS = 20000; // past this a search gives up (the straight line, not a frozen tab)
// Grid points all the searches of one call may visit: a canvas of hundreds of components
// keeps its straight lines past it rather than freezing the tab (the examples use ~2,000).
export const BUDGET = 200000;
const WINDOWS = [200, 600, Infinity]; // how far round the link the search looks
const EPSILON = 1e-6;
const STEPS = [[1, 0], [-1, 0], [0, 1], [0, -1]];

// A box {x, y, w, h} (x, y its centre, as Cytoscape's node positions) as its edges, padded.
function edges(box, pad) {
  return { left: box.x - box.w / 2 - pad, right: box.x + box.w / 2 + pad,
    top: box.y - box.h / 2 - pad, bottom: box.y + box.h / 2 + pad };
}

// Strictly inside: a route may run along a padded box's edge.
function inside(x, y, r) {
  return r.left + EPSILON < x && x < r.right - EPSILON && r.top + EPSILON < y && y < r.bottom - EPSILON;
}

// Whether the segment a-b passes through the inside of r (Liang-Barsky clipping); touching an
// edge or a corner does not count.
export function segmentCrosses(a, b, r) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let low = 0;
  let high = 1;
  const sides = [[-dx, a.x - r.left], [dx, r.right - a.x], [-dy, a.y - r.top], [dy, r.bottom - a.y]];
  for (const [p, q] of sides) {
    if (Math.abs(p) < EPSILON) {
      if (q <= EPSILON) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) low = Math.max(low, t);
    else high = Math.min(high, t);
    if (low > high) return false;
  }
  return (high - low) * (Math.abs(dx) + Math.abs(dy)) > EPSILON;
}

export function pathCrosses(points, rects) {
  for (let i = 1; i < points.length; i += 1) {
    if (rects.some((r) => segmentCrosses(points[i - 1], points[i], r))) return true;
  }
  return false;
}

// Where a route may leave (or enter) a box: just outside the middle of each side, with the
// step that leaves it (index into STEPS).
function ports(box, margin) {
  const r = edges(box, margin);
  return [
    { x: r.right, y: box.y, step: 0 }, { x: r.left, y: box.y, step: 1 },
    { x: box.x, y: r.bottom, step: 2 }, { x: box.x, y: r.top, step: 3 },
  ];
}

// Whether a point is strictly inside any of `rects`, each point tested against the few
// rects of its cell of a coarse grid rather than against all of them.
function insideAny(rects, size = 160) {
  const buckets = new Map();
  const key = (i, j) => i * 1000003 + j;
  rects.forEach((r) => {
    for (let i = Math.floor(r.left / size); i <= Math.floor(r.right / size); i += 1) {
      for (let j = Math.floor(r.top / size); j <= Math.floor(r.bottom / size); j += 1) {
        if (!buckets.has(key(i, j))) buckets.set(key(i, j), []);
        buckets.get(key(i, j)).push(r);
      }
    }
  });
  return (x, y) => (buckets.get(key(Math.floor(x / size), Math.floor(y / size))) || [])
    .some((r) => inside(x, y, r));
}

const sorted = (values) => [...new Set(values)].sort((a, b) => a - b);

// A small binary heap of [priority, ...] arrays.
class Heap {
  constructor() { this.items = []; }
  get size() { return this.items.length; }
  push(item) {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent][0] <= items[i][0]) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }
  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l][0] < items[m][0]) m = l;
        if (r < items.length && items[r][0] < items[m][0]) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i], items[m]];
        i = m;
      }
    }
    return top;
  }
}

// A* from any of `starts` to any of `ends` (ports) round `rects`: the corners, ends included.
function search(starts, ends, rects, budget) {
  const xs = sorted([...starts, ...ends].map((p) => p.x).concat(rects.flatMap((r) => [r.left, r.right])));
  const ys = sorted([...starts, ...ends].map((p) => p.y).concat(rects.flatMap((r) => [r.top, r.bottom])));
  xs.unshift(xs[0] - MARGIN);
  xs.push(xs[xs.length - 1] + MARGIN);
  ys.unshift(ys[0] - MARGIN);
  ys.push(ys[ys.length - 1] + MARGIN);
  const cell = (p) => [xs.indexOf(p.x), ys.indexOf(p.y)];
  const goals = new Map(ends.map((p) => {
    const [i, j] = cell(p);
    return [`${i},${j}`, p.step ^ 1]; // arriving against the way out of the box: straight in
  }));
  const goalCells = ends.map(cell);
  const estimate = (i, j) => Math.min(...goalCells.map(([gi, gj]) =>
    Math.abs(xs[i] - xs[gi]) + Math.abs(ys[j] - ys[gj])));
  // Grid lines include every box edge: a step between neighbouring lines crosses a box
  // exactly when its middle or its far end is inside one.
  const blocked = insideAny(rects);
  const free = (i, j, k, m) => !blocked((xs[i] + xs[k]) / 2, (ys[j] + ys[m]) / 2) && !blocked(xs[k], ys[m]);

  const heap = new Heap();
  const cost = new Map();
  const came = new Map();
  starts.forEach((p) => {
    const [i, j] = cell(p);
    const key = `${i},${j},${p.step}`;
    cost.set(key, 0);
    came.set(key, null);
    heap.push([estimate(i, j), 0, i, j, p.step, false]);
  });
  let visits = 0;
  while (heap.size && visits < MAX_VISITS && budget.left > 0) {
    const [, spent, i, j, way, done] = heap.pop();
    const key = `${i},${j},${way}`;
    if (done) return unwind(came, key, xs, ys);
    if (spent > cost.get(key)) continue;
    visits += 1;
    budget.left -= 1;
    const goalWay = goals.get(`${i},${j}`);
    if (goalWay !== undefined) {
      // Finishing here: one more bend unless already heading into the box.
      heap.push([spent + (way === goalWay ? 0 : BEND), spent, i, j, way, true]);
    }
    STEPS.forEach(([di, dj], step) => {
      const k = i + di;
      const m = j + dj;
      if (k < 0 || m < 0 || k >= xs.length || m >= ys.length || !free(i, j, k, m)) return;
      const total = spent + Math.abs(xs[k] - xs[i]) + Math.abs(ys[m] - ys[j]) + (step === way ? 0 : BEND);
      const next = `${k},${m},${step}`;
      if (total < (cost.has(next) ? cost.get(next) : Infinity)) {
        cost.set(next, total);
        came.set(next, key);
        heap.push([total + estimate(k, m), total, k, m, step, false]);
      }
    });
  }
  return null;
}

function unwind(came, key, xs, ys) {
  const points = [];
  for (let at = key; at !== null; at = came.get(at)) {
    const [i, j] = at.split(",").map(Number);
    points.push({ x: xs[i], y: ys[j] });
  }
  return simplify(points.reverse());
}

// The corners only: points in line with both neighbours dropped.
export function simplify(points) {
  const kept = points.slice(0, 1);
  for (let i = 1; i < points.length - 1; i += 1) {
    const a = kept[kept.length - 1];
    const b = points[i];
    const c = points[i + 1];
    if (Math.abs((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)) > EPSILON) kept.push(b);
  }
  if (points.length > 1) kept.push(points[points.length - 1]);
  return kept;
}

function near(a, b, rects, window) {
  if (window === Infinity) return rects;
  const left = Math.min(a.x, b.x) - window;
  const right = Math.max(a.x, b.x) + window;
  const top = Math.min(a.y, b.y) - window;
  const bottom = Math.max(a.y, b.y) + window;
  return rects.filter((r) => r.left < right && r.right > left && r.top < bottom && r.bottom > top);
}

// One edge's waypoints round the boxes, or null when its straight line is clear (or no
// route exists: then the straight line is the best there is).
function routeOne(source, target, boxes, margin, budget) {
  const others = boxes.filter((b) => b !== source && b !== target);
  const centres = [{ x: source.x, y: source.y }, { x: target.x, y: target.y }];
  if (!pathCrosses(centres, others.map((b) => edges(b, CLEARANCE)))) return null;
  const padded = boxes.map((b) => edges(b, margin));
  const outside = (p) => !padded.some((r) => inside(p.x, p.y, r));
  const starts = ports(source, margin).filter(outside);
  const ends = ports(target, margin).filter(outside);
  if (!starts.length || !ends.length) return null;
  for (const window of WINDOWS) {
    const found = search(starts, ends, near(source, target, padded, window), budget);
    // Checked against every box: the window may have left one out.
    if (found && !pathCrosses([centres[0], ...found, centres[1]], others.map((b) => edges(b, 0)))) {
      return found;
    }
  }
  return null;
}

// For each edge {id, source, target} between boxes {id, x, y, w, h} (x, y the box's centre):
// null when its straight line crosses no other box, else its waypoints [{x, y}] from just
// outside the source box to just outside the target box, every run horizontal or vertical.
export function route(boxes, links, { margin = MARGIN, budget = BUDGET } = {}) {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const left = { left: budget };
  const result = {};
  links.forEach((link) => {
    const source = byId.get(link.source);
    const target = byId.get(link.target);
    result[link.id] = source && target && source !== target
      ? routeOne(source, target, boxes, margin, left) : null;
  });
  return result;
}

// Waypoints as the data of a Cytoscape `segments` edge whose style has
// `edge-distances: node-position`: each point's distance from the line source centre ->
// target centre (perpendicular, positive to the right of that direction on screen, y down)
// and its weight along it (0 at the source, 1 at the target). null for a straight edge.
export function segmentData(source, target, waypoints) {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length = Math.hypot(dx, dy);
  if (!waypoints || !waypoints.length || length < EPSILON) return null;
  return {
    dists: waypoints.map((p) => ((p.y - source.y) * dx - (p.x - source.x) * dy) / length),
    weights: waypoints.map((p) => ((p.x - source.x) * dx + (p.y - source.y) * dy) / (length * length)),
  };
}

// Routes again only what a change can have touched, keeping every other link's route: a
// link new or re-attached, a link whose box moved or changed size, and a link whose path
// (its route, or its straight line) comes within the margin of a box that changed, came or
// went (its old place or its new one). Dragging one box of hundreds then costs the links
// near it, not all of them (route() is ~150 ms at 300 boxes on a slow machine). `before`:
// what the last call returned, or null to route every link. Returns { boxes, links, routes,
// changed }: `changed` the ids of the links routed again.
export function reroute(boxes, links, before, { margin = MARGIN, budget = BUDGET } = {}) {
  if (!before) {
    return { boxes, links, routes: route(boxes, links, { margin, budget }), changed: links.map((l) => l.id) };
  }
  const was = new Map(before.boxes.map((b) => [b.id, b]));
  const now = new Map(boxes.map((b) => [b.id, b]));
  const same = (a, b) => a && b && ["x", "y", "w", "h"].every((k) => Math.abs(a[k] - b[k]) < EPSILON);
  const moved = new Set();
  const rects = [];
  was.forEach((b, id) => {
    if (same(b, now.get(id))) return;
    moved.add(id);
    rects.push(edges(b, margin));
  });
  now.forEach((b, id) => {
    if (same(b, was.get(id))) return;
    moved.add(id);
    rects.push(edges(b, margin));
  });
  const ends = new Map(before.links.map((l) => [l.id, l]));
  const near = (link) => {
    if (!rects.length) return false;
    const points = [now.get(link.source), now.get(link.target), ...(before.routes[link.id] || [])];
    if (points.some((p) => !p)) return true;
    const box = { left: Math.min(...points.map((p) => p.x)) - margin, right: Math.max(...points.map((p) => p.x)) + margin,
      top: Math.min(...points.map((p) => p.y)) - margin, bottom: Math.max(...points.map((p) => p.y)) + margin };
    return rects.some((r) => r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top);
  };
  const stale = links.filter((link) => {
    const old = ends.get(link.id);
    return !old || old.source !== link.source || old.target !== link.target
      || moved.has(link.source) || moved.has(link.target) || !(link.id in before.routes) || near(link);
  });
  const fresh = stale.length ? route(boxes, stale, { margin, budget }) : {};
  const routes = {};
  links.forEach((link) => {
    routes[link.id] = link.id in fresh ? fresh[link.id] : before.routes[link.id];
  });
  return { boxes, links, routes, changed: stale.map((l) => l.id) };
}
