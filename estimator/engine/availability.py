"""Availability: series, parallel, k-of-n, nines and downtime (the handbook's chapter)."""

import math

from scipy.special import bdtr

from estimator.engine import reliability
from estimator.engine.defaults import (
    DOWNTIME_MONTH_S,
    DOWNTIME_WEEK_S,
    DOWNTIME_YEAR_S,
    SECONDS_PER_DAY,
)
from estimator.engine.errors import DesignError, FieldError
from estimator.engine.model import Component, Design, Workload, collect


def series(availabilities) -> float:
    """Every part must be up: the product (99.9% x 99.9% = 99.8001%)."""
    return math.prod(availabilities)


def parallel(availabilities) -> float:
    """Any part up is enough: 1 - product of unavailabilities (two 99.9% = 99.9999%)."""
    return 1.0 - math.prod(1.0 - a for a in availabilities)


def k_of_n(availability: float, k: int, n: int) -> float:
    """At least k of n identical parts up: 1 - P(at most k - 1 up), the binomial tail.

    The tail comes from the regularised incomplete beta function (SciPy's bdtr): constant
    time for any n, and exact in the small unavailabilities where a sum of n terms would
    round 1 - 1e-20 to 1.
    """
    if k <= 0:
        return 1.0
    return 1.0 - float(bdtr(k - 1, n, availability))


def from_mtbf(mtbf: float, mttr: float) -> float:
    """Availability = MTBF / (MTBF + MTTR)."""
    return mtbf / (mtbf + mttr)


def nines(availability: float) -> float | None:
    """-log10 of the unavailability; None for a perfect 1.0."""
    if availability >= 1.0:
        return None
    return max(0.0, -math.log10(1.0 - availability))  # never -0.0 for an availability of 0


def downtime(availability: float) -> dict:
    """Seconds down per year (365.25 days), month (a twelfth of it), week and day."""
    down = max(0.0, 1.0 - availability)  # a weighted mean of ones may round past 1
    return {
        "year_s": down * DOWNTIME_YEAR_S,
        "month_s": down * DOWNTIME_MONTH_S,
        "week_s": down * DOWNTIME_WEEK_S,
        "day_s": down * SECONDS_PER_DAY,
    }


def component_availability(component: Component) -> float:
    """One component with its instances and redundancy.

    Active-passive counts as parallel: the handbook's fail-over assumes the
    standby takes over; the time a fail-over takes is not modelled.
    """
    a, n = component.availability, component.instances
    if component.redundancy == "k-of-n":
        return k_of_n(a, component.k, n)
    return 1.0 - (1.0 - a) ** n  # parallel() of n equal parts, without a list of n


def route_availability(workload: Workload, by_key: dict[str, float],
                       budget: reliability.Budget | None = None) -> dict:
    """The probability that some path of the route works: every component of a path in
    series, each counted once; alternatives (`any_of`) in parallel (engine.reliability).
    The result is shared between calls with the same route and availabilities: read it only."""
    if not workload.paths or not workload.stages:
        return {"availability": 1.0, "method": "series", "interval": None}
    keys = workload.keys
    if len(workload.paths) == 1:  # in series, each component once, in the order of its key
        return {"availability": math.prod(by_key[key] for key in keys), "method": "series",
                "interval": None}
    budget = reliability.Budget() if budget is None else budget
    values = tuple(by_key[key] for key in keys)
    memo = (workload.stages, keys, values, len(workload.paths), budget.min_samples)
    if memo not in _SOLVED:
        if len(_SOLVED) >= MAX_SOLVED:
            _SOLVED.clear()
        _SOLVED[memo] = reliability.availability_of_route(
            workload.stages, dict(zip(keys, values, strict=True)), paths=len(workload.paths),
            budget=budget)
    return _SOLVED[memo]


# Routes are solved again and again with the same figures (sensitivity re-estimates a design
# 80 times, moving only traffic): the answers of the current estimate are remembered. Each
# estimate starts afresh (forget_routes), so the memory held is one design's at most, and the
# order in which routes spend the work budget is the same in every process.
_SOLVED: dict = {}
MAX_SOLVED = 4_096


def forget_routes() -> None:
    _SOLVED.clear()


