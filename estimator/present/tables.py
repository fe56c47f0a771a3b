"""The estimate document as the handbook's tables: exact and rounded figures as text.

One place for presentation, shared by the CLI, the pages and reports, so that every
surface shows a figure the same way. This module holds the design page's tables (the
estimate, resources, components, headroom, N+1, latency, growth, cost) and the terminal
summary; availability, compare, overload and uncertainty have their own modules, whose
names it also offers (callers import them from here).
"""

from estimator.engine.result import EstimateView
from estimator.present.availability import (  # noqa: F401 (offered from here too)
    DOWNTIME_PERIODS,
    availability_summary,
    blocks_summary,
    component_availability_rows,
    fine_duration,
    importance_rows,
    improve_first,
    nines_table,
    route_availability_rows,
    route_method,
    route_texts,
)
from estimator.present.compare import compare_table, format_difference  # noqa: F401
from estimator.present.empty import (
    NOTHING_ESTIMATED_HEADING,
    NOTHING_ESTIMATED_SENTENCE,
    nothing_estimated,
)
from estimator.present.figures import (  # noqa: F401
    figure,
    format_value,
    with_derivation,
)
from estimator.present.overload import overload_table  # noqa: F401
from estimator.present.retries import retries_table  # noqa: F401
from estimator.present.uncertainty import (  # noqa: F401
    SENSITIVITY_FIGURES,
    sensitivity_table,
    uncertainty_table,
)
from estimator.present.units import (  # noqa: F401
    CURRENCY_SYMBOLS,
    NO_VALUE,
    approx_bytes,
    approx_count,
    exact_rate,
    finite,
    fmt_bytes,
    fmt_count,
    fmt_factor,
    fmt_fraction,
    fmt_money,
    fmt_ms,
    fmt_nines,
    fmt_number,
    fmt_percent,
    significant,
)


def _rate_row(label: str, value: float, derivation: str | None = None) -> dict:
    return with_derivation(
        {"label": label, "exact": exact_rate(value), "approx": approx_count(value) + "/s"},
        derivation)


def _count_row(label: str, value: float) -> dict:
    return {"label": label, "exact": fmt_count(value), "approx": approx_count(value)}


def _bytes_row(label: str, value: float, suffix: str = "", derivation: str | None = None) -> dict:
    return with_derivation({"label": label, "exact": fmt_bytes(value) + suffix,
                             "approx": approx_bytes(value) + suffix}, derivation)


def estimate_table(estimate: EstimateView | dict) -> list[dict]:
    """The handbook's "High-level estimate" table."""
    view = EstimateView.of(estimate)
    traffic, storage, bandwidth = view.traffic, view.storage, view.bandwidth
    text = view.derivation_text
    users = view.assumptions.daily_active_users
    # A design whose rates are all absolute (the URL shortener) states no user count.
    rows = [_count_row("Daily active users", users)] if users else []
    rows += [
        _rate_row("Reads per second", traffic.read_rps, text("traffic.read_rps")),
        _rate_row("Writes per second", traffic.write_rps, text("traffic.write_rps")),
        _rate_row("Requests per second (total)", traffic.total_rps, text("traffic.total_rps")),
        _rate_row("Requests per second at peak", traffic.peak_rps, text("traffic.peak_rps")),
        _count_row("Reads per day", traffic.reads_per_day),
        _count_row("Writes per day", traffic.writes_per_day),
    ]
    ratio = traffic.read_write_ratio
    if ratio:  # none without writes, and 0:1 says nothing for a write-only design
        rows.append({"label": "Read:write ratio", "exact": f"{significant(ratio)}:1",
                     "approx": f"~{approx_count(ratio)[1:]}:1"})
    rows += [
        _bytes_row("Storage per day", storage.bytes_per_day,
                   derivation=text("storage.bytes_per_day")),
        _bytes_row("Storage per year", storage.bytes_per_year,
                   derivation=text("storage.bytes_per_year")),
        _bytes_row(f"Storage over {significant(storage.years)} years", storage.bytes_total,
                   derivation=text("storage.bytes_total")),
    ]
    if storage.media_bytes_per_day:
        rows += [_bytes_row("Text storage per day", storage.text_bytes_per_day),
                 _bytes_row("Media storage per day", storage.media_bytes_per_day,
                            derivation=text("storage.media_bytes_per_day"))]
    rows += [
        _bytes_row("Incoming bandwidth", bandwidth.ingress_bytes_per_s, "/s",
                   text("bandwidth.ingress_bytes_per_s")),
        _bytes_row("Outgoing bandwidth", bandwidth.egress_bytes_per_s, "/s",
                   text("bandwidth.egress_bytes_per_s")),
        _bytes_row("Cache memory per day", view.cache.bytes_per_day,
                   derivation=text("cache.bytes_per_day")),
    ]
    return rows


