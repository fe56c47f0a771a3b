"""Timeouts and retries as text: each route step with a timeout or retries, its attempt
failure, attempts per call and calls lost, and the components whose load the retries raise
(engine.retries); the design page and the report show the same rows."""

from estimator.engine.result import EstimateView
from estimator.present.figures import with_derivation
from estimator.present.units import exact_rate, fmt_ms, fmt_number, fmt_percent

MODEL_NOTE = ("An attempt fails when the component is down, sheds it (past its capacity) or "
              "takes longer than the timeout (its queue wait plus its latency); the caller "
              "tries again at once, up to its retries. Each attempt is load on the component: "
              "1 + q + ... + q^R attempts per call for an attempt failure q, and q^(R+1) of the "
              "calls are lost.")


def attempts(value: float) -> str:
    """Attempts per call: "1.36", "3"."""
    return fmt_number(value, ".3g")


def retries_table(estimate: EstimateView | dict) -> dict:
    """`stated` (some step has a timeout or retries; nothing else is filled when not), the
    model's note, one row per such step and one per component whose load they raise."""
    view = EstimateView.of(estimate)
    retries = view.retries
    if not retries.stated:
        return {"stated": False, "note": MODEL_NOTE, "steps": [], "components": [],
                "settled": True}
    return {
        "stated": True,
        "note": MODEL_NOTE,
        "settled": retries.settled,
        "steps": [
            with_derivation({
                "workload": w.name,
                "key": s.key,
                "label": f"{w.name} → {s.key}",
                "name": view.component_name(s.key),
                "timeout": "none" if s.timeout_ms is None else fmt_ms(s.timeout_ms),
                "retries": str(s.retries),
                "fails": fmt_percent(s.attempt_failure, 4),
                "per_call": attempts(s.attempts_per_call),
                "lost": fmt_percent(s.call_failure, 4),
                "amplified": s.attempts_per_call > 1.0,
            }, view.derivation_text(f"retries.workloads[{w.name}][{s.index}]"))
            for w in retries.workloads for s in w.steps
        ],
        "components": [
            with_derivation({
                "key": c.key,
                "name": view.component_name(c.key),
                "without": exact_rate(c.peak_load_rps_without_retries),
                "with": exact_rate(c.peak_load_rps),
                "factor": "" if c.amplification is None else attempts(c.amplification),
            }, view.derivation_text(f"retries.components[{c.key}]"))
            for c in retries.components
        ],
    }
