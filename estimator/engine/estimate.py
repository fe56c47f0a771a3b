"""The whole estimate: the design document in, the estimate document out."""

from dataclasses import asdict

from estimator.engine import (
    availability,
    bottlenecks,
    capacity,
    cost,
    derivations,
    growth,
    importance,
    overload,
    queueing,
    reliability,
    retries,
    slos,
    storage,
    traffic,
    uncertainty,
    whatif,
)
from estimator.engine.model import Design, Parts, parse_design
from estimator.engine.version import ENGINE_VERSION


def estimate(document: dict) -> dict:
    """The estimate document of a design document; raises DesignError when invalid."""
    availability.forget_routes()
    parts = Parts()
    design = parse_design(document, parts)
    result = estimate_design(design)
    result["uncertainty"] = uncertainty.monte_carlo(
        document, lambda sampled: estimate_core(parse_design(sampled, parts)))
    result["sensitivity"] = uncertainty.sensitivity(design, estimate_core)
    result["engine_version"] = ENGINE_VERSION
    return result


def estimate_core(design: Design) -> dict:
    """Only the headline sections, for the many re-estimates of uncertainty runs: their
    routes get a hundredth of the estimate's work (reliability.QUICK)."""
    rates = traffic.workload_rates(design)
    available = availability.availability(design, rates,
                                          budget=reliability.Budget(*reliability.QUICK))
    by_key = {row["key"]: row["availability"] for row in available["components"]}
    solution = retries.solve(design, rates)
    rows = capacity.components(design, rates, by_key, {}, {},
                               solution.calls if solution else None)
    return {
        "traffic": traffic.traffic(rates),
        "storage": storage.storage(design, rates),
        "bandwidth": traffic.bandwidth(rates),
        "cache": storage.cache(design, rates),
        "availability": available,
        "headroom": capacity.headroom(rows, design.assumptions.daily_active_users),
    }


def what_if(document: dict, scenario: dict) -> dict:
    """What remains of the design after the scenario's failures (see engine.whatif)."""
    availability.forget_routes()
    return whatif.what_if(parse_design(document), scenario, estimate_design)


def estimate_design(design: Design) -> dict:
    rates = traffic.workload_rates(design)
    assumptions = design.assumptions
    available = availability.availability(design, rates)
    by_key = {row["key"]: row["availability"] for row in available["components"]}
    stored = storage.stored_per_component(design, rates)
    needs = storage.cache_need_per_component(design, rates)
    solution = retries.solve(design, rates)
    calls = solution.calls if solution else None
    rows = capacity.components(design, rates, by_key, stored, needs, calls)
    cache = storage.cache(design, rates)
    on_route = {key for w in design.workloads for path in w.paths for key in path}
    overloaded = overload.overload(design, rates, calls)
    retried = retries.section(design, rates, solution)
    served_routes = retries.route_availabilities(design, rates, solution,
                                                 available["workloads"])
    available["requests_served"] = overload.requests_served(
        rates, served_routes, [w["served_share"] for w in overloaded["workloads"]],
        available["overall"])
    document = {
        "assumptions": asdict(assumptions),
        "traffic": traffic.traffic(rates),
        "storage": storage.storage(design, rates),
        "bandwidth": traffic.bandwidth(rates),
        "cache": cache,
        "availability": available,
        "components": rows,
        "bottlenecks": bottlenecks.bottlenecks(
            rows, target=assumptions.target_utilization,
            years=assumptions.retention_years, on_route=on_route,
            served={c["key"]: c for c in overloaded["components"]},
            amplified={c["key"]: c for c in retried["components"]},
        ),
        "headroom": capacity.headroom(rows, assumptions.daily_active_users),
        "overload": overloaded,
        "retries": retried,
        "latency": queueing.latency(design, rows, solution),
    }
    document["growth"] = growth.growth(assumptions, document["storage"], document["traffic"], rows)
    document["cost"] = cost.cost(design, document["storage"], document["bandwidth"])
    document["n_plus_one"] = whatif.n_plus_one(rows)
    document["importance"] = importance.importance(
        design, rates, by_key, available["workloads"])
    document["slos"] = slos.slos(design, document)
    document["derivations"] = [
        *derivations.derivations(design, rates, document,
                                 served_routes if solution is not None else None),
        *slos.derivations(document["slos"], document["cost"]["currency"]),
        *retries.derivations(design, rates, retried, solution,
                             {c["key"]: c["offered_rps"] for c in overloaded["components"]}),
    ]
    return document
