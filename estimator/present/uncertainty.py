"""Uncertainty and sensitivity as text: P10, P50 and P90 of each headline figure, and the
inputs that move a few of them most."""

from estimator.engine.result import EstimateView
from estimator.present.figures import SENSITIVITY_PATHS, figure, format_value
from estimator.present.units import fmt_fraction

# The design page's name for SENSITIVITY_PATHS, kept for its callers.
SENSITIVITY_FIGURES = SENSITIVITY_PATHS


def uncertainty_table(estimate: EstimateView | dict) -> dict:
    """P10, P50 and P90 of each headline figure (empty rows when no input is a range)."""
    uncertainty = EstimateView.of(estimate).uncertainty
    rows = []
    for item in uncertainty.figures:
        shown = figure(item.key)
        rows.append({"key": item.key, "label": shown.label,
                     **{p: format_value(getattr(item, p), shown.unit)
                        for p in ("p10", "p50", "p90")}})
    return {"samples": uncertainty.samples, "seed": uncertainty.seed,
            "inputs": list(uncertainty.inputs), "rows": rows}


def _drivers(drivers, unit: str) -> list[dict]:
    return [{"input": d.input, "low": format_value(d.low, unit),
             "high": format_value(d.high, unit), "swing": fmt_fraction(d.swing, 1)}
            for d in drivers if abs(d.swing) >= 5e-4]  # what "0.1%" shows


def sensitivity_table(estimate: EstimateView | dict, keys=SENSITIVITY_PATHS,
                      top: int = 3) -> dict:
    """The inputs that move a few headline figures most: each figure at -10% and +10% of
    the input, and the swing; `skipped` says why when the engine skipped it."""
    sensitivity = EstimateView.of(estimate).sensitivity
    by_key = {f.key: f.drivers for f in sensitivity.figures}
    figures = [{"key": key, "label": figure(key).label,
                "drivers": _drivers(by_key.get(key, ())[:top], figure(key).unit)}
               for key in keys]
    return {"change": fmt_fraction(sensitivity.change), "skipped": sensitivity.skipped,
            "figures": [f for f in figures if f["drivers"]]}
