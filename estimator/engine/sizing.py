"""Size to meet SLOs: the cheapest instance counts this search finds that meet the design's
targets.

Only `instances` of components change: never capacities, hit ratios, kinds, redundancy, k,
routes or prices. A component is sized when its count matters: it has a capacity (its
utilisation), or an availability under 1 (its redundancy); clients are never sized. Each
sized component stays at or above its floor: what its redundancy needs (k for k-of-n, else
one), plus one spare when the design gave it more than that (sizing never turns a
redundant component into a single point of failure); a data store (database, object store,
search) never shrinks, as its count may be set by the data it shards, which the design does
not give per instance. Managed components are sized like the
others: the cost counts their instances at their price as it counts anyone's.

Every candidate is judged by the estimate itself (estimate_design on the candidate design):
peak utilisation of each sized component at most assumptions.target_utilization, the SLO rows
of the estimate (requests served against `slos.availability`, each workload's p99 against
`slos.p99_ms`, the monthly cost against `slos.monthly_budget`). The search:

1. utilisation: every sized component with a capacity at capacity.instances_needed (which
   shrinks the over-provisioned ones), or its floor, repeated while replica groups shift
   reads (at most UTILISATION_ROUNDS times, the later half only growing);
2. availability and p99: while some is missed, one instance more on the component that
   closes most of the gap per unit of cost, trying for each missed target the CANDIDATES
   components that matter most to it (by the estimate's own importance ranking for
   availability, by the queueing wait of the route's steps for a p99);
3. trim: one instance fewer on each sized component with a price, the most expensive
   first, kept when the design loses nothing by it (no component newly over the target
   utilisation, no target newly missed, no gap wider), again while any is kept;
4. budget: the cost of the result against the monthly budget (the budget never makes the
   search give up a target; a budget below the result is reported as missed).

A p99 target under the route's unloaded latency (its steps' constants, no queue at all) and
an availability target above what every sized component at IDEAL_INSTANCES instances gives
cannot be met by any count: they are reported without a search. The search stops after
MAX_EVALUATIONS estimates or TIME_LIMIT_S seconds; the first bound makes the result
deterministic, the second is a guard for very large designs (`stopped` says which bound
ended it, and the targets left missed say so).
"""

import copy
import dataclasses
import math
import time

from estimator.engine import availability as availability_
from estimator.engine import capacity, queueing
from estimator.engine.defaults import STORAGE_KINDS
from estimator.engine.estimate import estimate_design
from estimator.engine.limits import MAX_INSTANCES
from estimator.engine.model import Component, Design, parse_design
from estimator.engine.slos import key_of
from estimator.present.units import fmt_money, fmt_ms, fmt_percent

MAX_EVALUATIONS = 200
TIME_LIMIT_S = 2.0
UTILISATION_ROUNDS = 6
CANDIDATES = 3
IDEAL_INSTANCES = 64  # 1 - 0.9^64 is 0.9988; 1 - 0.999^64 rounds to 1 - 1e-192
SATURATED_GAP = 100.0  # a route with no p99 (saturated): far from any target
TOLERANCE = 1e-9
UTILISATION = "assumptions.target_utilization"


class _Stop(Exception):
    """A bound of the search was reached."""


class _Search:
    """Estimates of candidate designs, counted and timed."""

    def __init__(self, design: Design, clock):
        self.design, self.clock = design, clock
        self.started = clock()
        self.evaluations = 0
        self.stopped = None
        self.seen: dict[tuple, dict] = {}
        self.counts = {c.key: c.instances for c in design.components}  # the best so far
        self.stuck: set[str] = set()  # targets no candidate moved
        self.unit_month: dict[str, float] = {}

    def key(self, counts: dict[str, int]) -> tuple:
        """The counts that differ from the design's, in order: one key per candidate."""
        return tuple(sorted((key, n) for key, n in counts.items()
                            if n != self.design.component(key).instances))

    def estimate(self, counts: dict[str, int]) -> dict:
        key = self.key(counts)
        if key in self.seen:
            return self.seen[key]
        if self.evaluations >= MAX_EVALUATIONS:
            self.stopped = "evaluations"
            raise _Stop
        if self.evaluations and self.clock() - self.started > TIME_LIMIT_S:
            self.stopped = "time"
            raise _Stop
        self.evaluations += 1
        availability_.forget_routes()
        result = estimate_design(with_counts(self.design, counts))
        self.seen[key] = result
        return result


