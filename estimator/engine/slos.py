"""The design's SLOs against the estimate's own figures: met or missed, and by how much.

Each target of the design's `slos` becomes one row, in the order availability, p99 per
workload (as written), monthly budget:
- availability against `availability.requests_served` (what users get: routes up, and
  served at peak; equal to `overall` when nothing is overloaded), met when at least the
  target; `margin` is actual - target as a fraction (x 100: percentage points),
  `margin_nines` the nines of the actual minus those of the target (None when either is
  a perfect 1.0);
- p99 against that workload's route `latency.workloads[].p99_ms`, met when at most the
  target (a saturated route, p99 None, misses it, with no margin; so does a workload none
  of whose requests are served, availability 0, as under a what-if's failures: its
  latency is that of requests that never complete);
- budget against `cost.total_month`, met when at most the target.
For p99 and budget `margin` is target - actual (in ms, in the cost's currency) and
`margin_relative` that over the target. A positive margin is met, a negative one missed.
A missed target has `why`, the place to look first (None when met): for availability a
step with a timeout or retries that alone loses more of its calls than the target allows
(engine.retries), else the component whose perfection would raise it most (importance),
for a p99 the slowest step of the workload's primary route (a saturated one first), for
the budget the largest part of the monthly cost.
"""

from estimator.engine.availability import nines
from estimator.engine.model import Design, Slos
from estimator.present.units import fmt_money, fmt_ms, fmt_nines, fmt_percent


def _row(kind, target, actual, met, margin, *, workload=None, margin_relative=None,
         margin_nines=None) -> dict:
    return {"kind": kind, "workload": workload, "target": target, "actual": actual,
            "met": met, "margin": margin, "margin_relative": margin_relative,
            "margin_nines": margin_nines, "why": None}


def _why_retries(estimate: dict, target: float) -> str | None:
    """A step with a timeout or retries (engine.retries) that alone loses more of its calls
    than the target allows, the one that loses most; None when there is none."""
    steps = [(s["call_failure"], w["name"], s) for w in estimate["retries"]["workloads"]
             for s in w["steps"]]
    if not steps:
        return None
    lost, name, step = max(steps, key=lambda found: found[0])
    if lost <= 1.0 - target:
        return None
    causes = [word for word, share in (("down", step["down_share"]),
                                       ("shed", step["shed_share"]),
                                       ("timed out", step["timeout_share"])) if share > 0]
    retries = "1 retry" if step["retries"] == 1 else f"{step['retries']} retries"
    return (f"{name} → {step['key']} loses {fmt_percent(lost, 4)} of its calls (attempts "
            f"{' or '.join(causes) or 'failing'}, {retries}): look there first")


def _why_availability(estimate: dict, target: float = 1.0) -> str | None:
    retried = _why_retries(estimate, target)
    if retried is not None:
        return retried
    importance = estimate["importance"]
    first = importance["improve_first"]
    if first is None:
        return None
    row = next(c for c in importance["components"] if c["key"] == first)
    return (f"improve {first} first: were it perfect, availability would rise to "
            f"{fmt_percent(row['availability_if_perfect'], 6)}")


STOPPED = "no request of it is served: every route it has goes through a component down"


def _why_p99(design: Design, name: str, estimate: dict) -> str | None:
    if name in _stopped(estimate):
        return STOPPED
    workload = next((w for w in design.workloads if w.name == name), None)
    by_key = {c["key"]: c for c in estimate["latency"]["components"]}
    steps = [by_key[key] for key in dict.fromkeys(s.key for s in workload.route)
             if key in by_key] if workload else []
    if not steps:
        return None
    saturated = [c["key"] for c in steps if c["p99_ms"] is None]
    if saturated:
        return (f"{', '.join(saturated)} on its route is saturated at peak: add instances or "
                f"capacity")
    slowest = max(steps, key=lambda c: c["p99_ms"])
    busy = ("" if slowest["utilization"] is None else
            f", {fmt_percent(slowest['utilization'], 1)} busy at peak")
    return f"the slowest step is {slowest['key']} (p99 {fmt_ms(slowest['p99_ms'])}{busy})"


def _why_budget(estimate: dict, currency: str) -> str | None:
    cost = estimate["cost"]
    parts = [(c["month"], f"{c['key']} ({c['instances']} x "
                          f"{fmt_money(c['unit_month'], currency)})")
             for c in cost["components"]]
    parts += [(cost["storage_month"], "storage"), (cost["egress_month"], "egress")]
    month, what = max(parts, key=lambda part: part[0], default=(0.0, ""))
    if month <= 0:
        return None
    return f"the largest part is {what}: {fmt_money(month, currency)} a month"


def _below(kind, target: float, actual: float | None, workload=None) -> dict:
    """A target the actual must not exceed (latency, cost)."""
    if actual is None:
        return _row(kind, target, None, False, None, workload=workload)
    margin = target - actual
    return _row(kind, target, actual, actual <= target, margin, workload=workload,
                margin_relative=margin / target)


def slos(design: Design, estimate: dict) -> list[dict]:
    """One row per stated target; an empty list when the design states none."""
    rows = _rows(design.slos, estimate)
    currency = estimate["cost"]["currency"]
    for row in rows:
        if row["met"]:
            continue
        if row["kind"] == "availability":
            row["why"] = _why_availability(estimate, row["target"])
        elif row["kind"] == "p99":
            row["why"] = _why_p99(design, row["workload"], estimate)
        else:
            row["why"] = _why_budget(estimate, currency)
    return rows


def _rows(slos_: Slos, estimate: dict) -> list[dict]:
    rows = []
    if slos_.availability is not None:
        target = slos_.availability
        actual = estimate["availability"]["requests_served"]
        have, want = nines(actual), nines(target)
        rows.append(_row("availability", target, actual, actual >= target, actual - target,
                         margin_nines=None if have is None or want is None else have - want))
    p99 = {w["name"]: w["p99_ms"] for w in estimate["latency"]["workloads"]}
    stopped = _stopped(estimate)
    for name, target in slos_.p99_ms:
        rows.append(_below("p99", target, None if name in stopped else p99.get(name),
                           workload=name))
    if slos_.monthly_budget is not None:
        rows.append(_below("budget", slos_.monthly_budget, estimate["cost"]["total_month"]))
    return rows


def _stopped(estimate: dict) -> set[str]:
    """The workloads none of whose requests are served (availability 0)."""
    return {w["name"] for w in estimate["availability"]["workloads"] if w["availability"] == 0}


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
            if actual is None and row["why"] == STOPPED:
                text = (f"p99 SLO of {row['workload']}: no request is served (every route "
                        f"goes through a component down) against {fmt_ms(target)}: missed")
            elif actual is None:
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
        if row["why"]:
            text += f" ({row['why']})"
        found.append({"key": key_of(row), "label": label, "text": text})
    return found