def workload_table(estimate: EstimateView | dict) -> list[dict]:
    view = EstimateView.of(estimate)
    by_name = {w.name: w for w in view.availability.workloads}
    return [
        {
            "name": w.name,
            "kind": w.kind,
            "rps": exact_rate(w.rps),
            "rps_approx": approx_count(w.rps) + "/s",
            "peak_rps": exact_rate(w.peak_rps),
            "per_day": fmt_count(w.per_day),
            "availability": fmt_percent(by_name[w.name].availability, 6),
        }
        for w in view.traffic.workloads
    ]


def _utilization(value: float | None) -> str:
    return fmt_fraction(value)


def component_table(estimate: EstimateView | dict) -> list[dict]:
    view = EstimateView.of(estimate)
    target = view.assumptions.target_utilization
    return [
        with_derivation({
            "key": c.key,
            "name": view.component_name(c.key),
            "kind": c.kind,
            "load": exact_rate(c.load_rps),
            "peak_load": exact_rate(c.peak_load_rps),
            "capacity": NO_VALUE if c.capacity_rps is None else exact_rate(c.capacity_rps),
            "utilization": _utilization(c.utilization),
            "level": _level(c.utilization, target),
            "instances": c.instances,
            "redundancy": c.redundancy,
            "instances_needed": _whole(c.instances_needed),
            "availability": fmt_percent(c.availability, 6),
            "spof": c.spof,
        }, view.derivation_text(f"replicas[{c.key}]"))  # a replica group's member: its part
        for c in view.components
    ]


def _whole(count: float | None) -> str:
    """A count of instances: 12, 1,250, 1.16e32 (a capacity of 1e-9 requests/s)."""
    number = finite(count)
    return NO_VALUE if number is None else fmt_number(number, ",.0f")


def _level(utilization: float | None, target: float) -> str:
    """ok, warm (over target) or hot (over 100%): for colouring."""
    if utilization is None or utilization <= target:
        return "ok"
    return "hot" if utilization > 1 else "warm"


def headroom_summary(estimate: EstimateView | dict) -> dict:
    headroom = EstimateView.of(estimate).headroom
    if headroom.factor is None:
        return {"factor": NO_VALUE, "first_saturating": None, "max_users": NO_VALUE}
    users = headroom.max_daily_active_users
    return {
        "factor": fmt_factor(headroom.factor),
        "first_saturating": headroom.first_saturating,
        "max_users": NO_VALUE if users is None else fmt_count(users),
    }


def headline(estimate: EstimateView | dict) -> dict:
    """Three figures for a gallery card."""
    view = EstimateView.of(estimate)
    return {
        "rps": approx_count(view.traffic.total_rps) + "/s",
        "storage": approx_bytes(view.storage.bytes_total),
        "years": significant(view.storage.years),
        "nines": fmt_nines(view.availability.nines),
    }


# What the editor shows for a design without workloads, in place of figures of no request.
NOTHING_ESTIMATED = {
    "key": "nothing_estimated",
    "label": NOTHING_ESTIMATED_HEADING,
    "text": "No workloads yet: add one in the Workloads tab to get traffic, storage and "
    "availability.",
}


def headline_rows(estimate: EstimateView | dict) -> list[dict]:
    """The editor's three figures once an estimate is done: key, label and text; for a
    design without workloads, one row saying that nothing is estimated yet."""
    view = EstimateView.of(estimate)
    if nothing_estimated(view):
        return [dict(NOTHING_ESTIMATED)]
    traffic, storage, available = view.traffic, view.storage, view.availability
    nines = "no downtime" if available.nines is None else f"{fmt_nines(available.nines)} nines"
    return [
        {"key": "total_rps", "label": figure("traffic.total_rps").label,
         "text": f"{exact_rate(traffic.total_rps)} (peak {exact_rate(traffic.peak_rps)})"},
        {"key": "storage_total", "label": f"Storage over {significant(storage.years)} years",
         "text": fmt_bytes(storage.bytes_total)},
        {"key": "availability", "label": figure("availability.overall").label,
         "text": f"{fmt_percent(available.overall, 6)} ({nines})"},
    ]


