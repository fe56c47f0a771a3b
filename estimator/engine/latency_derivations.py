"""Show your work for latency at peak: each component's M/M/c figures and each route's
mean and percentiles, as engine.queueing computes them (this module only writes the text).

Keys: `latency.components[<key>]` (a component with a capacity and load) and
`latency.workloads[<name>]` (a workload's route).
"""

import math

from estimator.engine.bottlenecks import shares_reads
from estimator.engine.model import Design
from estimator.engine.queueing import GRID_POINTS, PERCENTILES, Step, TimeoutStep, user_steps
from estimator.present.units import fmt_ms, fmt_percent, significant


def ms(value: float) -> str:
    """A time in ms, with three significant figures when under a hundredth of one."""
    return fmt_ms(value) if value == 0 or abs(value) >= 0.01 else f"{significant(value)} ms"


def rate(value: float) -> str:
    return f"{value:,.0f}/s" if value >= 100 else f"{significant(value)}/s"


def _group(design: Design, key: str) -> str:
    words = shares_reads(key, design.replica_groups)
    return f" ({words}: lambda is {key}'s part)" if words else ""


def component_text(design: Design, row: dict, figures: dict) -> str | None:
    """An M/M/c queue at peak, step by step; None for a component without a capacity or
    without load (its time is its latency_ms alone, nothing to work out)."""
    key, constant = row["key"], design.component(row["key"]).latency_ms
    capacity, load = row["capacity_rps"], row["peak_load_rps"]
    if capacity is None or not load:
        return None
    servers = row["serving_instances"]
    head = (f"{key}: an M/M/c queue with c = {servers} serving, mu = {rate(capacity)} each, "
            f"lambda = {rate(load)} at peak{_group(design, key)}: utilisation = lambda / "
            f"(c x mu) = {rate(load)} / {rate(servers * capacity)} = "
            f"{fmt_percent(figures['utilization'], 2)}")
    if figures["mean_latency_ms"] is None:
        return (f"{head}: saturated (at least 100%): the queue grows without bound, so no "
                f"wait, mean or percentile")
    probability, spare = figures["wait_probability"], servers * capacity - load
    parts = [
        head,
        f"wait probability C = Erlang C(c = {servers}, a = lambda / mu = "
        f"{significant(load / capacity)}) = {fmt_percent(probability, 4)}",
        f"mean wait = C / (c x mu - lambda) = {fmt_percent(probability, 4)} / "
        f"{rate(spare)} = {ms(figures['mean_wait_ms'])}",
        f"mean = latency_ms {ms(constant)} + mean wait = {ms(figures['mean_latency_ms'])}",
    ]
    quantiles = []
    for name, p in PERCENTILES.items():
        label = name.removesuffix("_ms")
        if probability <= 1.0 - p:
            quantiles.append(f"{label} = latency_ms (C <= {1 - p:.2g}: most never wait) = "
                             f"{ms(figures[name])}")
        else:
            quantiles.append(f"{label} = latency_ms + ln(C / {1 - p:.2g}) / (c x mu - lambda) "
                             f"= {ms(constant)} + {ms(figures[name] - constant)} = "
                             f"{ms(figures[name])}")
    parts.append("; ".join(quantiles))
    return "; ".join(parts)


def _steps(design: Design, workload, rows: dict, figures: dict, retries=None):
    """(route step, share stopping after it, its queueing.Step or None when saturated), as
    queueing.route_latency builds them: a step with a timeout takes its TimeoutStep."""
    found = []
    for index, (route_step, stops) in enumerate(user_steps(design, workload)):
        row, fig = rows[route_step.key], figures[route_step.key]
        constant = design.component(route_step.key).latency_ms
        if fig["mean_latency_ms"] is None:
            found.append((route_step, stops, None))
            continue
        if row["capacity_rps"] is None or not row["peak_load_rps"]:
            step = Step(constant, 0.0, math.inf, route_step.fan_out)
        else:
            spare = (row["serving_instances"] * row["capacity_rps"] - row["peak_load_rps"])
            step = Step(constant, fig["wait_probability"], spare / 1000, route_step.fan_out)
        call = retries.step(workload.name, index) if retries is not None else None
        if call is not None and call.timeout_ms is not None and call.call_failure < 1.0:
            step = TimeoutStep(step, call.timeout_ms, call.retries, call.fast_failure,
                               call.slow_failure, route_step.fan_out)
        found.append((route_step, stops, step))
    return found


