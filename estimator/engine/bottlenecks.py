"""The bottleneck report: what breaks first, and the handbook's remedies for it."""

from estimator.engine.defaults import LOW_AVAILABILITY
from estimator.engine.remedies import remedies_for
from estimator.present.units import fmt_bytes, fmt_count, fmt_percent

SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


def _entry(row: dict, kind: str, severity: str, message: str) -> dict:
    return {
        "component": row["key"],
        "kind": kind,
        "severity": severity,
        "message": message,
        "remedies": remedies_for(kind, row["kind"]),
    }


def _lost(row: dict, served: dict | None) -> str:
    """What a saturated component loses at peak (engine.overload): the requests it is offered
    (after what the components before it shed) and the share it cannot serve."""
    if served is None:
        return ""
    offered, kept = served["offered_rps"], served["served_rps"]
    if served["shed_share"] <= 0:
        return (f" Behind the components before it that shed first, it is offered "
                f"{fmt_count(offered)}/s at peak and serves them all.")
    return (f" It serves {fmt_count(kept)} of {fmt_count(offered)} requests/s at peak: "
            f"{fmt_percent(served['shed_share'], 1)} of the requests through it are lost.")


def shares_reads(key: str, groups: dict[str, tuple[str, ...]]) -> str:
    """"db and its replica db_replica share reads; writes go to db": how a replica group
    (model.Design.replica_groups) splits its load, or "" for a component in none."""
    group = groups.get(key)
    if not group:
        return ""
    primary, replicas = group[0], group[1:]
    noun = "replica" if len(replicas) == 1 else "replicas"
    return (f"{primary} and its {noun} {', '.join(replicas)} share reads; writes go to "
            f"{primary}")


def _group(key: str, groups: dict) -> str:
    words = shares_reads(key, groups)
    return f" {words[0].upper()}{words[1:]} (the load above is this member's)." if words else ""


def _load(row: dict, target: float, served: dict | None = None,
          groups: dict | None = None) -> dict | None:
    utilization = row["utilization"]
    if utilization is None or utilization <= target:
        return None
    capacity = f"{fmt_count(row['capacity_rps'])}/s x {row['serving_instances']} serving"
    needs = (f"needs {fmt_count(row['instances_needed'])} serving instances to stay under "
             f"{target:.0%}")
    load = f"{fmt_count(row['peak_load_rps'])}/s at peak against {capacity}"
    if utilization > 1:
        # Past 100 times its capacity a percentage is a wall of digits.
        share = (f"{utilization:.0%}" if utilization < 100
                 else f"{utilization:.3g} times its capacity")
        return _entry(row, "saturated", "critical",
                      f"{row['name']} is saturated at {share} ({load}); {needs}."
                      + _lost(row, served) + _group(row["key"], groups or {}))
    return _entry(row, "over_target", "warning",
                  f"{row['name']} runs at {utilization:.0%} at peak, over the {target:.0%} "
                  f"target ({load}); {needs}." + _group(row["key"], groups or {}))


def _spof(row: dict) -> dict | None:
    if not row["spof"]:
        return None
    return _entry(row, "spof", "warning",
                  f"{row['name']} is a single point of failure: one failure stops every "
                  f"workload routed through it.")


def _storage(row: dict, years: float) -> dict | None:
    if row["storage_bytes"] is None or row["stored_bytes_total"] <= row["storage_bytes"]:
        return None
    return _entry(row, "storage", "critical",
                  f"{row['name']} must keep {fmt_bytes(row['stored_bytes_total'])} over "
                  f"{years:g} years but holds {fmt_bytes(row['storage_bytes'])}.")


def _memory(row: dict) -> dict | None:
    if row["memory_bytes"] is None or not row["cache_need_bytes"]:
        return None
    memory = row["memory_bytes"] * row["serving_instances"]
    if row["cache_need_bytes"] <= memory:
        return None
    return _entry(row, "memory", "warning",
                  f"{row['name']} should hold {fmt_bytes(row['cache_need_bytes'])} (a share of "
                  f"the daily reads through it) but has {fmt_bytes(memory)} of memory.")


# Retries that add at least this share of load to a component are reported.
RETRY_REPORTED = 0.1


def _retries(row: dict, amplified: dict | None) -> dict | None:
    """A component whose load the retries of the steps calling it multiply (engine.retries)."""
    if amplified is None or amplified["amplification"] is None or \
            amplified["amplification"] < 1.0 + RETRY_REPORTED:
        return None
    return _entry(row, "retries", "warning",
                  f"{row['name']} gets {amplified['amplification']:.2g} attempts per call: "
                  f"retries multiply its load ({fmt_count(amplified['peak_load_rps'])}/s at "
                  f"peak, {fmt_count(amplified['peak_load_rps_without_retries'])}/s without "
                  f"them).")


def _least_available(rows: list[dict], on_route: set[str]) -> dict | None:
    candidates = [r for r in rows if r["key"] in on_route and r["availability"] < LOW_AVAILABILITY]
    if not candidates:
        return None
    row = min(candidates, key=lambda r: r["availability"])
    return _entry(row, "low_availability", "info",
                  f"{row['name']} is the least available component "
                  f"({fmt_percent(row['availability'], 6)}, under "
                  f"{fmt_percent(LOW_AVAILABILITY)}): it caps every route through it.")


def bottlenecks(rows: list[dict], *, target: float, years: float,
                on_route: set[str], served: dict[str, dict] | None = None,
                amplified: dict[str, dict] | None = None,
                groups: dict[str, tuple[str, ...]] | None = None) -> list[dict]:
    """`served`: engine.overload's components by key, for what a saturated one loses;
    `amplified`: the retries section's components by key, for the load retries add;
    `groups`: the design's replica groups, named in a member's load message."""
    served = served or {}
    amplified = amplified or {}
    found = []
    for row in rows:
        found += [_load(row, target, served.get(row["key"]), groups), _spof(row),
                  _storage(row, years), _memory(row), _retries(row, amplified.get(row["key"]))]
    found.append(_least_available(rows, on_route))
    utilization = {r["key"]: r["utilization"] or 0.0 for r in rows}
    entries = [entry for entry in found if entry is not None]
    return sorted(entries, key=lambda e: (SEVERITY_ORDER[e["severity"]],
                                          -utilization[e["component"]]))