def with_counts(design: Design, counts: dict[str, int]) -> Design:
    """The design with these components' instance counts changed (nothing else)."""
    components = tuple(dataclasses.replace(c, instances=counts[c.key])
                       if counts.get(c.key, c.instances) != c.instances else c
                       for c in design.components)
    return dataclasses.replace(design, components=components)


def is_sized(component: Component) -> bool:
    """Its count matters: a capacity to share, or an availability that redundancy raises."""
    return component.kind != "client" and (
        component.capacity_rps is not None or component.availability < 1.0)


def floor(component: Component) -> int:
    """The fewest instances sizing leaves: what the redundancy needs, plus the spare the
    design gave; a data store keeps the count it has (it may hold its data by shards, and
    the design gives no storage per instance), so it only grows."""
    if component.kind in STORAGE_KINDS:
        return component.instances
    need = component.k if component.redundancy == "k-of-n" and component.k else 1
    return need + 1 if component.instances > need else need


def _memory_needs(row: dict) -> int:
    """The instances a cache needs to hold its share of the reads (memory_bytes of one
    instance, times the instances), as the estimate's memory check counts them."""
    if row["memory_bytes"] is None or not row["cache_need_bytes"]:
        return 1
    return math.ceil(row["cache_need_bytes"] / row["memory_bytes"] - TOLERANCE)


def _figures(estimate: dict, sized: set[str]) -> dict:
    utilisations = [row["utilization"] for row in estimate["components"]
                    if row["key"] in sized and row["utilization"] is not None]
    return {
        "availability": estimate["availability"]["requests_served"],
        "p99_ms": [{"name": w["name"], "p99_ms": w["p99_ms"]}
                   for w in estimate["latency"]["workloads"]],
        "cost_month": estimate["cost"]["total_month"],
        "utilization_max": max(utilisations, default=None),
    }


def _over_target(estimate: dict, design: Design, sized: set[str]) -> list[dict]:
    target = design.assumptions.target_utilization
    return [row for row in estimate["components"]
            if row["key"] in sized and row["utilization"] is not None
            and row["utilization"] > target + TOLERANCE]


def _rows(estimate: dict, skip: set[str]) -> list[dict]:
    """The estimate's SLO rows for availability and p99, those in `skip` left out."""
    return [row for row in estimate["slos"]
            if row["kind"] != "budget" and key_of(row) not in skip]


def _gap(row: dict) -> float:
    """How far a missed target is: nines short for availability, the share over the target
    for a p99; 0 when met."""
    if row["met"]:
        return 0.0
    if row["kind"] == "availability":
        have = availability_.nines(row["actual"])
        want = availability_.nines(row["target"])
        return SATURATED_GAP if want is None else max(0.0, want - (have or 0.0))
    if row["actual"] is None:
        return SATURATED_GAP
    return max(0.0, (row["actual"] - row["target"]) / row["target"])


def _total_gap(estimate: dict, skip: set[str]) -> float:
    return sum(_gap(row) for row in _rows(estimate, skip))


def _utilisation_counts(search: _Search, design: Design, counts: dict[str, int],
                        sized: set[str]) -> dict[str, int]:
    """Step 1: each sized component with a capacity at the instances its peak needs."""
    target = design.assumptions.target_utilization
    for round_ in range(UTILISATION_ROUNDS):
        estimate = search.estimate(counts)
        changed = dict(counts)
        for row in estimate["components"]:
            component = design.component(row["key"])
            if row["key"] not in sized or row["capacity_rps"] is None or \
                    component.redundancy == "active-passive":
                continue
            needed = capacity.instances_needed(row["peak_load_rps"], row["capacity_rps"],
                                               target)
            wanted = min(max(floor(component), needed, _memory_needs(row)), MAX_INSTANCES)
            # The last rounds only grow: replica groups, whose reads follow their members'
            # capacities, cannot swing back and forth (step 3 trims what they leave over).
            grow = round_ >= UTILISATION_ROUNDS // 2
            changed[row["key"]] = max(wanted, counts[row["key"]]) if grow else wanted
        if changed == counts:
            break
        counts = search.counts = changed
    return counts


