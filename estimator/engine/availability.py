"""Availability: series, parallel, k-of-n, nines and downtime (the handbook's chapter)."""

import math

from estimator.engine.defaults import (
    DOWNTIME_MONTH_S,
    DOWNTIME_WEEK_S,
    DOWNTIME_YEAR_S,
    SECONDS_PER_DAY,
)
from estimator.engine.model import Component, Design, Workload


def series(availabilities) -> float:
    """Every part must be up: the product (99.9% x 99.9% = 99.8001%)."""
    return math.prod(availabilities)


def parallel(availabilities) -> float:
    """Any part up is enough: 1 - product of unavailabilities (two 99.9% = 99.9999%)."""
    return 1.0 - math.prod(1.0 - a for a in availabilities)


def k_of_n(availability: float, k: int, n: int) -> float:
    """At least k of n identical parts up: the binomial sum."""
    return sum(
        math.comb(n, up) * availability**up * (1.0 - availability) ** (n - up)
        for up in range(k, n + 1)
    )


def from_mtbf(mtbf: float, mttr: float) -> float:
    """Availability = MTBF / (MTBF + MTTR)."""
    return mtbf / (mtbf + mttr)


def nines(availability: float) -> float | None:
    """-log10 of the unavailability; None for a perfect 1.0."""
    if availability >= 1.0:
        return None
    return -math.log10(1.0 - availability)


def downtime(availability: float) -> dict:
    """Seconds down per year (365.25 days), month (a twelfth of it), week and day."""
    down = 1.0 - availability
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
    return parallel([a] * n)


def route_availability(workload: Workload, by_key: dict[str, float]) -> float:
    """Every component on the route in series, each counted once."""
    keys = dict.fromkeys(step.key for step in workload.route)
    return series(by_key[key] for key in keys)


def availability(design: Design, rates) -> dict:
    by_key = {c.key: component_availability(c) for c in design.components}
    routes = [(w, rps, route_availability(w, by_key)) for w, rps, _ in rates]
    overall = _overall(routes, by_key)
    return {
        "overall": overall,
        "nines": nines(overall),
        "downtime": downtime(overall),
        "workloads": [
            {"name": w.name, "availability": a, "nines": nines(a)} for w, _, a in routes
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
        return sum(a for _, _, a in routes) / len(routes)
    return sum(rps * a for _, rps, a in routes) / total
