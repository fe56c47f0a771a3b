"""A simulation as text: its settings and how it ended, and the analytic figures beside the
simulated ones (estimator.engine.agreement) with their differences, for the design page, the
API's texts and the report."""

from estimator.engine.agreement import Agreement, Figure, Reason
from estimator.engine.result import SimulationView
from estimator.present.units import exact_rate, fmt_duration, fmt_fraction, fmt_ms, fmt_number

LATENCY_LABELS = {"mean": "Mean", "p50": "p50", "p95": "p95", "p99": "p99"}

NOTE = (
    "The simulation sends random requests (Poisson arrivals at the peak rate, each "
    "workload's share) through the design's components, each a set of servers with "
    "exponential service times at its capacity, and measures what they meet: queues, "
    "timeouts, retries and requests lost. Beside it, the analytic figures of the estimate "
    "and the difference: where the two disagree past a tolerance (10% on a mean, 15% on a "
    "p95, 20% on a p99, 0.05 on a utilisation), the row is marked.")

EMPTY = (
    "Not simulated yet. A simulation checks the estimate's latency and utilisation by "
    "serving many random requests through the design, one by one, as a queueing system "
    "would: it shows per route the p50, p95 and p99, throughput, utilisation, timeouts, "
    "retries and requests lost, beside the analytic figures.")


def form_note(*, max_requests: int, wall_seconds: float) -> str:
    """What the design page's form says under its fields."""
    return (f"Requests up to {count(max_requests)}; the first tenth warm the queues up and "
            "are not measured. A multiple of 2 simulates twice the peak traffic. The same "
            "seed gives the same simulation. A run stops after "
            f"{fmt_duration(wall_seconds)} and keeps what it measured.")


def count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def multiple_text(multiple: float) -> str:
    return f"{fmt_number(multiple, 'g')}x"


def progress_text(progress: float) -> str:
    """43%: how far a running simulation is."""
    return fmt_fraction(min(max(progress, 0.0), 1.0))


def settings_text(simulation: SimulationView | dict) -> str:
    """What was simulated: "100,000 requests at 1x the peak traffic, seed 0"."""
    settings = SimulationView.of(simulation).settings
    return requested_text(requests=settings.requests, multiple=settings.multiple,
                          seed=settings.seed, failed=settings.failed)


def requested_text(*, requests: int, multiple: float, seed: int, failed=()) -> str:
    """The same, from the settings a simulation was asked with (before it ran)."""
    text = f"{count(requests)} requests at {multiple_text(multiple)} the peak traffic, seed {seed}"
    return text + (f", with {', '.join(failed)} down" if failed else "")


def simulation_summary(simulation: SimulationView | dict) -> dict:
    """What was asked, how it ended (ended_early: "" when complete), and the totals as text."""
    sim = SimulationView.of(simulation)
    totals = sim.totals
    stopped = "" if sim.complete else (
        f"Stopped at its time bound after {count(sim.requests_simulated)} of "
        f"{count(sim.settings.requests)} requests.")
    return {
        "asked": settings_text(sim),
        "ended_early": stopped,
        "measured": f"{count(sim.requests_simulated)} (the first {count(sim.warmup_requests)} "
                    "as warm-up, not measured)",
        "simulated_time": fmt_duration(sim.simulated_seconds),
        "wall_time": fmt_duration(sim.wall_seconds),
        "served": fmt_fraction(totals.served_share, 2),
        "lost": count(totals.lost),
        "timed_out": count(totals.timeouts),
        "retries": count(totals.retries),
    }


def _signed(text: str) -> str:
    """A difference with its sign: "+3.1", "-0.4"; none on one that rounds to zero."""
    if text.lstrip("-").strip("0.") == "":
        return text.lstrip("-")
    return text if text.startswith("-") else "+" + text


def _relative(difference: float | None) -> str:
    """A relative difference as a percentage: "+4.9%", "0.0%"."""
    if difference is None:
        return "—"
    return _signed(fmt_number(difference * 100, ".1f")) + "%"


