"""The estimation engine: a design document in, the estimate document out.

Pure Python: no Django, no Celery, no I/O. See docs/design-document.md.
"""

from estimator.engine.errors import DesignError, FieldError
from estimator.engine.estimate import estimate, what_if
from estimator.engine.model import parse_design, parse_json, validate

__all__ = [
    "DesignError", "FieldError", "estimate", "parse_design", "parse_json", "validate", "what_if",
]