def group_availability(design: Design, key: str, kind: str, by_key: dict[str, float]) -> float:
    """A route step on `key` for a request of `kind`. In a replica group, reads are served if
    any member is up (parallel); writes need the primary, or, when the primary's redundancy
    is active-passive (it fails over), any member up to take over."""
    group = design.replica_groups.get(key)
    if group is None:
        return by_key[key]
    if kind == "read" or design.component(group[0]).redundancy == "active-passive":
        return parallel(by_key[member] for member in group)
    return by_key[group[0]]


def workload_availabilities(design: Design, workload: Workload,
                            by_key: dict[str, float]) -> dict[str, float]:
    """The availabilities a workload's route sees: each component's own, but a step on a
    replica group counts as the group does for the workload's kind."""
    grouped = [key for key in workload.keys if key in design.replica_groups]
    if not grouped:
        return by_key
    return {**by_key, **{key: group_availability(design, key, workload.kind, by_key)
                         for key in grouped}}


def availability(design: Design, rates, *, budget: reliability.Budget | None = None) -> dict:
    budget = reliability.Budget() if budget is None else budget
    by_key = {c.key: component_availability(c) for c in design.components}
    solved = [(w, rps, route_availability(w, workload_availabilities(design, w, by_key), budget))
              for w, rps, _ in rates]
    routes = [(w, rps, result["availability"]) for w, rps, result in solved]
    overall = _overall(routes, by_key)
    return {
        "overall": overall,
        "nines": nines(overall),
        "downtime": downtime(overall),
        "workloads": [
            {"name": w.name, "availability": r["availability"], "nines": nines(r["availability"]),
             "method": r["method"], "interval": r["interval"], "paths": len(w.paths)}
            for w, _, r in solved
        ],
        "components": [
            {"key": key, "availability": a, "nines": nines(a)} for key, a in by_key.items()
        ],
    }


def _overall(routes, by_key: dict[str, float]) -> float:
    """Traffic-weighted over workloads; equal weights without traffic; every
    component in series when there are no workloads at all."""
    if not routes:
        return series(by_key.values())
    total = sum(rps for _, rps, _ in routes)
    if total == 0:
        return min(1.0, sum(a for _, _, a in routes) / len(routes))
    return min(1.0, sum(rps * a for _, rps, a in routes) / total)


# ---- the availability page's calculator ----------------------------------------------------

BLOCK_FIELDS = ("availability", "instances", "redundancy", "k")


def blocks_in_series(blocks: list[dict]) -> dict:
    """Blocks in series, each one component's instances with their redundancy.

    A block is `{"availability": 0.999, "instances": 2, "redundancy": "k-of-n", "k": 1}`:
    the fields of a design's component, validated the same way, so errors read alike;
    they name `blocks[i].field`. Raises DesignError.
    """
    errors = [
        FieldError(f"blocks[{i}].availability", "is required")
        for i, block in enumerate(blocks)
        if isinstance(block, dict) and block.get("availability") is None
    ]
    errors += [
        FieldError(f"blocks[{i}].{field}", f"unknown field (allowed: {', '.join(BLOCK_FIELDS)})")
        for i, block in enumerate(blocks)
        for field in (block if isinstance(block, dict) else {})
        if field not in BLOCK_FIELDS
    ]
    components = [
        {**block, "key": f"block{i + 1}", "kind": "service"} if isinstance(block, dict) else block
        for i, block in enumerate(blocks)
    ]
    design, found = collect({"name": "blocks", "components": components})
    errors += [FieldError(e.path.replace("components[", "blocks[", 1), e.message) for e in found]
    if errors:
        raise DesignError(sorted(errors, key=lambda e: e.path))
    each = [component_availability(component) for component in design.components]
    whole = series(each)
    return {
        "blocks": [{"availability": a, "nines": nines(a)} for a in each],
        "availability": whole,
        "nines": nines(whole),
        "downtime": downtime(whole),
    }


def nines_ladder(most: int = 9) -> list[dict]:
    """One nine to `most` nines (90%, 99%, ... 99.9999999%), each with its downtime."""
    return [
        {"nines": count, "availability": a, "downtime": downtime(a)}
        for count, a in ((n, 1.0 - 10.0**-n) for n in range(1, most + 1))
    ]
