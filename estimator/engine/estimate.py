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
    latency_derivations,
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
from estimator.engine.errors import FieldError, ScenarioError
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
    result["sensitivity"] = uncertainty.sensitivity(
        design, lambda changed: estimate_core(changed, served=False))
    result["engine_version"] = ENGINE_VERSION
    return result


# What the live estimate writes in place of the runs it leaves out.
LIVE_SKIPPED = "left out of the live estimate"


def estimate_live(document: dict) -> dict:
    """The estimate document without its uncertainty and sensitivity runs (about half the
    work on the handbook examples) and without its derivations (the worked texts behind
    each figure: a third of what is left), for the editor's canvas, which shows none of
    them; raises DesignError when invalid."""
    availability.forget_routes()
    return _without_runs(estimate_design(parse_design(document), derive=False))


def estimate_live_failed(document: dict, scenario) -> tuple[dict, dict]:
    """The live estimate of the design after a failure scenario (engine.whatif: components,
    instances or zones down), and the what-if answer beside it: one estimate, of the
    degraded design. Raises DesignError for an invalid document, ScenarioError (a
    DesignError, its paths in the scenario) for an invalid scenario."""
    availability.forget_routes()
    result, answer = whatif.failed_estimate(
        parse_design(document), scenario, lambda design: estimate_design(design, derive=False))
    return _without_runs(result), answer


def scenario_errors(document: dict, scenario) -> list[FieldError]:
    """The errors of a failure scenario on a valid document (paths in the scenario)."""
    design = parse_design(document)
    try:
        whatif.parse_scenario(design, scenario)
    except ScenarioError as error:
        return error.errors
    return []


def _without_runs(result: dict) -> dict:
    result["uncertainty"] = {"seed": uncertainty.DEFAULT_SEED, "samples": 0, "inputs": [],
                             "figures": []}
    result["sensitivity"] = {"change": 0.1, "inputs_checked": 0, "figures": [],
                             "skipped": LIVE_SKIPPED}
    result["engine_version"] = ENGINE_VERSION
    return result


def estimate_core(design: Design, *, served: bool = True) -> dict:
    """Only the headline sections, for the many re-estimates of uncertainty runs: their
    routes get a hundredth of the estimate's work (reliability.QUICK). Without `served`
    (sensitivity's 80 re-estimates), no overload walk and no requests served."""
    rates = traffic.workload_rates(design)
    available = availability.availability(design, rates,
                                          budget=reliability.Budget(*reliability.QUICK))
    by_key = {row["key"]: row["availability"] for row in available["components"]}
    solution = retries.solve(design, rates)
    calls = solution.calls if solution else None
    rows = capacity.components(design, rates, by_key, {}, {}, calls)
    found = {}
    if served:
        found["overload"] = _overload_core(design, rates, rows, calls)
        served_routes = retries.route_availabilities(design, rates, solution,
                                                     available["workloads"])
        available["requests_served"] = requests_served(rates, served_routes, available,
                                                       found["overload"])
    return {
        "traffic": traffic.traffic(rates),
        "storage": storage.storage(design, rates),
        "bandwidth": traffic.bandwidth(rates),
        "cache": storage.cache(design, rates),
        "availability": available,
        "headroom": capacity.headroom(rows, design.assumptions.daily_active_users),
        **found,
    }


def _overload_core(design: Design, rates, rows: list[dict], calls: dict | None) -> dict:
    """The overload figures uncertainty samples. When no component's peak load passes its
    capacity nothing is shed (what reaches a component only falls when one before it sheds),
    so every share is 1 without the overload walk; not so when a step has a timeout or
    retries (`calls`): its calls lost lower the shares whatever the load."""
    if calls or any(r["capacity_rps"] is not None and
                    (r["utilization"] is None or r["utilization"] > 1) for r in rows):
        return overload.overload(design, rates, calls)
    return {"served_share": 1.0, "workloads": [{"served_share": 1.0} for _ in rates]}


def requests_served(rates, route_availability: list[float], available: dict,
                    overloaded: dict) -> float:
    """The availability of requests served (engine.overload.requests_served);
    `route_availability`: each workload's route as engine.retries reads it."""
    return overload.requests_served(
        rates, route_availability, [w["served_share"] for w in overloaded["workloads"]],
        available["overall"])


def what_if(document: dict, scenario: dict) -> dict:
    """What remains of the design after the scenario's failures (see engine.whatif)."""
    availability.forget_routes()
    return whatif.what_if(parse_design(document), scenario, estimate_design)


def estimate_design(design: Design, *, derive: bool = True) -> dict:
    """Without `derive`, `derivations` is left empty (the live estimate)."""
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
    available["requests_served"] = requests_served(rates, served_routes, available, overloaded)
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
            groups=design.replica_groups,
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
    document["derivations"] = [] if not derive else [
        *derivations.derivations(design, rates, document,
                                 served_routes if solution is not None else None),
        *latency_derivations.derivations(design, rows, document["latency"], solution),
        *slos.derivations(document["slos"], document["cost"]["currency"]),
        *retries.derivations(design, rates, retried, solution,
                             {c["key"]: c["offered_rps"] for c in overloaded["components"]}),
    ]
    return document
