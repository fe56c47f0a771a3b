"""A layered left-to-right layout of a directed graph (the Sugiyama method), for diagrams.

1. Layers: break cycles, then each node's layer is its longest path from the sources.
   Pinned nodes go first (clients) or last (data stores) whatever their links say.
2. Links that span several layers pass through a "dummy" slot in each layer between, so
   they are routed between boxes, never across one.
3. Order within layers: barycenter sweeps, keeping the order with the fewest crossings.
4. Vertical positions: each node pulled towards its neighbours, in order, never closer
   to the next than the gap (pool-adjacent-violators: the least-squares placement).

Pure Python over networkx; the caller sizes the boxes and draws them (designs.diagram).
"""

from dataclasses import dataclass, field

import networkx as nx

SWEEPS = 12
PLACEMENT_PASSES = 8


@dataclass
class Spacing:
    layer_gap: float = 56  # between the columns, where the links curve
    node_gap: float = 30  # between two boxes of a column
    dummy_gap: float = 14  # between a link passing through a column and its neighbours
    arc_room: float = 40  # room right of the last column for links within a column


@dataclass
class Route:
    """One link as drawn: from the box in the lower layer to the one in the higher.

    `reverse` when the link points from the higher layer back to the lower (the arrow is
    at `low`); `same_layer` links arc out to the right of their column.
    """

    source: str
    target: str
    low: str
    high: str
    dummies: list[int] = field(default_factory=list)
    reverse: bool = False
    same_layer: bool = False


@dataclass
class Layout:
    layers: list[list]  # node keys and dummy ids (ints), top to bottom
    layer_of: dict
    x: dict  # left edge of each layer
    width: dict  # width of each layer
    y: dict  # top of each node or dummy
    height: dict  # of each node (dummies are 0)
    routes: list[Route]
    total_width: float
    total_height: float


