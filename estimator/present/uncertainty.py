"""Uncertainty and sensitivity as text: P10, P50 and P90 of each headline figure, and the
inputs that move a few of them most. Estimates stored before these keys existed have
neither: each function answers an empty section then."""

from estimator.present.figures import SENSITIVITY_PATHS, figure, format_value
from estimator.present.units import fmt_fraction

# The design page's name for SENSITIVITY_PATHS, kept for its callers.
SENSITIVITY_FIGURES = SENSITIVITY_PATHS


def uncertainty_table(estimate: dict) -> dict:
    """P10, P50 and P90 of each headline figure (empty rows when no input is a range)."""
    uncertainty = estimate.get("uncertainty")
    if not uncertainty:
        return {}
    rows = []
    for item in uncertainty["figures"]:
        shown = figure(item["key"])
        rows.append({"key": item["key"], "label": shown.label,
                     **{p: format_value(item[p], shown.unit) for p in ("p10", "p50", "p90")}})
    return {"samples": uncertainty["samples"], "seed": uncertainty["seed"],
            "inputs": uncertainty["inputs"], "rows": rows}


def sensitivity_table(estimate: dict, keys=SENSITIVITY_PATHS, top: int = 3) -> dict:
    """The inputs that move a few headline figures most: each figure at -10% and +10% of
    the input, and the swing; `skipped` says why when the engine skipped it."""
    sensitivity = estimate.get("sensitivity")
    if not sensitivity:
        return {}
    by_key = {f["key"]: f for f in sensitivity.get("figures", [])}
    figures = []
    for key in keys:
        drivers = by_key.get(key, {}).get("drivers", [])[:top]
        shown = figure(key)
        figures.append({"key": key, "label": shown.label, "drivers": [
            {"input": d["input"], "low": format_value(d["low"], shown.unit),
             "high": format_value(d["high"], shown.unit), "swing": fmt_fraction(d["swing"], 1)}
            for d in drivers if abs(d["swing"]) >= 5e-4]})  # what "0.1%" shows
    change = sensitivity.get("change", 0.1)
    return {"change": f"{change:.0%}", "skipped": sensitivity.get("skipped"),
            "figures": [f for f in figures if f["drivers"]]}
