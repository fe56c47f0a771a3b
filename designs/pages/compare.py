"""Comparing 2 to 6 designs: headline figures side by side (the API), with the compare
page's table, bar charts and small diagrams."""

from django.utils.safestring import mark_safe

from designs import charts, diagram
from designs.models import Design
from designs.selectors.estimates import estimate_documents
from estimator.engine.result import EstimateView
from estimator.present import compare, tables
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE


def compared_figures(designs: list[Design]) -> dict:
    """Headline figures of 2 to 6 designs side by side, with differences to the base (the
    first design with workloads), the base's id and the ids of the designs with nothing
    estimated (no workloads: their values are null). Raises DesignError when one cannot be
    estimated."""
    estimates = [EstimateView.from_document(d) for d in estimate_documents(designs)]
    flags = compare.estimated(estimates)
    base = compare.base_index(flags)
    return {
        "designs": designs,
        "base": designs[base].pk if base is not None else None,
        "nothing_estimated": [d.pk for d, flag in zip(designs, flags, strict=True) if not flag],
        "figures": compare.compare_all(estimates),
    }


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
    flags = compare.estimated(estimates)
    base = compare.base_index(flags)
    # The charts draw the designs with figures only: a design without workloads has no bar.
    drawn = [index for index, flag in enumerate(flags) if flag]
    names = [designs[index].name for index in drawn]
    return {
        "designs": designs,
        "columns": [{"design": design, "base": index == base, "estimated": flag}
                    for index, (design, flag) in enumerate(zip(designs, flags, strict=True))],
        "base": designs[base] if base is not None else None,
        # Said above the table: why the base may not be the first picked.
        "not_estimated": [design for design, flag in zip(designs, flags, strict=True)
                          if not flag],
        "nothing_estimated": NOTHING_ESTIMATED_SENTENCE,
        "table": tables.compare_table(compare.compare_all(estimates), flags),
        "charts": charts.compare_bars(names, [estimates[i] for i in drawn]) if drawn else {},
        "pairs": list(zip(designs, diagrams, strict=True)),
    }
