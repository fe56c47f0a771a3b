"""Load along each route, utilisation at peak, instances needed, headroom."""

import math

from estimator.engine.arith import ratio
from estimator.engine.defaults import CACHE_KINDS
from estimator.engine.model import Component, Design

# A step without a timeout or retries: one attempt per call, every call let through.
ONE_CALL = (1.0, 1.0)


def route_loads(design: Design, rates, calls: dict | None = None
                ) -> dict[str, tuple[float, float]]:
    """(average, peak) requests per second reaching each component.

    Each step receives the flow that reaches it, times its fan-out; a cache or
    CDN passes on only its misses of the reads it sees (writes pass through). A step
    naming a member of a replica group sends writes to the primary and spreads reads over
    the group (Design.spread). `calls` (engine.retries): (workload name, step index) ->
    (attempts per call, share of calls served) of the steps with a timeout or retries; each
    attempt is load on the step's component (what goes on to the next step is the demand,
    as without retries).
    """
    loads = {c.key: [0.0, 0.0] for c in design.components}
    calls = calls or {}
    for workload, rps, peak in rates:
        flow = 1.0
        for index, step in enumerate(workload.route):
            flow *= step.fan_out
            attempts = calls.get((workload.name, index), ONE_CALL)[0]
            passed = 0.0
            for key, part in design.spread(step.key, workload.kind):
                loads[key][0] += rps * flow * part * attempts
                loads[key][1] += peak * flow * part * attempts
                passed += part * passes_on(design.component(key), workload.kind)
            flow *= passed
    return {key: (avg, peak) for key, (avg, peak) in loads.items()}


def passes_on(component: Component, kind: str) -> float:
    """The share of the requests a component sees that it passes on: a cache's or CDN's
    misses of reads, all of anything else."""
    if component.kind in CACHE_KINDS and kind == "read":
        return 1.0 - component.hit_ratio
    return 1.0


def total_capacity(component: Component) -> float | None:
    if component.capacity_rps is None:
        return None
    return component.capacity_rps * component.serving_instances


def instances_needed(peak_rps: float, capacity_rps: float | None, target: float) -> int | None:
    """The fewest serving instances that keep peak utilisation at or below target."""
    if capacity_rps is None:
        return None
    # The small tolerance keeps 10,000 / (1,000 x 0.7) from becoming 15 through float error
    # while exact multiples stay put.
    return max(1, math.ceil(peak_rps / (capacity_rps * target) - 1e-9))


def on_every_path(design: Design) -> set[str]:
    """Components some workload cannot do without: on every one of its paths. A step on a
    replica group needs no one member for reads (any member serves them); for writes it needs
    the primary, unless the primary fails over (redundancy active-passive)."""
    essential: set[str] = set()
    for workload in design.workloads:
        if workload.paths:
            essential |= set.intersection(*(_needed(design, path, workload.kind)
                                            for path in workload.paths))
    return essential


def _needed(design: Design, path, kind: str) -> set[str]:
    groups = design.replica_groups
    needed = set()
    for key in path:
        group = groups.get(key)
        if group is None:
            needed.add(key)
        elif kind != "read" and design.component(group[0]).redundancy != "active-passive":
            needed.add(group[0])
    return needed


def is_spof(component: Component, essential: bool) -> bool:
    """One failure stops a workload: a lone instance, or a k-of-n that needs all n, on every
    path of some workload (an alternative path is redundancy too)."""
    if component.kind == "client" or component.managed or not essential:
        return False
    return component.instances == 1 or (
        component.redundancy == "k-of-n" and component.k == component.instances
    )


def components(design: Design, rates, availability_by_key, stored_by_key,
               cache_need_by_key, calls: dict | None = None) -> list[dict]:
    """`calls`: engine.retries' attempts per call, which multiply the steps' load."""
    loads = route_loads(design, rates, calls)
    essential = on_every_path(design)
    target = design.assumptions.target_utilization
    rows = []
    for c in design.components:
        avg, peak = loads[c.key]
        capacity = total_capacity(c)
        rows.append({
            "key": c.key,
            "name": c.name,
            "kind": c.kind,
            "load_rps": avg,
            "peak_load_rps": peak,
            "capacity_rps": c.capacity_rps,
            "instances": c.instances,
            "serving_instances": c.serving_instances,
            "redundancy": c.redundancy,
            "utilization": ratio(peak, capacity) if capacity else None,
            "instances_needed": instances_needed(peak, c.capacity_rps, target),
            "availability": availability_by_key[c.key],
            "spof": is_spof(c, c.key in essential),
            "stored_bytes_total": stored_by_key.get(c.key, 0.0),
            "storage_bytes": c.storage_bytes,
            "memory_bytes": c.memory_bytes,
            "cache_need_bytes": cache_need_by_key.get(c.key, 0.0),
        })
    return rows


def headroom(rows: list[dict], daily_active_users: float) -> dict:
    """How far traffic can grow before the first component passes 100% at peak."""
    loaded = [r for r in rows if r["utilization"]]
    if not loaded:
        return {"factor": None, "first_saturating": None, "max_daily_active_users": None}
    first = max(loaded, key=lambda r: r["utilization"])
    # None, not infinity, when the load is too small for its inverse to be a number.
    factor = ratio(1.0, first["utilization"])
    users = factor * daily_active_users if factor is not None and daily_active_users else None
    return {
        "factor": factor,
        "first_saturating": first["key"],
        "max_daily_active_users": users if users is None or math.isfinite(users) else None,
    }
