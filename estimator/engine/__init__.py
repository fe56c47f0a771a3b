"""The estimation engine: a design document in, the estimate document out.

Pure Python: no Django, no Celery, no I/O. See docs/design-document.md.
"""

from estimator.engine.errors import DesignError, FieldError, ScenarioError
from estimator.engine.estimate import (
    estimate,
    estimate_live,
    estimate_live_failed,
    scenario_errors,
    what_if,
)
from estimator.engine.model import parse_design, parse_json, validate

__all__ = [
    "DesignError", "FieldError", "estimate", "estimate_live", "estimate_live_failed",
    "parse_design", "parse_json", "ScenarioError", "scenario_errors", "validate", "what_if",
]
