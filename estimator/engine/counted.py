"""The headline figures of some of a design's workloads only.

A worked example counts only some of what its design serves (the handbook estimates
posting tweets, not reading timelines): these are its traffic, storage, bandwidth and
cache figures computed from those workloads alone, the same way the whole estimate
computes them from all.
"""

from estimator.engine import storage, traffic
from estimator.engine.model import parse_design


def counted_figures(document: dict, workload_names: list[str]) -> dict:
    """traffic, storage, bandwidth and cache of the named workloads of a valid document
    (the estimate document's keys); raises KeyError naming a workload it lacks."""
    known = {w.get("name") for w in document.get("workloads", [])}
    missing = [name for name in workload_names if name not in known]
    if missing:
        raise KeyError(f"no workload named {missing[0]!r}")
    # The SLOs name every workload; the figures here need none of them.
    counted = {key: value for key, value in document.items() if key != "slos"}
    counted["workloads"] = [w for w in document["workloads"] if w["name"] in workload_names]
    design = parse_design(counted)
    rates = traffic.workload_rates(design)
    return {
        "traffic": traffic.traffic(rates),
        "storage": storage.storage(design, rates),
        "bandwidth": traffic.bandwidth(rates),
        "cache": storage.cache(design, rates),
    }
