"""The design's SLOs as text: each target, the estimate's figure, met or missed and by how
much (engine.slos); the design page and the report show the same rows."""

from estimator.engine.availability import nines
from estimator.engine.result import EstimateView, Slo
from estimator.present.figures import with_derivation
from estimator.present.units import fmt_money, fmt_ms, fmt_nines, fmt_number, fmt_percent

NO_SLOS = ("This design states no SLOs: add `slos` in the JSON tab (availability, p99 per "
           "workload, monthly budget).")
COMPARED = ("Availability is compared with requests served (components up, and not shed at "
            "peak), a p99 with its workload's route p99 at peak, the budget with the monthly "
            "cost.")


def _key(slo: Slo) -> str:
    if slo.kind == "p99":
        return f"slos.p99_ms[{slo.workload}]"
    return {"availability": "slos.availability", "budget": "slos.monthly_budget"}[slo.kind]


def _label(slo: Slo) -> str:
    if slo.kind == "p99":
        return f"p99 of '{slo.workload}'"
    return {"availability": "Availability (requests served)",
            "budget": "Monthly budget"}[slo.kind]


def _under_over(slo: Slo, formatted: str) -> str:
    """'150 ms under (75% of the target)' / '$40 over (13.3% of the budget)'."""
    side = "under" if slo.margin >= 0 else "over"
    share = fmt_percent(abs(slo.margin_relative), 1)
    return f"{formatted} {side} ({share} of the target)"


def _margin(slo: Slo, currency: str) -> str:
    if slo.margin is None:
        return "—"
    if slo.kind == "availability":
        points = slo.margin * 100
        text = f"{'+' if points >= 0 else '−'}{fmt_number(abs(points), '.4g')} points"
        if slo.margin_nines is not None:
            text += f" ({'+' if slo.margin_nines >= 0 else '−'}{abs(slo.margin_nines):.2f} nines)"
        return text
    if slo.kind == "p99":
        return _under_over(slo, fmt_ms(abs(slo.margin)))
    return _under_over(slo, fmt_money(abs(slo.margin), currency))


# A p99 target's figure for a workload none of whose requests are served (engine.slos).
NOT_SERVED = "no requests served"


def _figure(slo: Slo, value: float | None, currency: str, stopped: frozenset = frozenset()) -> str:
    if slo.kind == "availability":
        return f"{fmt_percent(value, 6)} ({fmt_nines(nines(value))} nines)"
    if slo.kind == "p99":
        return NOT_SERVED if value is None and slo.workload in stopped else fmt_ms(value)
    return fmt_money(value, currency)


def _look_first(slo: Slo, currency: str, stopped: frozenset = frozenset()) -> str:
    """A missed target's line: "p99 of 'redirect' is 340 ms against 200 ms: the slowest
    step is api (...)"; "" when met or when the engine names nothing."""
    if slo.met or not slo.why:
        return ""
    return (f"{_label(slo)} is {_figure(slo, slo.actual, currency, stopped)} against "
            f"{_figure(slo, slo.target, currency)}: {slo.why}")


def slo_table(estimate: EstimateView | dict) -> dict:
    """`rows` (kind, label, stated target, estimated figure, ok (met), verdict, margin as
    text (`by`), `look_first` (a missed one's remedy line, else ""), derivation),
    `met_count` and `missed_count`, `empty` (the empty state's text, when the design states
    no SLOs) and `note`."""
    view = EstimateView.of(estimate)
    currency = view.cost.currency
    stopped = frozenset(w.name for w in view.availability.workloads if w.availability == 0)
    rows = [
        with_derivation({
            "kind": slo.kind,
            "label": _label(slo),
            "stated": _figure(slo, slo.target, currency),
            "estimated": _figure(slo, slo.actual, currency, stopped),
            "ok": slo.met,
            "verdict": "met" if slo.met else "missed",
            "by": _margin(slo, currency),
            "look_first": _look_first(slo, currency, stopped),
        }, view.derivation_text(_key(slo)))
        for slo in view.slos
    ]
    met = sum(row["ok"] for row in rows)
    return {"rows": rows, "met_count": met, "missed_count": len(rows) - met,
            "empty": "" if rows else NO_SLOS, "note": COMPARED}
