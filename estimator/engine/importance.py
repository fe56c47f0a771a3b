"""Which component to improve first: Birnbaum importance over the whole design.

For each component on some path, the design's availability (traffic-weighted
over workloads) with that component perfect and with it failed. Birnbaum
importance is the difference; `improvement` is how much the availability
rises if the component were perfect, and ranks the list. Routes estimated by
Monte Carlo are left out of the recalculation (their sampling noise would
swamp the differences); `partial` says so.
"""

from estimator.engine import reliability


def _weights(rates) -> list[float]:
    total = sum(rps for _, rps, _ in rates)
    return [rps / total for _, rps, _ in rates] if total else [1 / len(rates)] * len(rates)


def _route(paths, by_key) -> float:
    if len(paths) == 1:
        return reliability.availability_of_paths(paths, by_key)["availability"]
    return reliability.exact(paths, by_key)


def importance(design, rates, by_key: dict[str, float], workloads: list[dict]) -> dict:
    if not rates:
        return {"components": [], "improve_first": None, "partial": False}
    weights = _weights(rates)
    solvable = [r["method"] != "monte_carlo" for r in workloads]
    base = sum(w * r["availability"] for w, r in zip(weights, workloads, strict=True))
    keys = sorted({key for (wl, _, _), ok in zip(rates, solvable, strict=True) if ok
                   for path in wl.paths for key in path if by_key[key] < 1.0})
    rows = []
    for key in keys:
        perfect, failed = base, base
        for (workload, _, _), weight, result, ok in zip(rates, weights, workloads, solvable,
                                                         strict=True):
            if not ok or not any(key in path for path in workload.paths):
                continue
            perfect += weight * (_route(workload.paths, {**by_key, key: 1.0})
                                 - result["availability"])
            failed += weight * (_route(workload.paths, {**by_key, key: 0.0})
                                - result["availability"])
        rows.append({"key": key, "birnbaum": perfect - failed, "improvement": perfect - base,
                     "availability_if_perfect": perfect})
    rows.sort(key=lambda r: (-r["improvement"], r["key"]))
    return {
        "components": rows,
        "improve_first": rows[0]["key"] if rows and rows[0]["improvement"] > 0 else None,
        "partial": not all(solvable),
    }