def _layering_graph(nodes, edges, first: set, last: set) -> nx.DiGraph:
    """The links as a DAG fit for layering: into a pinned-first node and out of a pinned-last
    one reversed, links among pinned nodes of one kind ignored, cycles broken by reversing
    the back edges of a depth-first search started from the first nodes, in document order."""
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    for u, v in edges:
        if (u in first and v in first) or (u in last and v in last):
            continue
        if v in first or u in last:
            u, v = v, u
        graph.add_edge(u, v)
    roots = [n for n in nodes if n in first] + [n for n in nodes if n not in first]
    state: dict = {}
    for root in roots:
        if root in state:
            continue
        state[root] = "open"
        stack = [(root, iter(list(graph.successors(root))))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = "done"
                stack.pop()
            elif state.get(child) == "open":  # a back edge closes a cycle: turn it round
                graph.remove_edge(node, child)
                if not graph.has_edge(child, node):
                    graph.add_edge(child, node)
            elif child not in state:
                state[child] = "open"
                stack.append((child, iter(list(graph.successors(child)))))
    return graph


def assign_layers(nodes: list, edges: list, first: set, last: set) -> dict:
    """Layer of each node: 0 for `first`, one past every other node for `last`, else the
    longest path from the sources, with sources pulled right next to their successors."""
    dag = _layering_graph(nodes, edges, first, last)
    order = list(nx.topological_sort(dag))
    layer = {}
    for node in order:
        preds = [layer[p] for p in dag.predecessors(node)]
        layer[node] = 0 if node in first or not preds else max(preds) + 1
    for node in reversed(order):  # a source feeding only later layers sits just before them
        succs = [layer[s] for s in dag.successors(node)]
        if node not in first and dag.in_degree(node) == 0 and succs:
            layer[node] = max(layer[node], min(succs) - 1)
    loose = [n for n in nodes if dag.degree(n) == 0 and n not in first and n not in last]
    for node in loose:  # after the clients, when there are any
        layer[node] = 1 if first else 0
    middle = [layer[n] for n in nodes if n not in last]
    for node in last:
        layer[node] = max(middle, default=-1) + 1
    used = sorted(set(layer.values()))  # drop empty layers
    return {node: used.index(layer[node]) for node in nodes}


def _routes(edges, layer_of: dict, layers: list[list]) -> list[Route]:
    """Each link with a dummy in every layer it crosses; dummies appended to those layers."""
    routes, next_id = [], 0
    for u, v in edges:
        if layer_of[u] == layer_of[v]:
            routes.append(Route(u, v, u, v, same_layer=True))
            continue
        low, high = (u, v) if layer_of[u] < layer_of[v] else (v, u)
        route = Route(u, v, low, high, reverse=low == v)
        for index in range(layer_of[low] + 1, layer_of[high]):
            layers[index].append(next_id)
            layer_of[next_id] = index
            route.dummies.append(next_id)
            next_id += 1
        routes.append(route)
    return routes


def _chain(route: Route) -> list:
    return [route.low, *route.dummies, route.high]


def _neighbours(routes: list[Route]) -> tuple[dict, dict]:
    """Per node or dummy: its neighbours in the layer before, and in the layer after."""
    before: dict = {}
    after: dict = {}
    for route in routes:
        if route.same_layer:
            continue
        chain = _chain(route)
        for a, b in zip(chain, chain[1:], strict=False):
            after.setdefault(a, []).append(b)
            before.setdefault(b, []).append(a)
    return before, after


def _inversions(values: list[int]) -> int:
    """Pairs out of order (divide and conquer): the crossings between two layers."""
    if len(values) < 2:
        return 0
    middle = len(values) // 2
    left, right = sorted(values[:middle]), sorted(values[middle:])
    count = _inversions(values[:middle]) + _inversions(values[middle:])
    j = 0
    for value in left:
        while j < len(right) and right[j] < value:
            j += 1
        count += j
    return count


def count_crossings(layers: list[list], after: dict) -> int:
    total = 0
    for upper, lower in zip(layers, layers[1:], strict=False):
        position = {n: i for i, n in enumerate(lower)}
        pairs = sorted((i, position[b]) for i, a in enumerate(upper) for b in after.get(a, ()))
        total += _inversions([b for _, b in pairs])
    return total


def _sweep(layers: list[list], neighbours: dict, indices) -> None:
    for index in indices:
        position = {n: i for i, n in enumerate(layers[index - 1])}
        current = layers[index]

        def barycenter(item, place, position=position):
            found = [position[n] for n in neighbours.get(item, ()) if n in position]
            return (sum(found) / len(found), place) if found else (place, place)

        layers[index] = [n for _, n in sorted(
            ((barycenter(n, i), n) for i, n in enumerate(current)), key=lambda t: t[0]
        )]


def order_layers(layers: list[list], before: dict, after: dict) -> list[list]:
    """Barycenter sweeps down and up; the order with the fewest crossings wins."""
    best, best_crossings = [list(layer) for layer in layers], count_crossings(layers, after)
    current = [list(layer) for layer in layers]
    for _ in range(SWEEPS):
        if best_crossings == 0:
            break
        _sweep(current, before, range(1, len(current)))
        reversed_layers = current[::-1]
        _sweep(reversed_layers, after, range(1, len(reversed_layers)))
        current = reversed_layers[::-1]
        crossings = count_crossings(current, after)
        if crossings < best_crossings:
            best, best_crossings = [list(layer) for layer in current], crossings
    return best


def _pack(items: list, desired: dict, height: dict, gap) -> dict:
    """Tops as close as possible (least squares) to `desired`, in order, `gap` apart.

    Pool adjacent violators: blocks of touching items, each placed at the mean of what its
    members want, merged with the block above while they would overlap.
    """
    blocks: list[list] = []  # [first index, last index, sum of wanted origins, count]
    offsets, running = [], 0.0
    for index, item in enumerate(items):
        if index:
            running += height[items[index - 1]] + gap(items[index - 1], item)
        offsets.append(running)
        blocks.append([index, index, desired[item] - running, 1])
        while len(blocks) > 1:
            upper, lower = blocks[-2], blocks[-1]
            if upper[2] / upper[3] < lower[2] / lower[3]:
                break
            blocks[-2:] = [[upper[0], lower[1], upper[2] + lower[2], upper[3] + lower[3]]]
    tops = {}
    for first, last, total, count in blocks:
        origin = total / count
        for index in range(first, last + 1):
            tops[items[index]] = origin + offsets[index]
    return tops


def _place(layers: list[list], height: dict, before: dict, after: dict, spacing: Spacing) -> dict:
    def gap(a, b):
        both_boxes = not isinstance(a, int) and not isinstance(b, int)
        return spacing.node_gap if both_boxes else spacing.dummy_gap

    y: dict = {}
    for layer in layers:  # each layer stacked, centred on 0
        y.update(_pack(layer, dict.fromkeys(layer, 0.0), height, gap))
    for sweep in range(PLACEMENT_PASSES):
        sides = (before,) if sweep % 2 == 0 else (after,)
        if sweep >= PLACEMENT_PASSES - 2:
            sides = (before, after)
        indices = range(len(layers)) if sweep % 2 == 0 else range(len(layers) - 1, -1, -1)
        for index in indices:
            desired = {}
            for n in layers[index]:
                linked = [m for side in sides for m in side.get(n, ())]
                centres = [y[m] + height[m] / 2 for m in linked]
                centre = sum(centres) / len(centres) if centres else y[n] + height[n] / 2
                desired[n] = centre - height[n] / 2
            y.update(_pack(layers[index], desired, height, gap))
    return y


def layered_layout(
    nodes: list, sizes: dict, edges: list, *, first: set, last: set, spacing: Spacing
) -> Layout:
    """Lay out `nodes` (keys, in document order) of `sizes` {key: (width, height)} along
    `edges` [(from, to)], left to right; `first` pinned to the first layer, `last` to the
    last. Coordinates start at (0, 0)."""
    layer_of = assign_layers(nodes, edges, first, last)
    layers: list[list] = [[] for _ in range(max(layer_of.values(), default=-1) + 1)]
    for node in nodes:
        layers[layer_of[node]].append(node)
    routes = _routes(edges, layer_of, layers)
    before, after = _neighbours(routes)
    layers = order_layers(layers, before, after)
    height = {n: sizes[n][1] for n in nodes} | {d: 0.0 for d in layer_of if isinstance(d, int)}
    y = _place(layers, height, before, after, spacing)
    top = min(y.values(), default=0.0)
    y = {n: value - top for n, value in y.items()}
    width = {index: max((sizes[n][0] for n in layer if not isinstance(n, int)), default=0)
             for index, layer in enumerate(layers)}
    x, left = {}, 0.0
    for index in range(len(layers)):
        x[index] = left
        left += width[index] + spacing.layer_gap
    arcs_last = any(r.same_layer and layer_of[r.low] == len(layers) - 1 for r in routes)
    total_width = left - spacing.layer_gap + (spacing.arc_room if arcs_last else 0)
    total_height = max((y[n] + height[n] for n in y), default=0.0)
    return Layout(layers, layer_of, x, width, y, height, routes, max(total_width, 0.0),
                  total_height)
