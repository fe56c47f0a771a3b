"""Links drawn around boxes: an orthogonal route that passes no box but its own two ends.

Boxes stay where the layout (or the user) put them; only a link that would cross one is
bent. The route runs on a sparse grid: the lines along every box's edges, padded by a
margin, and through the two end points. A* over that grid, lengths plus a penalty per
bend, finds the route with few turns; the search is bounded to the boxes near the link
first (most detours are local) and widens only when no route is found there.

Pure Python, no Django: designs.diagram draws the result; static/designs/editor/edge_routes.js
is the same algorithm for the editor's canvas.
"""

import heapq

Box = tuple[float, float, float, float]  # x, y, width, height (top-left corner)
Point = tuple[float, float]

MARGIN = 10.0  # room kept between a route and every box it passes
BEND = 30.0  # a bend costs as much as this much length: a long straight run beats a zigzag
# Past this many grid points a search stops (a fallback to the straight line rather than a
# slow page); the handbook's largest example needs a few hundred.
MAX_VISITS = 20_000
WINDOWS = (160.0, 480.0, None)  # how far round the link the search looks; None: everywhere
EPSILON = 1e-6
STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _inside(point: Point, box: Box) -> bool:
    """Strictly inside: a route may run along a padded box's edge."""
    x, y = point
    bx, by, bw, bh = box
    return bx + EPSILON < x < bx + bw - EPSILON and by + EPSILON < y < by + bh - EPSILON


def pad(box: Box, margin: float) -> Box:
    x, y, w, h = box
    return (x - margin, y - margin, w + 2 * margin, h + 2 * margin)


def segment_crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment a-b passes through the inside of `box` (Liang-Barsky clipping);
    touching an edge or a corner does not count."""
    x, y, w, h = box
    x0, y0 = a
    dx, dy = b[0] - x0, b[1] - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - x), (dx, x + w - x0), (-dy, y0 - y), (dy, y + h - y0)):
        if abs(p) < EPSILON:
            if q <= EPSILON:  # parallel to this edge and on or beyond it
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    # A positive length of the segment is inside, not just a touching point.
    return (high - low) * (abs(dx) + abs(dy)) > EPSILON


def path_crosses(points: list[Point], boxes: list[Box]) -> bool:
    return any(segment_crosses(a, b, box)
               for a, b in zip(points, points[1:], strict=False) for box in boxes)


def _near(start: Point, end: Point, boxes: list[Box], window: float | None) -> list[Box]:
    if window is None:
        return boxes
    left, right = min(start[0], end[0]) - window, max(start[0], end[0]) + window
    top, bottom = min(start[1], end[1]) - window, max(start[1], end[1]) + window
    return [b for b in boxes
            if b[0] < right and b[0] + b[2] > left and b[1] < bottom and b[1] + b[3] > top]


def _grid(start: Point, end: Point, padded: list[Box]) -> tuple[list[float], list[float]]:
    """The grid's lines: each padded box's edges, the end points, and a frame round it all
    (a route can always go round the outside)."""
    xs = {start[0], end[0]}
    ys = {start[1], end[1]}
    for x, y, w, h in padded:
        xs.update((x, x + w))
        ys.update((y, y + h))
    xs.update((min(xs) - MARGIN, max(xs) + MARGIN))
    ys.update((min(ys) - MARGIN, max(ys) + MARGIN))
    return sorted(xs), sorted(ys)


def _search(start: Point, end: Point, padded: list[Box]) -> list[Point] | None:
    """A* over the grid from start to end, each state a point and the way it was entered;
    neighbours are found as the search reaches them (most of the grid is never visited)."""
    xs, ys = _grid(start, end, padded)
    goal = (xs.index(end[0]), ys.index(end[1]))
    first = (xs.index(start[0]), ys.index(start[1]))

    def free(i: int, j: int, k: int, m: int) -> bool:
        # Grid lines include every box edge, so a step between neighbouring lines crosses a
        # box exactly when its middle or its far end is inside one.
        middle = ((xs[i] + xs[k]) / 2, (ys[j] + ys[m]) / 2)
        return not any(_inside(middle, b) or _inside((xs[k], ys[m]), b) for b in padded)

    def estimate(i: int, j: int) -> float:
        return abs(xs[i] - xs[goal[0]]) + abs(ys[j] - ys[goal[1]])

    queue = [(estimate(*first), 0.0, first, -1)]
    came: dict = {(first, -1): None}
    cost: dict = {(first, -1): 0.0}
    visits = 0
    while queue and visits < MAX_VISITS:
        _, spent, (i, j), way = heapq.heappop(queue)
        if (i, j) == goal:
            return _unwind(came, ((i, j), way), xs, ys)
        if spent > cost.get(((i, j), way), float("inf")):
            continue
        visits += 1
        for step, (di, dj) in enumerate(STEPS):
            k, m = i + di, j + dj
            if not (0 <= k < len(xs) and 0 <= m < len(ys)) or not free(i, j, k, m):
                continue
            total = spent + abs(xs[k] - xs[i]) + abs(ys[m] - ys[j])
            total += BEND if way not in (-1, step) else 0.0
            state = ((k, m), step)
            if total < cost.get(state, float("inf")):
                cost[state], came[state] = total, ((i, j), way)
                heapq.heappush(queue, (total + estimate(k, m), total, (k, m), step))
    return None


def _unwind(came: dict, state, xs: list[float], ys: list[float]) -> list[Point]:
    cells = []
    while state is not None:
        cells.append(state[0])
        state = came[state]
    points = [(xs[i], ys[j]) for i, j in reversed(cells)]
    return simplify(points)


def simplify(points: list[Point]) -> list[Point]:
    """The corners only: points in line with both neighbours dropped."""
    kept = points[:1]
    for point, after in zip(points[1:], points[2:], strict=False):
        before = kept[-1]
        cross = (point[0] - before[0]) * (after[1] - point[1]) - (point[1] - before[1]) * (
            after[0] - point[0])
        if abs(cross) > EPSILON:
            kept.append(point)
    return kept + points[-1:] if len(points) > 1 else kept


class BoxGrid:
    """Boxes bucketed in square cells: the few boxes near a rectangle, found without testing
    every box (a large diagram has hundreds of boxes and a thousand links)."""

    def __init__(self, boxes: dict, cell: float = 160.0):
        self.boxes, self.cell = boxes, cell
        self.buckets: dict[tuple[int, int], list] = {}
        for key, box in boxes.items():
            for spot in self._cells(box):
                self.buckets.setdefault(spot, []).append(key)

    def _cells(self, rect: Box):
        x, y, w, h = rect
        columns = range(int(x // self.cell), int((x + w) // self.cell) + 1)
        rows = range(int(y // self.cell), int((y + h) // self.cell) + 1)
        return ((i, j) for i in columns for j in rows)

    def near(self, rect: Box) -> set:
        """The keys of the boxes that may overlap `rect` (a few more, never fewer)."""
        return {key for spot in self._cells(rect) for key in self.buckets.get(spot, ())}


def route_around(start: Point, end: Point, boxes: list[Box],
                 margin: float = MARGIN) -> list[Point] | None:
    """An orthogonal route from `start` to `end` (both outside every box padded by
    `margin`) keeping `margin` from every box: its corners, ends included; None when there
    is none (the caller draws the straight line)."""
    padded = [pad(box, margin) for box in boxes]
    if any(_inside(start, b) or _inside(end, b) for b in padded):
        return None
    for window in WINDOWS:
        near = _near(start, end, padded, window)
        found = _search(start, end, near)
        if found is not None and not path_crosses(found, padded):
            return found
    return None
