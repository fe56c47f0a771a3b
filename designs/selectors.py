"""Reads for pages: which designs a user sees, and their estimates as tables.

Pages call the engine directly until the Celery issue stores estimates.
All formatting comes from estimator.engine.tables, so views and templates
hold no arithmetic.
"""

from dataclasses import dataclass, field

from designs.models import Design
from estimator.engine import DesignError, estimate, tables


def design_estimate(design: Design) -> dict:
    """The estimate document of the design (raises DesignError when it cannot be estimated)."""
    return estimate(design.document)


@dataclass
class DesignReport:
    """What a page shows of one design: the estimate and its tables, or why there is none."""

    design: Design
    estimate: dict | None = None
    errors: list[str] = field(default_factory=list)
    tables: dict = field(default_factory=dict)


def _tables(result: dict) -> dict:
    return {
        "estimate": tables.estimate_table(result),
        "workloads": tables.workload_table(result),
        "components": tables.component_table(result),
        "availability": tables.availability_summary(result),
        "headroom": tables.headroom_summary(result),
        "headline": tables.headline(result),
    }


def design_report(design: Design) -> DesignReport:
    try:
        result = design_estimate(design)
    except DesignError as error:
        return DesignReport(design=design, errors=[str(e) for e in error.errors] or [str(error)])
    return DesignReport(design=design, estimate=result, tables=_tables(result))


def example_reports() -> list[DesignReport]:
    """The shipped examples in the order they were loaded (the handbook's), with estimates."""
    examples = Design.objects.filter(is_example=True).order_by("id")
    return [design_report(design) for design in examples]


def saved_designs_list(*, user) -> list[Design]:
    """Designs people saved (not the examples) that this user may see: public ones and their own."""
    return list(Design.objects.visible_to(user).filter(is_example=False).select_related("owner"))
