"""A what-if answer with its figures also as text, for the design page's panel."""

from estimator.present.units import fmt_fraction, fmt_percent


def with_texts(answer: dict) -> dict:
    """The answer of estimator.engine.what_if, unchanged, with display strings beside its
    figures: the availability left (`overall_text`, `requests_served_text`, each workload's
    `availability_text`)
    and each component's peak use (`utilization_text`, "down" for one that is down), so
    that the page script writes no number itself."""
    availability = answer["availability"]
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
    }
