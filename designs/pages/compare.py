"""Comparing 2 to 6 designs: headline figures side by side (the API), with the compare
page's table, bar charts and small diagrams."""

from django.utils.safestring import mark_safe

from designs import charts, diagram
from designs.models import Design
from designs.selectors.estimates import estimate_documents
from estimator.engine.result import EstimateView
from estimator.present import compare, tables


def compared_figures(designs: list[Design]) -> list[dict]:
    """Headline figures of 2 to 6 designs side by side, with differences to the first.
    Raises DesignError when one cannot be estimated."""
    return compare.compare_all(estimate_documents(designs))


def compare_page(designs: list[Design]) -> dict:
    """The compare page's table, charts and diagrams of these designs, in their order.
    Raises DesignError when one cannot be estimated."""
    # Each stored document is read into its view once, for the table, charts and diagrams.
    estimates = [EstimateView.from_document(d) for d in estimate_documents(designs)]
    # The diagram module escapes every name it draws.
    diagrams = [
        mark_safe(diagram.diagram_svg(design.document, estimate, small=True))
        for design, estimate in zip(designs, estimates, strict=True)
    ]
    return {
        "designs": designs,
        "table": tables.compare_table(compare.compare_all(estimates)),
        "charts": charts.compare_bars([design.name for design in designs], estimates),
        "pairs": list(zip(designs, diagrams, strict=True)),
    }
