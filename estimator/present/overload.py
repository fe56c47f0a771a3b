"""Requests served at peak as text: each workload's served share and requests lost, and the
components that shed (engine.overload); the design page and the report show the same rows."""

from estimator.engine.result import EstimateView
from estimator.present.figures import with_derivation
from estimator.present.units import exact_rate, fmt_percent

NOTHING_OVERLOADED = "Every request is served at peak: no component is past its capacity."
LOST_TO_RETRIES = ("No component is past its capacity at peak; the requests lost at steps "
                   "with a timeout or retries are under Timeouts and retries.")
MODEL_NOTE = ("A component past its capacity at peak serves only its capacity (capacity x "
              "serving instances) and sheds the rest in proportion across the workloads "
              "through it; a request shed goes no further (a step with retries tries it again: "
              "see Timeouts and retries).")


def _share(fraction: float) -> str:
    return fmt_percent(fraction, 2)


def overload_table(estimate: EstimateView | dict) -> dict:
    """`overloaded`; the overall served share; per workload its peak, served share, requests
    lost per second and how the share is worked out; per component that sheds, what it is
    offered and serves at peak and the share it sheds; `empty` when nothing is overloaded."""
    view = EstimateView.of(estimate)
    overload = view.overload
    return {
        "overloaded": overload.overloaded,
        "served_share": _share(overload.served_share),
        "served_share_derivation": view.derivation_text("overload.served_share"),
        "note": MODEL_NOTE,
        "empty": "" if overload.overloaded else (
            LOST_TO_RETRIES if overload.served_share < 1.0 else NOTHING_OVERLOADED),
        "workloads": [
            with_derivation({
                "name": w.name,
                "peak": exact_rate(w.peak_rps),
                "served_share": _share(w.served_share),
                "lost": exact_rate(w.lost_rps),
            }, view.derivation_text(f"overload.workloads[{w.name}]"))
            for w in overload.workloads
        ] if overload.overloaded else [],
        "components": [
            {"key": c.key, "name": view.component_name(c.key),
             "offered": exact_rate(c.offered_rps), "served": exact_rate(c.served_rps),
             "shed": _share(c.shed_share)}
            for c in overload.components if c.shed_share > 0
        ],
    }