def _points(difference: float | None) -> str:
    """An absolute difference of two fractions, in percentage points: "+3.1 pts"."""
    if difference is None:
        return "—"
    return _signed(fmt_number(difference * 100, ".1f")) + " pts"


def _latency_row(label: str, figure: Figure) -> dict:
    tolerance = "" if figure.tolerance is None else f"±{fmt_fraction(figure.tolerance)}"
    return {"figure": label, "analytic": fmt_ms(figure.analytic),
            "simulated": fmt_ms(figure.simulated) if figure.simulated is not None else "—",
            "difference": _relative(figure.difference), "tolerance": tolerance,
            "disagrees": figure.disagrees}


def _share_row(label: str, figure: Figure, tolerance: str = "") -> dict:
    return {"figure": label, "analytic": fmt_fraction(figure.analytic, 1),
            "simulated": fmt_fraction(figure.simulated, 1),
            "difference": _points(figure.difference), "tolerance": tolerance,
            "disagrees": figure.disagrees}


def reason_text(reason: Reason) -> str:
    components, workloads = ", ".join(reason.components), ", ".join(reason.workloads)
    return {
        "saturated": f"The design is past capacity at peak ({components}): its queues have "
                     "no steady state, so the analytic latency is 'saturated' while the "
                     "simulated one grows with the length of the run.",
        "stopped": f"The simulation stopped at its time bound after {count(reason.simulated)} "
                   f"of {count(reason.requested)} requests: its percentiles, the p99 above "
                   "all, rest on fewer requests.",
        "multiple": f"The simulation ran at {multiple_text(reason.multiple)} the peak traffic; "
                    "the analytic figures are at the peak, so differences are expected.",
        "failed": f"The simulation ran with {components} down; the analytic figures have "
                  "every component up, so differences are expected.",
        "fan_out": f"A fan-out on the route of {workloads}: the analytic figures take its "
                   "calls as independent, while in the simulation they wait for each other "
                   "in one queue, so the simulated p95 and p99 run higher.",
        "retries": f"Retries after a timeout on the route of {workloads}: in the simulation "
                   "a retry joins the same queue behind the work it gave up on, which the "
                   "analytic figures do not model.",
    }[reason.kind]


def verdict_text(beside: Agreement) -> str:
    if not beside.comparable:
        return "Not comparable figure by figure: the simulation ran on other assumptions."
    if beside.disagreements:
        many = beside.disagreements > 1
        figures = "figures disagree past their" if many else "figure disagrees past its"
        return f"{beside.disagreements} {figures} tolerance: marked below."
    return "The simulation agrees with the analytic figures within the tolerances."


def beside_tables(beside: Agreement) -> dict:
    """The analytic and simulated figures side by side: per workload its latency rows and
    served share, and its throughput, timeouts, retries and requests lost; per component
    its utilisation both ways and what the simulation counted."""
    workloads = [
        {"name": w.name,
         "rows": [_latency_row(LATENCY_LABELS[name], figure)
                  for name, figure in w.latency.items()]
                 + [_share_row("Served", w.served_share)],
         "throughput": exact_rate(w.throughput_rps), "timed_out": count(w.timeouts),
         "retries": count(w.retries), "lost": count(w.lost)}
        for w in beside.workloads
    ]
    components = [
        {"key": c.key, **_share_row("Utilisation", c.utilization, "±5 pts"),
         "attempted": count(c.attempts), "timed_out": count(c.timeouts),
         "retries": count(c.retries), "lost": count(c.lost),
         # No attempt measured: no wait to show (fmt_ms reads None as saturated).
         "wait": fmt_ms(c.mean_wait_ms) if c.attempts else "none reached it"}
        for c in beside.components
    ]
    return {"workloads": workloads, "components": components, "verdict": verdict_text(beside),
            "utilization_tolerance": "±5 pts",
            "disagreements": beside.disagreements,
            "reasons": [reason_text(reason) for reason in beside.reasons], "note": NOTE}
