"""The design page: a design's newest estimate as tables, charts and a diagram."""

from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.safestring import mark_safe

from designs import charts, diagram
from designs.handbook_figures import handbook_table_of
from designs.models import Design, Estimate
from designs.selectors.estimates import design_current_estimate, design_latest_done_estimate
from estimator.engine import validate
from estimator.engine.result import EstimateView
from estimator.present import tables
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE, nothing_estimated
from estimator.present.slos import slo_table


@dataclass
class DesignPage:
    """What a page shows of one design: the newest estimate's figures, and its state.

    `estimate` is the estimate whose figures are shown (the current version's once it
    is done, an older one meanwhile), `view` its document read once for every table,
    chart and the diagram; `pending` is the current version's while it is queued or
    running.
    """

    design: Design
    estimate: Estimate | None = None
    view: EstimateView | None = None
    pending: Estimate | None = None
    errors: list[str] = field(default_factory=list)
    # With errors: True when the document itself is refused (its fields named), False when
    # the work did not finish (a time limit, a worker that died): only then is trying again
    # of use.
    invalid: bool = False
    tables: dict = field(default_factory=dict)
    # What the other pages (the home page's cards) show of an empty design, in place of figures.
    nothing_estimated: ClassVar[str] = NOTHING_ESTIMATED_SENTENCE

    @property
    def stale(self) -> bool:
        return self.estimate is not None and self.estimate.design_version < self.design.version

    @property
    def empty(self) -> bool:
        """An estimate of a design without workloads: nothing to show but what to do next."""
        return self.view is not None and nothing_estimated(self.view)


def _tables(result: EstimateView) -> dict:
    return {
        "estimate": tables.estimate_table(result),
        "workloads": tables.workload_table(result),
        "components": tables.with_n_plus_one(tables.component_table(result), result),
        "availability": tables.availability_summary(result),
        "headroom": tables.headroom_summary(result),
        "headline": tables.headline(result),
    }


def design_page(design: Design, current: Estimate | None = None) -> DesignPage:
    """The page of a design, given its current version's estimate when the caller has it."""
    current = current or design_current_estimate(design)
    page = DesignPage(design=design)
    if current is not None and current.status == Estimate.Status.FAILED:
        page.errors = current.error.splitlines()
        page.invalid = bool(validate(current.input))
    elif current is not None and current.status != Estimate.Status.DONE:
        page.pending = current
    # One done by an older engine is not shown: it is recomputed once the page asks for it.
    done = current is not None and current.status == Estimate.Status.DONE
    shown = current if done and not current.is_outdated else None
    _show(page, shown or design_latest_done_estimate(design))
    return page


def _show(page: DesignPage, estimate: Estimate | None) -> None:
    """Show this estimate's figures: its document is read into the view here, once."""
    page.estimate = estimate
    if estimate is not None:
        page.view = EstimateView.from_document(estimate.result)
        page.tables = _tables(page.view)


def design_page_figures(page: DesignPage) -> dict:
    """What the design page draws besides page.tables: the diagram of the version whose
    figures are shown (or of the design, while its first estimate is pending), the charts,
    storage/bandwidth/cache, availability per component and per workload route, the
    requests served at peak, and the design's SLOs met or missed. Without workloads, only
    the diagram: no figure is estimated from nothing."""
    if page.estimate is None or page.empty:
        document = None if page.errors else page.design.document
        svg = diagram.diagram_svg(document, None) if isinstance(document, dict) else ""
        return {"diagram": mark_safe(svg)}  # escaped by diagram_svg
    document, result = page.estimate.input, page.view
    return {
        "diagram": mark_safe(diagram.diagram_svg(document, result)),
        "charts": charts.design_charts(result),
        "resources": tables.resource_table(result),
        "component_availability": tables.component_availability_rows(result),
        "routes": tables.route_availability_rows(document, result),
        "overload": tables.overload_table(result),
        "retries": tables.retries_table(result),
        "slos": slo_table(result),
        **_analysis_figures(result),
        "whatif": _whatif_choices(document),
        "handbook": handbook_figures(page.design, document),
    }


def handbook_figures(design: Design, document: dict) -> dict | None:
    """For a shipped example, the handbook's figures computed from only the workloads the
    handbook counted (designs.handbook_figures); None for any other design."""
    return handbook_table_of(design.slug, document) if design.is_example else None


def _analysis_figures(result: EstimateView) -> dict:
    """The analysis below the headline tables: what to improve first, importance, latency,
    growth, cost, uncertainty and sensitivity."""
    return {
        "improve_first": tables.improve_first(result),
        "importance": tables.importance_rows(result),
        "latency": tables.latency_tables(result),
        "growth": tables.growth_summary(result),
        "growth_chart": charts.growth(result),
        "cost": tables.cost_summary(result),
        "uncertainty": tables.uncertainty_table(result),
        "sensitivity": tables.sensitivity_table(result),
    }


def _whatif_choices(document: dict) -> dict:
    """What the what-if panel offers: each component (key, name, instances) and the zones.
    The document is the user's (valid, since its estimate is done): names and instances
    are optional fields."""
    components = [
        {"key": c["key"], "name": c.get("name") or c["key"],
         "instances": c.get("instances", 1) if isinstance(c.get("instances", 1), int) else None}
        for c in document.get("components", []) if isinstance(c, dict) and "key" in c
    ]
    zones = sorted({c["zone"] for c in document.get("components", [])
                    if isinstance(c, dict) and c.get("zone")})
    return {"components": components, "zones": zones}
