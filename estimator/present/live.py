"""What the editor's canvas shows while a draft is edited (POST /api/estimate/live/): each
component's peak utilisation and band, single points of failure, the first component to
saturate and the bottlenecks on the nodes; the live strip's figures beside them. Every
figure comes as text: the page script writes no number of its own.
"""

from estimator.engine.result import Component, EstimateView
from estimator.present.figures import figure, format_value
from estimator.present.slos import NOT_SERVED, slo_table
from estimator.present.tables import utilization_level
from estimator.present.units import (
    fmt_factor,
    fmt_fraction,
    fmt_money,
    fmt_ms,
    fmt_percent,
    significant,
)
from estimator.present.whatif import with_texts

# Flagged on the node: what limits a component. A single point of failure has its own
# marker; a low availability is only information.
FLAGGED_KINDS = frozenset({"saturated", "over_target", "storage", "memory", "retries"})
BAND_LABELS = {
    "ok": "under the target utilisation",
    "warm": "over the target utilisation",
    "hot": "past capacity",
    "none": "no capacity limit",
    "down": "down in this what-if",
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


def _component(view: EstimateView, component: Component, down: bool) -> dict:
    band = utilization_level(component.utilization, view.assumptions.target_utilization)
    # A component down in a what-if serves nothing: no load to draw, nothing to flag.
    flags = [] if down else _flags(view, component.key)
    return {
        "key": component.key,
        "name": component.name,
        "down": down,
        "utilization": None if down else component.utilization,
        "utilization_text": "down" if down else _utilization_text(component),
        "band": "down" if down else band,
        "band_text": BAND_LABELS["down" if down else band],
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
    """Each workload's p99; none for one whose requests all fail (a what-if's failures)."""
    stopped = {w.name for w in view.availability.workloads if w.availability == 0}
    return [{"name": route.name, "p99_ms": None, "p99_text": NOT_SERVED}
            if route.name in stopped else
            {"name": route.name, "p99_ms": route.p99_ms, "p99_text": fmt_ms(route.p99_ms)}
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


def _stopped_text(names: list[str]) -> str:
    if not names:
        return "No workload stopped"
    listed = ", ".join(f"'{name}'" for name in names)
    return f"{len(names)} workload{'s' if len(names) > 1 else ''} stopped: {listed}"


def live_failures(view: EstimateView, answer: dict) -> dict:
    """The what-if beside the canvas of a degraded draft (`answer`: estimator.engine's
    what-if answer): the components down and the instances lost, by name; the workloads
    stopped, each workload's availability left, and the retry amplification before and
    after, every figure also as text (estimator.present.whatif)."""
    texts = with_texts(answer)
    return {
        "down": [{"key": key, "name": view.component_name(key)} for key in answer["down"]],
        "lost_instances": [{"key": key, "name": view.component_name(key), "lost": lost}
                           for key, lost in answer["lost_instances"].items()],
        "stopped_workloads": answer["stopped_workloads"],
        "stopped_text": _stopped_text(answer["stopped_workloads"]),
        "workloads": [{"name": w["name"], "availability": w["availability"],
                       "availability_text": w["availability_text"]}
                      for w in texts["availability"]["workloads"]],
        "retries": texts["retries"],
    }


def live_canvas(estimate: EstimateView | dict, failures: dict | None = None) -> dict:
    """`components` (by the design's order: key, name, down, utilization and its text, band
    and its words, spof, first_saturating, bottleneck and its flags), `first_saturating`
    (key, name, headroom as text; None when nothing saturates), `figures` (the strip's
    rows: key, label, text), `workloads` (each one's p99 at peak) and `slos` (label, met,
    verdict, text). With `failures` (the what-if answer of engine.estimate_live_failed,
    `estimate` being the degraded design's) the components down are marked down and the
    answer carries `failures` (live_failures)."""
    view = EstimateView.of(estimate)
    down = set(failures["down"]) if failures else set()
    answer = {
        "components": [_component(view, c, c.key in down) for c in view.components],
        "first_saturating": _first(view),
        "figures": _figures(view),
        "workloads": _workloads(view),
        "slos": _slos(view),
    }
    if failures is not None:
        answer["failures"] = live_failures(view, failures)
    return answer
