"""The estimation engine: a design document in, the estimate document out.

Pure Python: no Django, no Celery, no I/O. See docs/design-document.md.
"""

from estimator.engine.errors import DesignError, FieldError
from estimator.engine.estimate import estimate, estimate_live, what_if
from estimator.engine.model import parse_design, parse_json, validate

__all__ = [
    "DesignError", "FieldError", "estimate", "estimate_live", "parse_design", "parse_json",
    "validate", "what_if",
]
