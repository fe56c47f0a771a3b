"""What the editor's canvas shows while a draft is edited (POST /api/estimate/live/): each
component's peak utilisation and band, single points of failure, the first component to
saturate and the bottlenecks on the nodes; the live strip's figures beside them. Every
figure comes as text: the page script writes no number of its own.
"""

from estimator.engine.result import Component, EstimateView
from estimator.present.figures import figure, format_value
from estimator.present.slos import slo_table
from estimator.present.tables import utilization_level
from estimator.present.units import (
    fmt_factor,
    fmt_fraction,
    fmt_money,
    fmt_ms,
    fmt_percent,
    significant,
)

# Flagged on the node: what limits a component. A single point of failure has its own
# marker; a low availability is only information.
FLAGGED_KINDS = frozenset({"saturated", "over_target", "storage", "memory", "retries"})
BAND_LABELS = {
    "ok": "under the target utilisation",
    "warm": "over the target utilisation",
    "hot": "past capacity",
    "none": "no capacity limit",
}


def _utilization_text(component: Component) -> str:
    if component.utilization is None:
        return "no limit"
    # Past 100 times its capacity a percentage is a wall of digits.
    if component.utilization >= 100:
        return f"{significant(component.utilization)}x capacity"
    return fmt_fraction(component.utilization)


def _flags(view: EstimateView, key: str) -> list[dict]:
    # The engine's messages open with the component's name.
    return [{"kind": b.kind, "severity": b.severity, "text": b.message}
            for b in view.bottlenecks if b.component == key and b.kind in FLAGGED_KINDS]


def _component(view: EstimateView, component: Component) -> dict:
    band = utilization_level(component.utilization, view.assumptions.target_utilization)
    flags = _flags(view, component.key)
    return {
        "key": component.key,
        "name": component.name,
        "utilization": component.utilization,
        "utilization_text": _utilization_text(component),
        "band": band,
        "band_text": BAND_LABELS[band],
        "spof": component.spof,
        "first_saturating": view.headroom.first_saturating == component.key,
        "bottleneck": bool(flags),
        "flags": flags,
    }


def _figure_row(key: str, path: str, value, label: str | None = None) -> dict:
    found = figure(path)
    return {"key": key, "label": label or found.label, "text": format_value(value, found.unit)}


def _figures(view: EstimateView) -> list[dict]:
    years = significant(view.storage.years)
    return [
        _figure_row("peak_rps", "traffic.peak_rps", view.traffic.peak_rps),
        _figure_row("storage_total", "storage.bytes_total", view.storage.bytes_total,
                    f"Storage over {years} years"),
        {"key": "availability", "label": figure("availability.overall").label,
         "text": fmt_percent(view.availability.overall, 6)},
        {"key": "requests_served", "label": "Requests served",
         "text": fmt_percent(view.availability.requests_served, 6)},
        {"key": "cost_month", "label": figure("cost.total_month").label,
         "text": fmt_money(view.cost.total_month, view.cost.currency)},
    ]


def _workloads(view: EstimateView) -> list[dict]:
    return [{"name": route.name, "p99_ms": route.p99_ms, "p99_text": fmt_ms(route.p99_ms)}
            for route in view.latency.workloads]


def _slos(view: EstimateView) -> list[dict]:
    return [{"label": row["label"], "met": row["ok"], "verdict": row["verdict"],
             "text": f"{row['estimated']} against {row['stated']}"}
            for row in slo_table(view)["rows"]]


def _first(view: EstimateView) -> dict | None:
    key = view.headroom.first_saturating
    if key is None:
        return None
    return {"key": key, "name": view.component_name(key),
            "headroom_text": fmt_factor(view.headroom.factor)}


def live_canvas(estimate: EstimateView | dict) -> dict:
    """`components` (by the design's order: key, name, utilization and its text, band and
    its words, spof, first_saturating, bottleneck and its flags), `first_saturating`
    (key, name, headroom as text; None when nothing saturates), `figures` (the strip's
    rows: key, label, text), `workloads` (each one's p99 at peak) and `slos` (label, met,
    verdict, text)."""
    view = EstimateView.of(estimate)
    return {
        "components": [_component(view, c) for c in view.components],
        "first_saturating": _first(view),
        "figures": _figures(view),
        "workloads": _workloads(view),
        "slos": _slos(view),
    }
