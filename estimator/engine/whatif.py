"""Failure what-ifs: what still works when components, instances or a zone are lost.

A scenario names failed components (every instance down), lost instances per
component, and failed zones (every component whose `zone` is one of them).
The design is estimated again with those losses: a component with no instance
left is down (availability 0, no capacity); one that lost instances serves
with the rest. A workload stops when every one of its paths has a component
down. Steps with a timeout or retries (engine.retries) show what the failure does to
them: attempts per call and the peak load of each component they call, before and after
(a step on a component down fails every attempt: 1 + R attempts per call). The N+1
verdict asks of each component whether its peak load still fits at or below 100% with one
instance fewer.
"""

import dataclasses

from estimator.engine import capacity, retries, traffic
from estimator.engine.errors import FieldError, ScenarioError
from estimator.engine.model import Component, Design, shown

SCENARIO_FIELDS = ("failed", "lost_instances", "zones")


def _names(errors: list[FieldError], scenario: dict, field: str, known, unknown: str,
           what: str) -> list[str]:
    """The strings listed in scenario[field], each one of `known`; errors name the item."""
    value = scenario.get(field, [])
    if not isinstance(value, list):
        errors.append(FieldError(field, f"must be a list of {what}s"))
        return []
    names = []
    for index, name in enumerate(value):
        if not isinstance(name, str):
            errors.append(FieldError(f"{field}[{index}]", f"must be a {what} (a string)"))
        elif name not in known:
            errors.append(FieldError(f"{field}[{index}]", unknown.format(f"'{name}'")))
        else:
            names.append(name)
    return names


def parse_scenario(design: Design, scenario) -> dict:
    """{"down": set of keys, "lost": {key: n}}; ScenarioError naming the field."""
    errors: list[FieldError] = []
    if not isinstance(scenario, dict):
        raise ScenarioError([FieldError("", "the scenario must be an object")])
    allowed = ", ".join(SCENARIO_FIELDS)
    for field in scenario:
        if field not in SCENARIO_FIELDS:
            errors.append(FieldError(field, f"unknown field (allowed: {allowed})"))
    keys = design.components_by_key
    failed = _names(errors, scenario, "failed", keys, "unknown component {}", "component key")
    known_zones = {c.zone for c in design.components if c.zone}
    zones = _names(errors, scenario, "zones", known_zones, "no component is in zone {}",
                   "zone name")
    lost = scenario.get("lost_instances", {})
    if not isinstance(lost, dict):
        errors.append(FieldError("lost_instances", "must map component keys to counts"))
        lost = {}
    for key, count in lost.items():
        where = f"lost_instances.{key}"
        if key not in keys:
            errors.append(FieldError(where, f"unknown component '{key}'"))
        elif isinstance(count, bool) or not isinstance(count, int) or count < 1:
            errors.append(FieldError(where, "must be a whole number of at least 1"))
        elif count > keys[key].instances:
            errors.append(FieldError(where, f"must not exceed instances ({shown(count)} > "
                                            f"{keys[key].instances})"))
    if errors:
        raise ScenarioError(errors)
    down = set(failed) | {c.key for c in design.components if c.zone in set(zones)}
    return {"down": down, "lost": {k: v for k, v in lost.items() if k not in down}}


def _reduced(component: Component, lost: int) -> Component:
    left = component.instances - lost
    k = component.k
    if component.redundancy == "k-of-n" and k is not None and k > left:
        # Fewer instances than the quorum needs: the component is down.
        return dataclasses.replace(component, instances=max(left, 1), availability=0.0, k=1)
    return dataclasses.replace(component, instances=left)


def degraded_design(design: Design, down: set[str], lost: dict[str, int]) -> Design:
    components = []
    for c in design.components:
        if c.key in down or lost.get(c.key, 0) >= c.instances:
            components.append(dataclasses.replace(c, availability=0.0))
        elif c.key in lost:
            components.append(_reduced(c, lost[c.key]))
        else:
            components.append(c)
    return dataclasses.replace(design, components=tuple(components))


