"""How the report reads a design document: as the engine parses it."""

from estimator.engine import DesignError, parse_design
from estimator.engine.model import Design


def parsed_design(document: dict) -> Design | None:
    """The document as the engine reads it; None for a version stored before a newer rule
    of the engine refused it (its estimate was made, so its report is still shown)."""
    try:
        return parse_design(document)
    except DesignError:
        return None