def _candidates(design: Design, estimate: dict, row: dict, sized: set[str]) -> list[str]:
    """The CANDIDATES components that matter most to a missed target."""
    if row["kind"] == "availability":
        ranked = [c["key"] for c in estimate["importance"]["components"]
                  if c["improvement"] > 0]
        if not ranked:  # no ranking (routes sampled by Monte Carlo): the least available
            on_paths = {key for w in design.workloads for path in w.paths for key in path}
            ranked = sorted(on_paths, key=lambda key: (design.component(key).availability, key))
        ranked = [key for key in ranked if key in sized
                  and design.component(key).availability < 1.0]
        return ranked[:CANDIDATES]
    workload = next(w for w in design.workloads if w.name == row["workload"])
    on_route = {member for step, _ in queueing.user_steps(design, workload)
                for member, _ in design.spread(step.key, workload.kind)}
    waits = [(c["p99_ms"] - design.component(c["key"]).latency_ms
              if c["p99_ms"] is not None else float("inf"), c["key"])
             for c in estimate["latency"]["components"]
             if c["key"] in on_route and c["key"] in sized and c["utilization"]]
    waits.sort(key=lambda wait: -wait[0])  # stable: the order of the components breaks ties
    return [key for wait, key in waits if wait > TOLERANCE][:CANDIDATES]


def _add(search: _Search, design: Design, counts: dict[str, int], sized: set[str],
         skip: set[str]) -> dict[str, int]:
    """Step 2: one instance at a time where it closes most of the gap per unit of cost.
    The targets no candidate moved go to search.stuck."""
    stuck = search.stuck
    while True:
        estimate = search.estimate(counts)
        missed = [row for row in _rows(estimate, skip | stuck) if not row["met"]]
        if not missed:
            return counts
        gap = _total_gap(estimate, skip | stuck)
        keys = []
        for row in missed:
            found = _candidates(design, estimate, row, sized)
            if not found:
                stuck.add(key_of(row))
            keys += [key for key in found if key not in keys]
        best = None
        for key in keys:
            if counts[key] >= MAX_INSTANCES:
                continue
            trial = {**counts, key: counts[key] + 1}
            estimate = search.estimate(trial)
            closed = gap - _total_gap(estimate, skip | stuck)
            if closed <= TOLERANCE:
                continue
            # Meeting a target outright comes first: a cheap instance that only creeps towards
            # a target it can never pass (the best of two in series with a lone one) loses to
            # the one that passes it.
            met = sum(row["met"] for row in _rows(estimate, skip | stuck))
            price = search.unit_month[key]
            score = (met, price <= 0, closed / price if price > 0 else closed)
            if best is None or score > best[0]:
                best = (score, trial)
        if best is None:
            stuck |= {key_of(row) for row in missed}
            return counts
        counts = search.counts = best[1]


def _met(estimate: dict, skip: set[str]) -> set[str]:
    return {key_of(row) for row in _rows(estimate, skip) if row["met"]}


def _no_worse(trial: dict, current: dict, design: Design, sized: set[str],
              skip: set[str]) -> bool:
    """Nothing the trial design loses: no component newly over the target utilisation, no
    target newly missed, no gap wider."""
    over = {row["key"] for row in _over_target(trial, design, sized)}
    was = {row["key"] for row in _over_target(current, design, sized)}
    return over <= was and _met(trial, skip) >= _met(current, skip) and \
        _total_gap(trial, skip) <= _total_gap(current, skip) + TOLERANCE


def _surely_over(design: Design, row: dict, instances: int) -> bool:
    """With this many instances the component's own peak load would pass the target
    utilisation (outside replica groups, where its load does not depend on its count)."""
    component = design.component(row["key"])
    if row["capacity_rps"] is None or row["key"] in design.replica_groups or \
            component.redundancy == "active-passive":
        return False
    return row["peak_load_rps"] > (row["capacity_rps"] * instances *
                                   design.assumptions.target_utilization) * (1 + TOLERANCE)


