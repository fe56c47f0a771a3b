"""Timeouts and retries on route steps: how often an attempt fails, the load the retries add
(retry amplification) and the share of calls that no attempt gets through.

A route step with `timeout_ms` T or `retries` R (a "guarded" step) is modelled per call (one
call per request reaching the step, fan_out calls for a fan-out step, each separately):

- An attempt fails when the step's component is down (the share of time it is down, 1 - its
  availability with its instances and redundancy; for a replica group the group's as the
  request's kind sees it), or sheds it (past its capacity at peak: engine.overload's shed
  share), or, with a timeout, when the component's own time (its M/M/c queue wait plus its
  latency_ms) passes T: P(L + W > T) = C exp(-(c mu - lambda)(T - L)) for T >= L (1 when
  T < L), C from Erlang C at the component's load with every attempt counted. A component
  past its capacity holds a queue that never drains: every attempt it lets in times out.
  The three are independent: q = 1 - (1 - down)(1 - shed)(1 - timed out). Attempts are
  independent of each other too: a failure that lasts longer than a retry (an outage) is a
  what-if (the component down: q = 1), not this steady state.
- The caller tries again at once, up to R more times: attempts per call
  a = 1 + q + ... + q^R = (1 - q^(R+1)) / (1 - q) (1 + R when q = 1), and a call fails when
  all its attempts do: q^(R+1).
- Every attempt is load on the component (a timed-out one too: the component still does the
  work), so the load at the step is the calls times a. More load raises the utilisation and
  the shed share, which raise q: the figures are the fixed point, found by repeating the
  solution from a = 1 (MAX_ROUNDS at most). A retry storm on a saturated component ends at
  q = 1 and a = 1 + R: every attempt fails, and the caller's retries multiply the load on a
  component already past its capacity by 1 + R.
- A call that fails loses the request (it goes no further along the route); a served call
  goes on once to the next step, whatever its attempts.

The steady-state figures count the down share in q, so a guarded step's component does not
count again in its route's availability for requests served (engine.estimate): the call's
success, 1 - q^(R+1), holds it.
"""

import math
from dataclasses import dataclass
from functools import cached_property

from estimator.engine import overload
from estimator.engine.availability import (
    component_availability,
    group_availability,
    route_availability,
    workload_availabilities,
)
from estimator.engine.capacity import route_loads, total_capacity
from estimator.engine.model import Design, Step
from estimator.engine.queueing import mmc
from estimator.present.units import fmt_percent, significant

MAX_ROUNDS = 200
TOLERANCE = 1e-12


def guarded(step: Step) -> bool:
    """A step with a timeout or retries: the only steps this module changes."""
    return step.retries > 0 or step.timeout_ms is not None


def any_guarded(design: Design) -> bool:
    return any(guarded(step) for workload in design.workloads for step in workload.route)


@dataclass(frozen=True)
class StepCall:
    """One guarded step of one workload at the fixed point."""

    workload: str
    index: int  # the step's position on the workload's primary route
    key: str
    timeout_ms: float | None
    retries: int
    down: float  # the share of attempts that fail because the component is down
    shed: float  # of those that reach it up, the share it sheds (past its capacity)
    timed_out: float  # of those it takes, the share over the timeout
    attempt_failure: float  # q

    @property
    def attempts_per_call(self) -> float:
        return attempts_per_call(self.attempt_failure, self.retries)

    @property
    def call_failure(self) -> float:
        return self.attempt_failure ** (self.retries + 1)

    @property
    def fast_failure(self) -> float:
        """The share of attempts that fail at once (down or shed): ~0 ms each."""
        return 1.0 - (1.0 - self.down) * (1.0 - self.shed)

    @property
    def slow_failure(self) -> float:
        """The share of attempts that time out: T each."""
        return (1.0 - self.down) * (1.0 - self.shed) * self.timed_out

    def row(self) -> dict:
        return {"index": self.index, "key": self.key, "timeout_ms": self.timeout_ms,
                "retries": self.retries, "down_share": self.down, "shed_share": self.shed,
                "timeout_share": self.timed_out, "attempt_failure": self.attempt_failure,
                "attempts_per_call": self.attempts_per_call,
                "call_failure": self.call_failure}


def attempts_per_call(q: float, retries: int) -> float:
    """1 + q + ... + q^R: (1 - q^(R+1)) / (1 - q), and 1 + R at q = 1."""
    if q >= 1.0:
        return float(retries + 1)
    if q <= 0.0:
        return 1.0
    return -math.expm1((retries + 1) * math.log(q)) / (1.0 - q)


