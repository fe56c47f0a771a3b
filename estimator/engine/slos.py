"""The design's SLOs against the estimate's own figures: met or missed, and by how much.

Each target of the design's `slos` becomes one row, in the order availability, p99 per
workload (as written), monthly budget:
- availability against `availability.requests_served` (what users get: routes up, and
  served at peak; equal to `overall` when nothing is overloaded), met when at least the
  target; `margin` is actual - target as a fraction (x 100: percentage points),
  `margin_nines` the nines of the actual minus those of the target (None when either is
  a perfect 1.0);
- p99 against that workload's route `latency.workloads[].p99_ms`, met when at most the
  target (a saturated route, p99 None, misses it, with no margin);
- budget against `cost.total_month`, met when at most the target.
For p99 and budget `margin` is target - actual (in ms, in the cost's currency) and
`margin_relative` that over the target. A positive margin is met, a negative one missed.
"""

from estimator.engine.availability import nines
from estimator.engine.model import Slos
from estimator.present.units import fmt_money, fmt_ms, fmt_nines, fmt_percent


def _row(kind, target, actual, met, margin, *, workload=None, margin_relative=None,
         margin_nines=None) -> dict:
    return {"kind": kind, "workload": workload, "target": target, "actual": actual,
            "met": met, "margin": margin, "margin_relative": margin_relative,
            "margin_nines": margin_nines}


def _below(kind, target: float, actual: float | None, workload=None) -> dict:
    """A target the actual must not exceed (latency, cost)."""
    if actual is None:
        return _row(kind, target, None, False, None, workload=workload)
    margin = target - actual
    return _row(kind, target, actual, actual <= target, margin, workload=workload,
                margin_relative=margin / target)


def slos(slos_: Slos, estimate: dict) -> list[dict]:
    """One row per stated target; an empty list when the design states none."""
    rows = []
    if slos_.availability is not None:
        target = slos_.availability
        actual = estimate["availability"]["requests_served"]
        have, want = nines(actual), nines(target)
        rows.append(_row("availability", target, actual, actual >= target, actual - target,
                         margin_nines=None if have is None or want is None else have - want))
    p99 = {w["name"]: w["p99_ms"] for w in estimate["latency"]["workloads"]}
    for name, target in slos_.p99_ms:
        rows.append(_below("p99", target, p99.get(name), workload=name))
    if slos_.monthly_budget is not None:
        rows.append(_below("budget", slos_.monthly_budget, estimate["cost"]["total_month"]))
    return rows


def key_of(row: dict) -> str:
    """The derivation key of a row: slos.availability, slos.p99_ms[<name>],
    slos.monthly_budget."""
    if row["kind"] == "p99":
        return f"slos.p99_ms[{row['workload']}]"
    return {"availability": "slos.availability", "budget": "slos.monthly_budget"}[row["kind"]]


def _signed(value: float, fmt) -> str:
    """-$40, 150 ms: the sign before the unit."""
    return f"-{fmt(-value)}" if value < 0 else fmt(value)


def _verdict(row: dict) -> str:
    return "met" if row["met"] else "missed"


def derivations(rows: list[dict], currency: str) -> list[dict]:
    """Show your work: each target against the figure it is compared with."""
    found = []
    for row in rows:
        target, actual, margin = row["target"], row["actual"], row["margin"]
        if row["kind"] == "availability":
            label = "SLO: availability"
            nines_part = ("" if row["margin_nines"] is None else
                          f", {fmt_nines(nines(actual))} - {fmt_nines(nines(target))} = "
                          f"{row['margin_nines']:+.2f} nines")
            text = (f"availability SLO: requests served {fmt_percent(actual, 6)} against "
                    f"{fmt_percent(target, 6)}: margin = actual - target = "
                    f"{margin * 100:+.4g} percentage points{nines_part}: {_verdict(row)}")
        elif row["kind"] == "p99":
            label = f"SLO: p99 of {row['workload']}"
            if actual is None:
                text = (f"p99 SLO of {row['workload']}: the route is saturated (no p99) "
                        f"against {fmt_ms(target)}: missed")
            else:
                text = (f"p99 SLO of {row['workload']}: route p99 {fmt_ms(actual)} against "
                        f"{fmt_ms(target)}: margin = target - actual = {_signed(margin, fmt_ms)} "
                        f"({fmt_percent(row['margin_relative'], 1)} of the target): "
                        f"{_verdict(row)}")
        else:
            label = "SLO: monthly budget"
            text = (f"budget SLO: cost {fmt_money(actual, currency)} a month against "
                    f"{fmt_money(target, currency)}: margin = target - actual = "
                    f"{_signed(margin, lambda v: fmt_money(v, currency))} "
                    f"({fmt_percent(row['margin_relative'], 1)} of the budget): "
                    f"{_verdict(row)}")
        found.append({"key": key_of(row), "label": label, "text": text})
    return found