def render_text(name: str, estimate: EstimateView | dict, top: int = 5) -> str:
    """A plain-text summary for the terminal; of a design without workloads, the one
    sentence saying nothing is estimated yet."""
    view = EstimateView.of(estimate)
    if nothing_estimated(view):
        return f"High-level estimate: {name}\n\n  {NOTHING_ESTIMATED_SENTENCE}\n"
    rows = estimate_table(view)
    width = max(len(r["label"]) for r in rows)
    exact_width = max(len(r["exact"]) for r in rows)
    lines = [f"High-level estimate: {name}", ""]
    lines += [f"  {r['label']:<{width}}  {r['exact']:>{exact_width}}  {r['approx']}" for r in rows]
    summary = availability_summary(view)
    downtime = ", ".join(f"{d['time']} a {d['period']}" for d in summary["downtime"])
    lines += ["", f"Availability: {summary['overall']} ({summary['nines']} nines); "
                  f"downtime {downtime}"]
    if summary["overloaded"]:
        served = overload_table(view)["served_share"]
        lines.append(f"Requests served: {summary['requests_served']} "
                     f"({served} of peak requests served: components past their capacity)")
    room = headroom_summary(view)
    if room["first_saturating"]:
        lines.append(f"Headroom: {room['factor']} before {room['first_saturating']} saturates")
    found = view.bottlenecks[:top]
    if found:
        lines += ["", "Bottlenecks:"]
        for b in found:
            remedies = ", ".join(r.name for r in b.remedies)
            lines.append(f"  [{b.severity}] {b.message}")
            lines.append(f"      remedies: {remedies}")
    return "\n".join(lines) + "\n"


# ---- the design page ------------------------------------------------------------------------


def utilization_level(utilization: float | None, target: float) -> str:
    """ok, warm (over target) or hot (over 100%); none without a capacity limit."""
    return "none" if utilization is None else _level(utilization, target)


def resource_table(estimate: EstimateView | dict) -> list[dict]:
    """Storage (with replication), bandwidth (average and peak) and cache, exact and rounded."""
    view = EstimateView.of(estimate)
    storage, bandwidth, cache = view.storage, view.bandwidth, view.cache
    factor = storage.replication_factor
    copies = f"{factor:g} cop{'y' if factor == 1 else 'ies'}"
    share = fmt_fraction(view.assumptions.cache_fraction)
    text = view.derivation_text
    rows = [
        _bytes_row(f"Text stored per day ({copies})", storage.text_bytes_per_day),
        _bytes_row(f"Media stored per day ({copies})", storage.media_bytes_per_day,
                   derivation=text("storage.media_bytes_per_day")),
        _bytes_row(f"Stored per year ({copies})", storage.bytes_per_year,
                   derivation=text("storage.bytes_per_year")),
        _bytes_row(f"Stored over {significant(storage.years)} years ({copies})",
                   storage.bytes_total, derivation=text("storage.bytes_total")),
        _bytes_row("Incoming bandwidth", bandwidth.ingress_bytes_per_s, "/s",
                   text("bandwidth.ingress_bytes_per_s")),
        _bytes_row("Incoming bandwidth at peak", bandwidth.peak_ingress_bytes_per_s, "/s"),
        _bytes_row("Outgoing bandwidth", bandwidth.egress_bytes_per_s, "/s",
                   text("bandwidth.egress_bytes_per_s")),
        _bytes_row("Outgoing bandwidth at peak", bandwidth.peak_egress_bytes_per_s, "/s"),
        _bytes_row(f"Cache need ({share} of a day's reads)", cache.bytes_per_day,
                   derivation=text("cache.bytes_per_day")),
    ]
    if cache.memory_bytes is not None:
        rows.append(_bytes_row("Cache memory provisioned", cache.memory_bytes))
    return rows


# ---- N+1, latency, growth, cost --------------------------------------------------------------


def n_plus_one_by_key(estimate: EstimateView | dict) -> dict[str, dict]:
    """Each component's N+1 verdict: "passes" or "fails", and the peak use after losing
    one instance ("93%", or "—" without a capacity)."""
    return {
        item.key: {"verdict": "passes" if item.passes else "fails", "passes": item.passes,
                   "after": _utilization(item.utilization_after)}
        for item in EstimateView.of(estimate).n_plus_one
    }


