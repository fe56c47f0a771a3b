"""Overload: the share of each workload's peak requests that get served.

A component past its capacity at peak serves only its capacity (capacity_rps x serving
instances); one without a capacity limit serves all it is offered. The model, kept simple:

- Load follows each workload's primary route as capacity.route_loads does (fan-outs
  multiply it, a cache or CDN passes on only the misses of the reads it sees, a replica
  group takes writes on its primary and spreads reads over its members).
- Shedding is proportional: a component offered more than it can serve serves the same
  share, served / offered, of every workload's requests through it.
- A request shed is lost: it goes no further along its route (so the components after it
  are offered less). On a step with retries (engine.retries) a shed attempt is tried again:
  the step's component is offered every attempt, and the step serves the share of calls
  that some attempt got through (1 - q^(R+1)) in place of the component's served share.
- A workload's served share is the product over the steps of its route of the served share
  of the component at that step (a fan-out's calls count as one request: a step's share is
  not raised to the power of its fan-out).

Because shed requests go no further, what a component is offered depends on what the
components before it shed: the shares are found by repeating the walk until they settle
(once per step of the longest route when every route meets components in one order, and at
most MAX_ROUNDS walks otherwise).
"""

import math

from estimator.engine.capacity import ONE_CALL, passes_on, total_capacity
from estimator.engine.model import Design

MAX_ROUNDS = 64


def _offered(design: Design, rates, shares: dict[str, float],
             calls: dict | None = None) -> dict[str, float]:
    """Peak requests per second reaching each component, given the components' served
    shares: each step passes on only what the steps before it served. `calls`: a step's
    (attempts per call, share of calls served) when it has a timeout or retries."""
    offered = dict.fromkeys(shares, 0.0)
    calls = calls or {}
    for workload, _, peak in rates:
        flow = peak
        for index, step in enumerate(workload.route):
            flow *= step.fan_out
            call = calls.get((workload.name, index))
            attempts, served = call or ONE_CALL
            passed = 0.0
            for key, part in design.spread(step.key, workload.kind):
                offered[key] += flow * part * attempts
                share = served if call else shares[key]
                passed += part * share * passes_on(design.component(key), workload.kind)
            flow *= passed
    return offered


def _shares(design: Design, offered: dict[str, float]) -> dict[str, float]:
    shares = {}
    for component in design.components:
        capacity = total_capacity(component)
        load = offered[component.key]
        shares[component.key] = (1.0 if capacity is None or load <= capacity
                                 else capacity / load)
    return shares


def served_shares(design: Design, rates, calls: dict | None = None
                  ) -> tuple[dict[str, float], dict[str, float]]:
    """(served share, offered peak rps) of each component, by key."""
    shares = {c.key: 1.0 for c in design.components}
    offered = _offered(design, rates, shares, calls)
    for _ in range(MAX_ROUNDS):
        settled = _shares(design, offered)
        offered = _offered(design, rates, settled, calls)
        if all(math.isclose(settled[k], shares[k], rel_tol=1e-12, abs_tol=1e-15)
               for k in shares):
            shares = settled
            break
        shares = settled
    return shares, offered


def workload_share(design: Design, workload, shares: dict[str, float],
                   calls: dict | None = None) -> float:
    """The product of the served shares of the steps along the workload's route (a step on a
    replica group: its members' shares weighted by the part of the requests each gets; a
    step with a timeout or retries: the share of its calls served)."""
    calls = calls or {}

    def step_share(index, step) -> float:
        call = calls.get((workload.name, index))
        if call is not None:
            return call[1]
        return sum(part * shares[key] for key, part in design.spread(step.key, workload.kind))

    return math.prod(step_share(index, step) for index, step in enumerate(workload.route))


def _weighted(values, weights) -> float:
    """The mean of values weighted by weights; the plain mean when the weights are all 0."""
    values, weights = list(values), list(weights)
    if not values:
        return 1.0
    total = sum(weights)
    if total == 0:
        return min(1.0, sum(values) / len(values))
    return min(1.0, sum(v * w for v, w in zip(values, weights, strict=True)) / total)


def overload(design: Design, rates, calls: dict | None = None) -> dict:
    """The "overload" section: each workload's served share and requests lost per second at
    peak, the overall served share (weighted by peak traffic), and each component's offered
    and served requests per second at peak with the share of them it sheds. `calls`:
    engine.retries' attempts per call and share of calls served of the steps with a timeout
    or retries."""
    shares, offered = served_shares(design, rates, calls)
    by_workload = [workload_share(design, workload, shares, calls) for workload, _, _ in rates]
    return {
        "served_share": _weighted(by_workload, (peak for _, _, peak in rates)),
        "workloads": [
            {"name": workload.name, "peak_rps": peak, "served_share": share,
             "lost_rps": peak * (1.0 - share)}
            for (workload, _, peak), share in zip(rates, by_workload, strict=True)
        ],
        "components": [
            {"key": key, "offered_rps": offered[key], "served_rps": offered[key] * share,
             "shed_share": 1.0 - share}
            for key, share in shares.items()
        ],
    }


def requests_served(rates, route_availability: list[float], workload_shares: list[float],
                    overall: float) -> float:
    """The availability of requests served: per workload, its route's availability times its
    served share at peak, weighted by average traffic as availability.overall is (so with
    nothing overloaded the two are the same figure); `overall` without workloads."""
    if not rates:
        return overall
    return _weighted((a * s for a, s in zip(route_availability, workload_shares, strict=True)),
                     (rps for _, rps, _ in rates))