def _trim(search: _Search, design: Design, counts: dict[str, int], sized: set[str],
          skip: set[str]) -> dict[str, int]:
    """Step 3: one instance fewer on each sized component with a price, the most expensive
    first, kept when the design loses nothing by it (_no_worse); again while any is kept."""
    order = sorted((c for c in design.components
                    if c.key in sized and search.unit_month[c.key] > 0),
                   key=lambda c: -search.unit_month[c.key])  # stable: ties in component order
    kept = True
    while kept:
        kept = False
        for component in order:
            current = search.estimate(counts)
            row = next(r for r in current["components"] if r["key"] == component.key)
            fewer = counts[component.key] - 1
            if fewer < max(floor(component), _memory_needs(row)) or \
                    _surely_over(design, row, fewer):
                continue
            trial = {**counts, component.key: fewer}
            if _no_worse(search.estimate(trial), current, design, sized, skip):
                counts = search.counts = trial
                kept = True
    return counts


def _unloaded_p99(design: Design, name: str) -> float | None:
    """A workload's route p99 with no queue anywhere: its steps' constants alone."""
    workload = next((w for w in design.workloads if w.name == name), None)
    if workload is None:
        return None
    steps = {c.key: queueing.Step(c.latency_ms, 0.0, float("inf")) for c in design.components}
    return queueing.route_latency(design, workload, steps)["p99_ms"]


def _hopeless(design: Design, sized: set[str], search: _Search) -> list[dict]:
    """Targets no instance count meets, with the reason."""
    unmet = []
    for name, target in design.slos.p99_ms:
        floor_ms = _unloaded_p99(design, name)
        if floor_ms is not None and floor_ms > target + TOLERANCE:
            unmet.append({"target": f"slos.p99_ms[{name}]", "reason": (
                f"the p99 target {fmt_ms(target)} for '{name}' is below the route's unloaded "
                f"latency {fmt_ms(floor_ms)}: no instance count meets it")})
    if design.slos.availability is not None:
        ideal = {key: min(max(design.component(key).instances, IDEAL_INSTANCES), MAX_INSTANCES)
                 for key in sized}
        best = search.estimate(ideal)["availability"]["overall"]
        if best < design.slos.availability:
            unmet.append({"target": "slos.availability", "reason": (
                f"the availability target {fmt_percent(design.slos.availability, 6)} is above "
                f"{fmt_percent(best, 6)}, what the routes reach with {IDEAL_INSTANCES} "
                f"instances of every sized component: no instance count meets it")})
    return unmet


def _over_utilisation(estimate: dict, design: Design, sized: set[str], stopped) -> list[dict]:
    unmet = []
    target = design.assumptions.target_utilization
    for row in _over_target(estimate, design, sized):
        component = design.component(row["key"])
        if component.redundancy == "active-passive":
            why = ("it is active-passive: one instance serves, so more instances add no "
                   "capacity (raise capacity_rps or make it active-active)")
        elif row["instances"] >= MAX_INSTANCES:
            why = (f"it would need more than {MAX_INSTANCES:,} instances, the most a component "
                   f"may have (raise its capacity_rps)")
        elif stopped is not None:
            why = "the search stopped before it could add enough instances"
        else:
            why = "its load grows with its instances (a replica group that takes more reads)"
        unmet.append({"target": UTILISATION, "reason": (
            f"'{row['key']}' stays {fmt_percent(row['utilization'], 1)} busy at peak, over the "
            f"target {fmt_percent(target, 0)}: {why}")})
    return unmet


def _left_missed(estimate: dict, skip: set[str], stuck: set[str], stopped) -> list[dict]:
    unmet = []
    for row in _rows(estimate, skip):
        if row["met"]:
            continue
        what = (f"the availability target {fmt_percent(row['target'], 6)}"
                if row["kind"] == "availability" else
                f"the p99 target {fmt_ms(row['target'])} for '{row['workload']}'")
        actual = ("its route is saturated" if row["actual"] is None else
                  f"at {fmt_percent(row['actual'], 6)}" if row["kind"] == "availability" else
                  f"at {fmt_ms(row['actual'])}")
        if key_of(row) in stuck:
            why = "one more instance of any component that matters to it changes nothing"
        elif stopped == "time":
            why = f"the search stopped at its time bound ({TIME_LIMIT_S:g} s)"
        else:
            why = f"the search stopped after {MAX_EVALUATIONS} estimates"
        unmet.append({"target": key_of(row), "reason": f"{what} is missed ({actual}): {why}"})
    return unmet


