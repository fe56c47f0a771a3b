"""Which component to improve first: Birnbaum importance over the whole design.

For each component on some path, the design's availability (traffic-weighted
over workloads) with that component perfect and with it failed. Birnbaum
importance is the difference; `improvement` is how much the availability
rises if the component were perfect, and ranks the list. Routes estimated by
Monte Carlo are left out of the recalculation (their sampling noise would
swamp the differences), and so are routes with alternatives once the work
of re-solving them passes WORK (each is solved twice per component on it);
`partial` says so.

A route step on a replica group counts as the group does for the workload's kind
(availability.group_availability): every member of the group is ranked, and a member's
importance is how the group changes with it perfect or failed. Reads survive a member's loss
while another member is up, so a replica (and the primary, for reads) matters as one of a
parallel group, not as a component in series.
"""

import math
from collections import ChainMap

from estimator.engine import reliability
from estimator.engine.availability import group_availability, workload_availabilities

# Component slots visited re-solving routes with alternatives, at most (reliability's unit).
WORK = 400_000


def _weights(rates) -> list[float]:
    total = sum(rps for _, rps, _ in rates)
    return [rps / total for _, rps, _ in rates] if total else [1 / len(rates)] * len(rates)


def _series_changes(path, by_key) -> dict[str, tuple[float, float]]:
    """One path in series: with a component perfect, the product of the others; failed, 0."""
    keys = sorted({key for key in path if by_key[key] < 1.0})
    before = [1.0]  # before[i]: the product of the first i components' availabilities
    for key in keys:
        before.append(before[-1] * by_key[key])
    changes, after = {}, 1.0
    for index in range(len(keys) - 1, -1, -1):
        changes[keys[index]] = (before[index] * after, 0.0)
        after *= by_key[keys[index]]
    return changes


def _grouped(design, workload) -> dict[str, list[str]]:
    """Each member of a replica group some step of the route is on -> those steps' keys."""
    found: dict[str, list[str]] = {}
    for key in workload.keys:
        for member in design.replica_groups.get(key, ()):
            found.setdefault(member, []).append(key)
    return found


def _steps_with(design, kind: str, keys, by_key, member: str, value: float) -> dict:
    """The availability each of `keys` (steps on `member`'s group) sees with the member at
    `value`."""
    changed = ChainMap({member: value}, by_key)
    return {key: group_availability(design, key, kind, changed) for key in keys}


def _group_changes(design, workload, grouped, seen, by_key) -> dict[str, tuple[float, float]]:
    """A route in series with steps on replica groups: each member of a group, perfect and
    failed (the other steps as they are)."""
    path = dict.fromkeys(workload.paths[0])
    changes = {}
    for member, keys in grouped.items():
        if by_key[member] >= 1.0:
            continue
        others = math.prod(seen[key] for key in path if key not in keys)
        changes[member] = tuple(
            others * math.prod(_steps_with(design, workload.kind, keys, by_key, member,
                                           value).values())
            for value in (1.0, 0.0))
    return changes


def _alternatives_changes(design, workload, seen, by_key, work: float) -> tuple[dict, int]:
    """({key: (route availability with it perfect, with it failed)}, work spent); raises
    reliability.OverBudget past `work`. `seen`: what the route's steps see (a step on a
    replica group: the group); `by_key`: each component's own availability."""
    grouped = _grouped(design, workload)
    keys = sorted({key for path in workload.paths for key in path
                   if key not in grouped and by_key[key] < 1.0}
                  | {member for member in grouped if by_key[member] < 1.0})
    changes, spent = {}, 0
    for key in keys:
        solved = []
        for value in (1.0, 0.0):
            changed = (_steps_with(design, workload.kind, grouped[key], by_key, key, value)
                       if key in grouped else {key: value})
            result, used = reliability.solve_exact(
                workload.stages, ChainMap(changed, seen), work - spent)
            solved.append(result)
            spent += used
        changes[key] = tuple(solved)
    return changes, spent


def importance(design, rates, by_key: dict[str, float], workloads: list[dict]) -> dict:
    if not rates:
        return {"components": [], "improve_first": None, "partial": False}
    weights = _weights(rates)
    base = sum(w * r["availability"] for w, r in zip(weights, workloads, strict=True))
    perfect: dict[str, float] = {}
    failed: dict[str, float] = {}
    partial, work = False, 0
    for (workload, _, _), weight, result in zip(rates, weights, workloads, strict=True):
        if result["method"] == "monte_carlo":
            partial = True
            continue
        seen = workload_availabilities(design, workload, by_key)
        if len(workload.paths) == 1:
            grouped = _grouped(design, workload)
            # a step on a replica group counts as the group in the others' products; its
            # members are then worked out one by one
            changes = {key: change for key, change in
                       _series_changes(workload.paths[0], seen).items() if key not in grouped}
            changes.update(_group_changes(design, workload, grouped, seen, by_key))
        else:
            try:
                changes, used = _alternatives_changes(design, workload, seen, by_key,
                                                      WORK - work)
            except reliability.OverBudget:
                partial = True
                continue
            work += used
        for key, (if_perfect, if_failed) in changes.items():
            perfect[key] = perfect.get(key, 0.0) + weight * (if_perfect - result["availability"])
            failed[key] = failed.get(key, 0.0) + weight * (if_failed - result["availability"])
    # Availability only rises as a component improves: a difference below 0 is rounding.
    rows = [{"key": key, "birnbaum": max(0.0, perfect[key] - failed[key]),
             "improvement": max(0.0, perfect[key]),
             "availability_if_perfect": min(1.0, base + max(0.0, perfect[key]))}
            for key in sorted(perfect)]
    rows.sort(key=lambda r: (-r["improvement"], r["key"]))
    return {
        "components": rows,
        "improve_first": rows[0]["key"] if rows and rows[0]["improvement"] > 0 else None,
        "partial": partial,
    }
