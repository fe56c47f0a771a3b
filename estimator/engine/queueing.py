"""Latency at peak: each component as an M/M/c queue, each route as the sum along it.

A component serves with c = its serving instances, each at mu = capacity_rps
requests per second; its `latency_ms` is the unloaded response time (network
and processing), to which queueing adds the mean wait (Erlang C). A route's
mean latency weights each step by the share of requests that reach it (a
cache hit stops there). Percentiles use the exponential tail of the M/M/1
sojourn time, p = mean x ln(1 / (1 - p)) (p95 = 3.0 x mean, p99 = 4.6 x mean):
exact for one server, conservative for several, and summed along the route,
which overstates a route's percentile (its steps' tails rarely coincide).
"""

import math

from scipy.special import pdtr

from estimator.engine.defaults import CACHE_KINDS

# Above this utilisation the wait of an M/M/c queue climbs steeply (1/(1 - rho)).
STEEP_UTILIZATION = 0.8
P95 = math.log(20)
P99 = math.log(100)


# Up to this many servers Erlang B comes from its recursion (exact, one step per server);
# past it, from the Poisson distribution in closed form, in constant time.
RECURSION_SERVERS = 1_000


def erlang_b(servers: int, offered_load: float) -> float:
    """Probability that all `servers` are busy (Erlang B), for `offered_load` = lambda / mu."""
    if offered_load <= 0:
        return 0.0
    if servers <= RECURSION_SERVERS:
        # Stable where the textbook sum of a^k / k! overflows.
        blocking = 1.0
        for k in range(1, servers + 1):
            blocking = offered_load * blocking / (k + offered_load * blocking)
        return blocking
    # B = P(N = c) / P(N <= c) for N ~ Poisson(a): the numerator from logarithms, the
    # denominator from the regularised incomplete gamma function (SciPy's pdtr).
    log_mass = servers * math.log(offered_load) - offered_load - math.lgamma(servers + 1)
    below = float(pdtr(servers, offered_load))
    return math.exp(log_mass) / below if below > 0 else 1.0


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arriving request waits, for `offered_load` = lambda / mu."""
    if offered_load >= servers:
        return 1.0
    blocking = erlang_b(servers, offered_load)
    return servers * blocking / (servers - offered_load * (1.0 - blocking))


def mmc(arrival: float, service: float, servers: int) -> dict:
    """Utilisation, waiting probability, mean wait and mean time in system (seconds)."""
    utilization = arrival / (servers * service)
    if utilization >= 1:
        return {"utilization": utilization, "wait_probability": 1.0, "mean_wait_s": None,
                "mean_time_s": None, "stable": False}
    waiting = erlang_c(servers, arrival / service)
    wait = waiting / (servers * service - arrival)
    return {"utilization": utilization, "wait_probability": waiting, "mean_wait_s": wait,
            "mean_time_s": wait + 1 / service, "stable": True}


def component_latency(row: dict, latency_ms: float) -> dict:
    """One component at its peak load: queueing wait on top of its unloaded latency."""
    capacity = row["capacity_rps"]
    if capacity is None or row["peak_load_rps"] == 0:
        queue = {"utilization": None, "wait_probability": 0.0, "mean_wait_s": 0.0,
                 "mean_time_s": None, "stable": True}
    else:
        queue = mmc(row["peak_load_rps"], capacity, row["serving_instances"])
    wait_ms = None if queue["mean_wait_s"] is None else queue["mean_wait_s"] * 1000
    mean = None if wait_ms is None else latency_ms + wait_ms
    return {
        "key": row["key"],
        "utilization": queue["utilization"],
        "wait_probability": queue["wait_probability"],
        "mean_wait_ms": wait_ms,
        "mean_latency_ms": mean,
        "p95_ms": None if mean is None else mean * P95,
        "p99_ms": None if mean is None else mean * P99,
        "steep": queue["utilization"] is not None and queue["utilization"] > STEEP_UTILIZATION,
    }


def route_latency(design, workload, by_key: dict[str, dict]) -> dict:
    """Mean latency along the primary route, each step weighted by the share that reaches it."""
    reach, mean, p95, p99 = 1.0, 0.0, 0.0, 0.0
    for step in workload.route:
        component = by_key[step.key]
        if component["mean_latency_ms"] is None:
            return {"name": workload.name, "mean_ms": None, "p95_ms": None, "p99_ms": None}
        mean += reach * component["mean_latency_ms"]
        p95 += reach * component["p95_ms"]
        p99 += reach * component["p99_ms"]
        kind = design.component(step.key).kind
        if kind in CACHE_KINDS and workload.kind == "read":
            reach *= 1.0 - design.component(step.key).hit_ratio
    return {"name": workload.name, "mean_ms": mean, "p95_ms": p95, "p99_ms": p99}


def latency(design, rows: list[dict]) -> dict:
    latencies = {c.key: c.latency_ms for c in design.components}
    components = [component_latency(row, latencies[row["key"]]) for row in rows]
    by_key = {c["key"]: c for c in components}
    return {
        "components": components,
        "workloads": [route_latency(design, w, by_key) for w in design.workloads],
        "steep": [c["key"] for c in components if c["steep"]],
    }