def _budget(estimate: dict, budget: float | None, others_met: bool) -> list[dict]:
    cost = estimate["cost"]
    if budget is None or cost["total_month"] <= budget + TOLERANCE:
        return []
    money = lambda value: fmt_money(value, cost["currency"])  # noqa: E731
    fixed = cost["storage_month"] + cost["egress_month"]
    if fixed > budget:
        reason = (f"the budget {money(budget)}/month is below storage and egress alone, "
                  f"{money(fixed)}/month, which no instance count changes")
    elif others_met:
        reason = (f"the budget {money(budget)}/month is below the cheapest design meeting the "
                  f"other targets, {money(cost['total_month'])}/month")
    else:
        reason = (f"the budget {money(budget)}/month is below the proposal's cost, "
                  f"{money(cost['total_month'])}/month")
    return [{"target": "slos.monthly_budget", "reason": reason}]


def _changes(design: Design, counts: dict[str, int], unit_month: dict[str, float]) -> list[dict]:
    found = []
    for c in design.components:
        if counts.get(c.key, c.instances) == c.instances:
            continue
        unit = unit_month[c.key]
        found.append({"key": c.key, "name": c.name, "instances_from": c.instances,
                      "instances_to": counts[c.key], "cost_month_from": unit * c.instances,
                      "cost_month_to": unit * counts[c.key]})
    return found


def changed_document(document: dict, counts: dict[str, int]) -> dict:
    """A copy of the design document with these components' `instances` set."""
    changed = copy.deepcopy(document)
    for raw in changed.get("components", []):
        if raw["key"] in counts:
            raw["instances"] = counts[raw["key"]]
    return changed


def size_to_slos(document: dict, *, clock=time.monotonic) -> dict:
    """The proposal (see the module's docstring); raises DesignError when the document is
    invalid."""
    design = parse_design(document)
    search = _Search(design, clock)
    sized = {c.key for c in design.components if is_sized(c)}
    before = search.estimate({})
    # One instance's price a month, as the estimate's cost prices it.
    search.unit_month = {c["key"]: c["unit_month"] for c in before["cost"]["components"]}
    result = {"before": _figures(before, sized), "evaluations": 0, "stopped": None,
              "currency": before["cost"]["currency"]}
    if not design.slos.stated:
        return {**result, "status": "no slos", "changes": [], "after": result["before"],
                "unmet": [], "document": copy.deepcopy(document)}
    unmet: list[dict] = []
    try:
        unmet = _hopeless(design, sized, search)
        skip = {row["target"] for row in unmet}
        counts = _utilisation_counts(search, design, dict(search.counts), sized)
        counts = _add(search, design, counts, sized, skip)
        _trim(search, design, counts, sized, skip)
    except _Stop:
        skip = {row["target"] for row in unmet}
    counts, stuck = search.counts, search.stuck
    final = {key: n for key, n in counts.items() if n != design.component(key).instances}
    after = search.seen.get(search.key(counts))
    if after is None:  # the bound fell before the counts were estimated
        availability_.forget_routes()
        after = estimate_design(with_counts(design, final))
    unmet += _over_utilisation(after, design, sized, search.stopped)
    unmet += _left_missed(after, skip, stuck, search.stopped)
    unmet += _budget(after, design.slos.monthly_budget, others_met=not unmet)
    return {
        "status": "cannot meet" if unmet else "met",
        "changes": _changes(design, counts, search.unit_month),
        "before": result["before"],
        "after": _figures(after, sized),
        "unmet": unmet,
        "currency": result["currency"],
        "evaluations": search.evaluations,
        "stopped": search.stopped,
        "document": changed_document(document, final),
    }