def _lost(workload, retries) -> list[str]:
    """The steps whose every call fails (all attempts): no request of the route is served."""
    calls = retries.by_workload.get(workload.name, ()) if retries is not None else ()
    return [c.key for c in calls if c.call_failure >= 1.0]


def route_text(design: Design, workload, rows: dict, figures: dict, result: dict,
               retries=None) -> str:
    """A route's time: where reads stop, each step's mean, the mean, and how the
    percentiles are read from the distribution. `retries`: engine.retries' solution."""
    steps = _steps(design, workload, rows, figures, retries)
    name = workload.name
    if not steps:
        return f"{name}: no step to wait for: 0 ms"
    lost = _lost(workload, retries)
    if lost and result["mean_ms"] is None:
        return (f"{name}: every call at {', '.join(dict.fromkeys(lost))} fails (each of its "
                f"attempts fails): no request is served, so the route has no latency")
    saturated = [s.key for s, _, step in steps if step is None]
    if saturated:
        return (f"{name}: {', '.join(dict.fromkeys(saturated))} on the route is saturated at "
                f"peak: the wait grows without bound, so the route has no mean or percentile")
    last = design.component(steps[-1][0].key)
    full = len(steps) == len(workload.route)
    ends = ("" if full or last.kind != "queue" else
            f"; the user stops waiting at {last.key} (a queue): the steps after it carry "
            f"load, not this latency")
    grouped = [shares_reads(key, design.replica_groups) for key in
               dict.fromkeys(s.key for s, _, _ in steps) if key in design.replica_groups]
    if grouped:
        ends += ("; a step on a replica group takes the time of the member it names, at that "
                 "member's load (" + "; ".join(dict.fromkeys(grouped)) + ")")
    stops = [f"{fmt_percent(share, 2)} stop after {s.key}" for s, share, _ in steps if share]
    terms, reach = [], 1.0
    for route_step, share, step in steps:
        fan = f" (slowest of {route_step.fan_out:g})" if route_step.fan_out != 1 else ""
        if isinstance(step, TimeoutStep):
            fan += (f" (timeout {ms(step.timeout)}, {route_step.retries} retries: its timed-out "
                    f"attempts counted, failed calls left out)")
        term = f"{route_step.key}{fan} {ms(step.constant + step.mean_wait())}"
        terms.append(term if reach == 1.0 else f"{significant(reach)} x {term}")
        reach -= share
    randoms = [s.key for s, _, step in steps if step.random]
    how = (f"the waits of {', '.join(dict.fromkeys(randoms))} convolved by FFT on a grid of "
           f"{GRID_POINTS:,} points (the fan-out steps as the slowest of their calls, CDF^N), "
           f"each stop's constant added, the mixture's CDF inverted"
           if randoms else "no step waits: each stop's constant, the mixture's steps")
    percentiles = ", ".join(f"{key.removesuffix('_ms')} {ms(result[key])}" for key in PERCENTILES)
    return (f"{name}: a mixture over where the request stops ({'; '.join(stops)}) of the sums "
            f"of its steps' times (each step latency_ms + its M/M/c wait, independent){ends}; "
            f"mean = the steps' means weighted by the share reaching them = "
            f"{' + '.join(terms)} = {ms(result['mean_ms'])}; percentiles: {how}: "
            f"{percentiles}")


def derivations(design: Design, rows: list[dict], latency: dict, retries=None) -> list[dict]:
    """`retries`: engine.retries' solution (None: no step has a timeout or retries)."""
    by_key = {row["key"]: row for row in rows}
    figures = {c["key"]: c for c in latency["components"]}
    found = []
    for row in rows:
        text = component_text(design, row, figures[row["key"]])
        if text:
            found.append({"key": f"latency.components[{row['key']}]",
                          "label": f"Latency of {row['key']}", "text": text})
    for workload, result in zip(design.workloads, latency["workloads"], strict=True):
        found.append({"key": f"latency.workloads[{workload.name}]",
                      "label": f"Latency of {workload.name}",
                      "text": route_text(design, workload, by_key, figures, result,
                                                  retries)})
    return found
