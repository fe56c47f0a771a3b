"""A what-if answer with its figures also as text, for the design page's panel."""

from estimator.present.units import exact_rate, fmt_fraction, fmt_number, fmt_percent


def attempts_text(value: float) -> str:
    """Attempts per call: "1.01", "3"."""
    return fmt_number(value, ".3g")


def with_texts(answer: dict) -> dict:
    """The answer of estimator.engine.what_if, unchanged, with display strings beside its
    figures: the availability left (`overall_text`, `requests_served_text`, each workload's
    `availability_text`)
    and each component's peak use (`utilization_text`, "down" for one that is down), and
    the retry amplification (each step's attempts per call and calls lost before and after,
    each called component's peak load before and after), so that the page script writes no
    number itself."""
    availability = answer["availability"]
    amplified = answer["retries"]
    return {
        **answer,
        "availability": {
            **availability,
            "overall_text": fmt_percent(availability["overall"], 4),
            "requests_served_text": fmt_percent(availability["requests_served"], 4),
            "workloads": [{**w, "availability_text": fmt_percent(w["availability"], 4)}
                          for w in availability["workloads"]],
        },
        "components": [
            {**c, "utilization_text": "down" if c["down"] else fmt_fraction(c["utilization"])}
            for c in answer["components"]
        ],
        "retries": {
            "steps": [
                {**s,
                 "attempts_per_call_before_text": attempts_text(s["attempts_per_call_before"]),
                 "attempts_per_call_after_text": attempts_text(s["attempts_per_call_after"]),
                 "call_failure_before_text": fmt_percent(s["call_failure_before"], 4),
                 "call_failure_after_text": fmt_percent(s["call_failure_after"], 4)}
                for s in amplified["steps"]
            ],
            "components": [
                {**c, "peak_load_rps_before_text": exact_rate(c["peak_load_rps_before"]),
                 "peak_load_rps_after_text": exact_rate(c["peak_load_rps_after"])}
                for c in amplified["components"]
            ],
        },
    }