def timeout_share(component, load: float, timeout_ms: float | None) -> float:
    """P(the component's time > timeout_ms) at `load` peak attempts per second: its
    latency_ms plus its M/M/c wait (0 without a timeout)."""
    if timeout_ms is None:
        return 0.0
    slack_ms = timeout_ms - component.latency_ms
    if slack_ms < 0:
        return 1.0
    capacity = total_capacity(component)
    if capacity is None or load <= 0:
        return 0.0
    queue = mmc(load, component.capacity_rps, component.serving_instances)
    if not queue["stable"]:
        return 1.0
    return queue["wait_probability"] * math.exp(-queue["wait_rate"] * slack_ms / 1000.0)


@dataclass(frozen=True)
class Solution:
    steps: tuple[StepCall, ...]
    rounds: int
    settled: bool

    @property
    def calls(self) -> dict[tuple[str, int], tuple[float, float]]:
        """(workload name, step index) -> (attempts per call, share of calls served): what
        capacity.route_loads and engine.overload read."""
        return {(s.workload, s.index): (s.attempts_per_call, 1.0 - s.call_failure)
                for s in self.steps}

    def step(self, workload: str, index: int) -> StepCall | None:
        return self._by_place.get((workload, index))

    @cached_property
    def by_workload(self) -> dict[str, list[StepCall]]:
        """The steps of each workload, in route order."""
        found: dict[str, list[StepCall]] = {}
        for s in self.steps:
            found.setdefault(s.workload, []).append(s)
        return found

    @cached_property  # a frozen dataclass allows it: it writes the instance's __dict__
    def _by_place(self) -> dict[tuple[str, int], StepCall]:
        return {(s.workload, s.index): s for s in self.steps}


def _step_call(design: Design, workload, index: int, step: Step, by_key: dict[str, float],
               shares: dict[str, float], offered: dict[str, float]) -> StepCall:
    down = 1.0 - group_availability(design, step.key, workload.kind, by_key)
    shed = timed_out = 0.0
    for key, part in design.spread(step.key, workload.kind):
        component = design.component(key)
        shed += part * (1.0 - shares[key])
        timed_out += part * timeout_share(component, offered[key], step.timeout_ms)
    down, shed, timed_out = (min(1.0, max(0.0, x)) for x in (down, shed, timed_out))
    q = 1.0 - (1.0 - down) * (1.0 - shed) * (1.0 - timed_out)
    return StepCall(workload.name, index, step.key, step.timeout_ms, step.retries, down, shed,
                    timed_out, min(1.0, max(0.0, q)))


def solve(design: Design, rates) -> Solution | None:
    """The fixed point of the guarded steps' attempt failures and attempts; None when no
    step of the design has a timeout or retries."""
    if not any_guarded(design):
        return None
    by_key = {c.key: component_availability(c) for c in design.components}
    guarded_steps = [(workload, index, step) for workload, _, _ in rates
                     for index, step in enumerate(workload.route) if guarded(step)]
    calls: dict = {(w.name, i): (1.0, 1.0) for w, i, _ in guarded_steps}
    steps: tuple[StepCall, ...] = ()
    settled, rounds = False, 0
    while rounds < MAX_ROUNDS:
        rounds += 1
        shares, offered = overload.served_shares(design, rates, calls)
        found = tuple(_step_call(design, w, i, s, by_key, shares, offered)
                      for w, i, s in guarded_steps)
        changed = not steps or any(
            abs(new.attempt_failure - old.attempt_failure) > TOLERANCE
            for new, old in zip(found, steps, strict=True))
        steps = found
        calls = {(s.workload, s.index): (s.attempts_per_call, 1.0 - s.call_failure)
                 for s in steps}
        if not changed:
            settled = True
            break
    return Solution(steps, rounds, settled)


def section(design: Design, rates, solution: Solution | None) -> dict:
    """The estimate's "retries" section: each workload's guarded steps, and each component
    whose load retries raise, its peak load without and with them."""
    if solution is None:
        return {"workloads": [], "components": [], "settled": True}
    workloads = []
    for workload, _, _ in rates:
        rows = [s.row() for s in solution.by_workload.get(workload.name, ())]
        if rows:
            workloads.append({"name": workload.name, "steps": rows})
    before = route_loads(design, rates)
    after = route_loads(design, rates, solution.calls)
    components = []
    for c in design.components:
        base, amplified = before[c.key][1], after[c.key][1]
        if amplified > base * (1.0 + 1e-12):
            components.append({"key": c.key, "peak_load_rps_without_retries": base,
                               "peak_load_rps": amplified,
                               "amplification": amplified / base if base > 0 else None})
    return {"workloads": workloads, "components": components, "settled": solution.settled}