def with_n_plus_one(rows: list[dict], estimate: EstimateView | dict) -> list[dict]:
    """component_table rows, each with its N+1 verdict (None when not checked)."""
    verdicts = n_plus_one_by_key(estimate)
    return [{**row, "n_plus_one": verdicts.get(row["key"])} for row in rows]


LATENCY_NOTE = (
    "Each component is an M/M/c queue at peak (c instances, service rate from its capacity): "
    "its unloaded latency plus the queueing wait. A route's figures are those of the whole "
    "request, computed from its steps' distributions (independent steps; a cache hit stops "
    "a read; a fan-out waits for its slowest call; a queue ends the user's wait unless the "
    "step says it waits), not sums of the steps' percentiles.")


def latency_tables(estimate: EstimateView | dict) -> dict:
    """Latency at peak: components with a capacity (utilisation, wait probability, mean,
    p50, p95, p99, steep) and each workload's route (mean, p50, p95, p99)."""
    view = EstimateView.of(estimate)
    latency = view.latency
    components = [
        with_derivation(
            {"key": c.key, "name": view.component_name(c.key),
             "utilization": _utilization(c.utilization),
             "wait_probability": fmt_fraction(c.wait_probability, 1),
             "mean": fmt_ms(c.mean_latency_ms), "p50": fmt_ms(c.p50_ms),
             "p95": fmt_ms(c.p95_ms), "p99": fmt_ms(c.p99_ms), "steep": c.steep},
            view.derivation_text(f"latency.components[{c.key}]"))
        for c in latency.components if c.utilization is not None
    ]
    workloads = [
        with_derivation(
            {"name": w.name, "mean": fmt_ms(w.mean_ms), "p50": fmt_ms(w.p50_ms),
             "p95": fmt_ms(w.p95_ms), "p99": fmt_ms(w.p99_ms)},
            view.derivation_text(f"latency.workloads[{w.name}]"))
        for w in latency.workloads
    ]
    steep = [view.component_name(key) for key in latency.steep]
    return {"components": components, "workloads": workloads, "steep": steep,
            "note": LATENCY_NOTE}


def growth_summary(estimate: EstimateView | dict) -> dict:
    """The growth rate as text, each year's peak and storage, and the limits' messages."""
    growth = EstimateView.of(estimate).growth
    years = [
        {"year": y.year, "factor": fmt_factor(y.traffic_factor),
         "peak": exact_rate(y.peak_rps), "added": fmt_bytes(y.storage_added_bytes),
         "cumulative": fmt_bytes(y.storage_cumulative_bytes)}
        for y in growth.years
    ]
    return {"rate": f"{fmt_fraction(growth.rate)} a year", "no_growth": not growth.rate,
            "years": years, "limits": [limit.message for limit in growth.limits]}


def cost_summary(estimate: EstimateView | dict) -> dict:
    """Monthly cost: each component with a price, and compute, storage, egress and total."""
    view = EstimateView.of(estimate)
    cost = view.cost
    currency = cost.currency
    rows = [
        {"key": c.key, "name": view.component_name(c.key), "kind": c.kind,
         "instances": c.instances, "unit": fmt_money(c.unit_month, currency),
         "month": fmt_money(c.month, currency)}
        for c in cost.components if c.month
    ]
    money = {name: fmt_money(getattr(cost, field), currency) for name, field in (
        ("compute", "compute_month"), ("storage", "storage_month"),
        ("storage_at_end", "storage_month_at_end"), ("egress", "egress_month"),
        ("total", "total_month"))}
    return {"currency": currency, "components": rows, **money, "lines": _cost_lines(money)}


# The summary's rows, each label saying whether the total counts it: the total is a month
# at the first year's size, so the end-of-period storage is shown beside it, not in it.
COST_TOTAL_LABEL = "Total a month (instances + storage at end of year 1 + egress)"


def _cost_lines(money: dict) -> list[dict]:
    return [
        {"key": "compute", "label": "Instances (compute)", "text": money["compute"]},
        {"key": "storage", "label": "Storage at end of year 1", "text": money["storage"]},
        {"key": "egress", "label": "Egress", "text": money["egress"]},
        {"key": "total", "label": COST_TOTAL_LABEL, "text": money["total"], "total": True},
        {"key": "storage_at_end", "label": "Storage at end of the period (not in the total)",
         "text": money["storage_at_end"]},
    ]
