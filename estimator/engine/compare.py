"""Headline figures of several estimates side by side, each against the first.

The rows hold numbers only; estimator.present.compare gives them labels and units.
"""

from estimator.engine.arith import ratio
from estimator.engine.result import EstimateView
from estimator.present.figures import EXTRA_FIGURES, HEADLINE_FIGURES, route_p99_path

# Where the estimate document keeps each headline figure, in the order of the one catalogue
# (estimator/present/figures.py, which also holds their labels and units): compared here,
# sampled by uncertainty and sensitivity.
HEADLINE_PATHS = tuple(figure.path for figure in HEADLINE_FIGURES)
# Not in the document: the slowest workload route's p99 latency, worked out here.
WORST_P99_PATH = "latency.worst_p99_ms"
# Compared besides the headline figures (uncertainty and sensitivity skip them: their quick
# re-estimates have no cost or latency).
EXTRA_PATHS = tuple(f.path for f in EXTRA_FIGURES if f.path != WORST_P99_PATH)


def figure(estimate: dict, path: str):
    """A figure of an estimate being computed (uncertainty's quick re-estimates, which hold
    only the headline sections); a finished estimate is read through EstimateView.figure."""
    value = estimate
    for part in path.split("."):
        value = value[part]
    return value


def difference(value, base) -> dict:
    """Absolute and relative change from base; None where either is missing or base is 0."""
    if value is None or base is None:
        return {"absolute": None, "relative": None}
    return {"absolute": value - base, "relative": ratio(value - base, base)}


def _row(path: str, values: list) -> dict:
    return {"key": path, "values": values,
            "differences": [difference(value, values[0]) for value in values]}


def _rows(views: list[EstimateView], paths) -> list[dict]:
    return [_row(path, [view.figure(path) for view in views]) for path in paths]


def compare(estimates: list[EstimateView | dict]) -> list[dict]:
    """One row per headline figure: the values, and each one's difference to the first."""
    return _rows([EstimateView.of(e) for e in estimates], HEADLINE_PATHS)


def worst_route_p99_ms(estimate: EstimateView | dict) -> float | None:
    """The slowest workload route's p99 latency at peak (None when a route is saturated or
    there is no route)."""
    values = [w.p99_ms for w in EstimateView.of(estimate).latency.workloads]
    return None if not values or None in values else max(values)


def route_p99_rows(views: list[EstimateView]) -> list[dict]:
    """One row per workload name (in the order the designs first name them): its route's
    p99 at peak in each design, None where the design has no such workload or the route is
    saturated."""
    by_design = [{w.name: w.p99_ms for w in view.latency.workloads} for view in views]
    names = dict.fromkeys(name for routes in by_design for name in routes)
    return [_row(route_p99_path(name), [routes.get(name) for routes in by_design])
            for name in names]


def compare_all(estimates: list[EstimateView | dict]) -> list[dict]:
    """compare(), then the extra figures, the worst route's p99 latency and each workload's
    route p99."""
    views = [EstimateView.of(e) for e in estimates]
    return [*_rows(views, HEADLINE_PATHS), *_rows(views, EXTRA_PATHS),
            _row(WORST_P99_PATH, [worst_route_p99_ms(view) for view in views]),
            *route_p99_rows(views)]