def route_availabilities(design: Design, rates, solution: Solution | None,
                         routes: list[dict]) -> list[float]:
    """Each workload's route availability as requests served read it: a guarded step's
    component counts as up (its down share is in its calls' failure, 1 - q^(R+1), which the
    served share holds). `routes`: the availability section's workloads, used as they are
    for a workload without a guarded step on a component that is ever down."""
    if solution is None:
        return [route["availability"] for route in routes]
    by_key = {c.key: component_availability(c) for c in design.components}
    found = []
    for (workload, _, _), route in zip(rates, routes, strict=True):
        keys = {s.key for s in solution.by_workload.get(workload.name, ()) if s.down > 0}
        if not keys:
            found.append(route["availability"])
            continue
        seen = workload_availabilities(design, workload, by_key)
        found.append(route_availability(workload, {**seen, **dict.fromkeys(keys, 1.0)})[
            "availability"])
    return found


def rate(value: float) -> str:
    return f"{significant(value)}/s"


def _ms(value: float) -> str:
    return f"{value:g} ms"


def _timed_out_working(design: Design, workload, step: StepCall, offered: dict) -> str:
    """How the timeout share follows from the component's queue at its load."""
    if step.timeout_ms is None:
        return "no timeout: 0"
    parts = []
    for key, _ in design.spread(step.key, workload.kind):
        component = design.component(key)
        slack = step.timeout_ms - component.latency_ms
        load = offered.get(key, 0.0)
        if slack < 0:
            parts.append(f"{key}: latency {_ms(component.latency_ms)} > T: every attempt")
            continue
        capacity = total_capacity(component)
        if capacity is None or load <= 0:
            parts.append(f"{key}: no queue: 0")
            continue
        queue = mmc(load, component.capacity_rps, component.serving_instances)
        if not queue["stable"]:
            parts.append(f"{key}: {rate(load)} against {rate(capacity)}, a queue that never "
                         f"drains: every attempt")
            continue
        parts.append(f"{key}: C {fmt_percent(queue['wait_probability'], 4)} x "
                     f"e^(-{significant(queue['wait_rate'])}/s x {_ms(slack)}) at {rate(load)}")
    return "; ".join(parts)


def derivations(design: Design, rates, section_: dict, solution: Solution | None,
                offered: dict) -> list[dict]:
    """Show your work: each guarded step's attempt failure, attempts per call and calls lost
    (`retries.workloads[<name>][<index>]`), and each component's amplified load
    (`retries.components[<key>]`). `offered`: engine.overload's offered peak rps by key."""
    if solution is None:
        return []
    found = []
    by_name = {workload.name: workload for workload, _, _ in rates}
    for step in solution.steps:
        workload = by_name[step.workload]
        q, r = step.attempt_failure, step.retries
        powers = " + ".join(["1", "q"] + [f"q^{k}" for k in range(2, r + 1)])
        timeout = "no timeout" if step.timeout_ms is None else f"timeout {_ms(step.timeout_ms)}"
        retries_text = "1 retry" if r == 1 else f"{r} retries"
        text = (f"{step.workload} → {step.key} ({timeout}, {retries_text}): attempt fails "
                f"q = 1 - (1 - down {fmt_percent(step.down, 4)}) x (1 - shed "
                f"{fmt_percent(step.shed, 4)}) x (1 - timed out {fmt_percent(step.timed_out, 4)}"
                f" [{_timed_out_working(design, workload, step, offered)}]) = "
                f"{fmt_percent(q, 4)}; attempts per call = {powers} = "
                f"{step.attempts_per_call:.4g}; calls lost = q^{r + 1} = "
                f"{fmt_percent(step.call_failure, 4)}")
        found.append({"key": f"retries.workloads[{step.workload}][{step.index}]",
                      "label": f"Retries of {step.workload} at {step.key}", "text": text})
    for row in section_["components"]:
        factor = row["amplification"]
        factor_text = "" if factor is None else f" = {factor:.4g} attempts per call"
        found.append({
            "key": f"retries.components[{row['key']}]",
            "label": f"Retry amplification at {row['key']}",
            "text": (f"{row['key']}: peak load with retries {rate(row['peak_load_rps'])} / "
                     f"without {rate(row['peak_load_rps_without_retries'])}{factor_text}: "
                     f"each call's attempts are load on it"),
        })
    return found