def n_plus_one(rows: list[dict]) -> list[dict]:
    """Per component with a capacity: does peak load fit at or below 100% with one
    instance fewer? Active-passive needs a standby; others need the spare capacity."""
    verdicts = []
    for row in rows:
        if row["capacity_rps"] is None:
            continue
        if row["redundancy"] == "active-passive":
            serving_after = 1 if row["instances"] > 1 else 0
        else:
            serving_after = row["serving_instances"] - 1
        capacity_after = row["capacity_rps"] * serving_after
        if capacity_after == 0:
            utilization = None if row["peak_load_rps"] == 0 else float("inf")
        else:
            utilization = row["peak_load_rps"] / capacity_after
        fits = utilization is None or utilization <= 1.0
        verdicts.append({
            "key": row["key"],
            "passes": fits,
            "utilization_after": None if utilization in (None, float("inf")) else utilization,
        })
    return verdicts


def what_if(design: Design, scenario, estimate_design) -> dict:
    """The estimate of the design after the scenario's losses, and what stopped."""
    return failed_estimate(design, scenario, estimate_design)[1]


def failed_estimate(design: Design, scenario, estimate_design) -> tuple[dict, dict]:
    """The estimate document of the design after the scenario's losses (one estimate, of the
    degraded design: the editor's live canvas draws it) and the what-if answer drawn from it."""
    parsed = parse_scenario(design, scenario)
    degraded = degraded_design(design, parsed["down"], parsed["lost"])
    result = estimate_design(degraded)
    answer = _answer(design, degraded, parsed, result)
    # A component down keeps its load on the primary routes but serves none of it: the first
    # to saturate is one still up.
    up = [row for row in result["components"] if row["key"] not in set(answer["down"])]
    result["headroom"] = capacity.headroom(up, design.assumptions.daily_active_users)
    return result, answer


def _answer(design: Design, degraded: Design, parsed: dict, result: dict) -> dict:
    stopped = [w["name"] for w in result["availability"]["workloads"] if w["availability"] == 0]
    down = parsed["down"] | {k for k, n in parsed["lost"].items()
                             if n >= design.component(k).instances}
    return {
        "down": sorted(down),
        "lost_instances": parsed["lost"],
        "stopped_workloads": stopped,
        "availability": result["availability"],
        # Load stays on each workload's primary route (a fallback path is not re-loaded).
        "components": [
            {"key": r["key"], "down": r["key"] in down, "instances": r["instances"],
             "utilization": None if r["key"] in down else r["utilization"]}
            for r in result["components"]
        ],
        "bottlenecks": result["bottlenecks"],
        "retries": amplification(design, degraded, result),
    }


def amplification(design: Design, degraded: Design, after: dict) -> dict:
    """Each step with a timeout or retries, its attempts per call and the share of its calls
    lost before (the design whole) and after the failure (`after`: the estimate of
    `degraded`), and the peak load of the components those steps call, before and
    after; empty lists when no step has a timeout or retries."""
    rates = traffic.workload_rates(design)
    solution = retries.solve(design, rates)
    if solution is None:
        return {"steps": [], "components": []}
    before = retries.section(design, rates, solution)
    after_steps = {(w["name"], s["index"]): s for w in after["retries"]["workloads"]
                   for s in w["steps"]}
    steps = []
    for workload in before["workloads"]:
        for step in workload["steps"]:
            then = after_steps[(workload["name"], step["index"])]
            steps.append({
                "workload": workload["name"], "index": step["index"], "key": step["key"],
                "timeout_ms": step["timeout_ms"], "retries": step["retries"],
                "attempt_failure_before": step["attempt_failure"],
                "attempt_failure_after": then["attempt_failure"],
                "attempts_per_call_before": step["attempts_per_call"],
                "attempts_per_call_after": then["attempts_per_call"],
                "call_failure_before": step["call_failure"],
                "call_failure_after": then["call_failure"],
            })
    kinds = {workload.name: workload.kind for workload in design.workloads}
    called = {member for step in solution.steps for either in (design, degraded)
              for member, _ in either.spread(step.key, kinds[step.workload])}
    loads_before = capacity.route_loads(design, rates, solution.calls)
    loads_after = {r["key"]: r["peak_load_rps"] for r in after["components"]}
    components = [{"key": c.key, "peak_load_rps_before": loads_before[c.key][1],
                   "peak_load_rps_after": loads_after[c.key]}
                  for c in design.components if c.key in called]
    return {"steps": steps, "components": components}
