"""Reads for pages and the API: which designs a user sees, and their stored estimates.

Estimates are computed by workers (designs.tasks) and stored; these functions
only read them. All formatting comes from estimator.present.tables, so views
and templates hold no arithmetic.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.safestring import mark_safe

from designs import charts, diagram
from designs.models import Design, Estimate, PracticeAttempt, Report, visible
from estimator.engine import estimate as engine_estimate
from estimator.engine import practice, validate
from estimator.present import compare, tables


def design_current_estimate(design: Design) -> Estimate | None:
    """The estimate of the design's current version, whatever its status."""
    return design.estimates.filter(design_version=design.version).first()


def design_latest_done_estimate(design: Design) -> Estimate | None:
    """The newest finished estimate, of this version or an older one."""
    return design.estimates.filter(status=Estimate.Status.DONE).first()


@dataclass
class DesignReport:
    """What a page shows of one design: the newest estimate's figures, and its state.

    `estimate` is the estimate whose figures are shown (the current version's once it
    is done, an older one meanwhile); `pending` is the current version's while it is
    queued or running.
    """

    design: Design
    estimate: Estimate | None = None
    pending: Estimate | None = None
    errors: list[str] = field(default_factory=list)
    # With errors: True when the document itself is refused (its fields named), False when
    # the work did not finish (a time limit, a worker that died): only then is trying again
    # of use.
    invalid: bool = False
    tables: dict = field(default_factory=dict)

    @property
    def stale(self) -> bool:
        return self.estimate is not None and self.estimate.design_version < self.design.version


def _tables(result: dict) -> dict:
    return {
        "estimate": tables.estimate_table(result),
        "workloads": tables.workload_table(result),
        "components": tables.with_n_plus_one(tables.component_table(result), result),
        "availability": tables.availability_summary(result),
        "headroom": tables.headroom_summary(result),
        "headline": tables.headline(result),
    }


def design_report(design: Design, current: Estimate | None = None) -> DesignReport:
    current = current or design_current_estimate(design)
    report = DesignReport(design=design)
    if current is not None and current.status == Estimate.Status.FAILED:
        report.errors = current.error.splitlines()
        report.invalid = bool(validate(current.input))
    elif current is not None and current.status != Estimate.Status.DONE:
        report.pending = current
    shown = current if current and current.status == Estimate.Status.DONE else None
    report.estimate = shown or design_latest_done_estimate(design)
    if report.estimate is not None:
        report.tables = _tables(report.estimate.result)
    return report


def design_page_figures(report: DesignReport) -> dict:
    """What the design page draws besides report.tables: the diagram of the version whose
    figures are shown (or of the design, while its first estimate is pending), the charts,
    storage/bandwidth/cache, and availability per component and per workload route."""
    if report.estimate is None:
        document = None if report.errors else report.design.document
        svg = diagram.diagram_svg(document, None) if isinstance(document, dict) else ""
        return {"diagram": mark_safe(svg)}  # escaped by diagram_svg
    document, result = report.estimate.input, report.estimate.result
    return {
        "diagram": mark_safe(diagram.diagram_svg(document, result)),
        "charts": charts.design_charts(result),
        "resources": tables.resource_table(result),
        "component_availability": tables.component_availability_rows(result),
        "routes": tables.route_availability_rows(document, result),
        **_depth_figures(result),
        "whatif": _whatif_choices(document),
    }


def _depth_figures(result: dict) -> dict:
    """Importance, latency, growth, cost, uncertainty and sensitivity: empty for estimates
    stored before the engine computed them (tables answer {} or [] then)."""
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
    """What the what-if panel offers: each component (key, name, instances) and the zones."""
    components = [
        {"key": c["key"], "name": c.get("name") or c["key"],
         "instances": c.get("instances", 1) if isinstance(c.get("instances", 1), int) else None}
        for c in document.get("components", []) if isinstance(c, dict) and "key" in c
    ]
    zones = sorted({c["zone"] for c in document.get("components", [])
                    if isinstance(c, dict) and c.get("zone")})
    return {"components": components, "zones": zones}


def example_reports() -> list[DesignReport]:
    """The shipped examples in the order they were loaded (the handbook's), with estimates."""
    examples = list(Design.objects.filter(is_example=True).order_by("id"))
    current = _current_estimates(examples)
    return [design_report(design, current.get(design.pk)) for design in examples]


def _current_estimates(designs: list[Design]) -> dict[int, Estimate]:
    """design_current_estimate of each design, by design id, in one query (not N)."""
    versions = {design.pk: design.version for design in designs}
    estimates = Estimate.objects.filter(
        design__in=list(versions), design_version__in=set(versions.values())
    )
    return {e.design_id: e for e in estimates if versions[e.design_id] == e.design_version}


def design_estimate_document(design: Design) -> dict:
    """The estimate document of the design's current version: the stored one when done,
    else computed now without saving (the engine takes milliseconds). Raises DesignError."""
    return _estimate_document(design, design_current_estimate(design))


def _estimate_document(design: Design, current: Estimate | None) -> dict:
    if current is not None and current.status == Estimate.Status.DONE:
        return current.result
    return engine_estimate(design.document)


def _estimate_documents(designs: list[Design]) -> list[dict]:
    """design_estimate_document of each design, their stored estimates read in one query."""
    current = _current_estimates(designs)
    return [_estimate_document(design, current.get(design.pk)) for design in designs]


def designs_compare(designs: list[Design]) -> dict:
    """Headline figures of 2 to 6 designs side by side, with differences to the first."""
    return {"figures": compare.compare_all(_estimate_documents(designs))}


# ---- the REST API (designs/api/) ------------------------------------------------------------

# The newest estimate's id, version and status, read in the designs' own query (three
# subqueries on the (design, version) index): enough for a design's status and links,
# however many versions it has been saved in.
_NEWEST = Estimate.objects.filter(design=OuterRef("pk")).order_by("-design_version")
_NEWEST_ESTIMATE = {
    f"newest_estimate_{name}": Subquery(_NEWEST.values(name)[:1])
    for name in ("id", "design_version", "status")
}


def designs_visible(*, user) -> QuerySet[Design]:
    """The designs this user may see, with owners and their newest estimate's summary."""
    return Design.objects.visible_to(user).select_related("owner").annotate(**_NEWEST_ESTIMATE)


def designs_list(
    *,
    user,
    search: str = "",
    owner: str = "",
    example: bool | None = None,
    public: bool | None = None,
) -> QuerySet[Design]:
    """Visible designs, by name then id, filtered: part of the name, owner's username,
    examples or not, public or not."""
    designs = designs_visible(user=user)
    if search:
        designs = designs.filter(name__icontains=search)
    if owner:
        designs = designs.filter(owner__username=owner)
    if example is not None:
        designs = designs.filter(is_example=example)
    if public is not None:
        designs = designs.filter(is_public=public)
    return designs


def examples_list() -> QuerySet[Design]:
    """The shipped examples in the order they were loaded (the handbook's)."""
    return designs_visible(user=None).filter(is_example=True).order_by("id")


def designs_visible_in_order(*, user, ids: list[int]) -> list[Design]:
    """Those of the designs with these ids that the user may see, in the order asked."""
    found = Design.objects.visible_to(user).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def design_latest_estimate(design: Design) -> Estimate | None:
    """The newest estimate: the current version's, or an older (stale) one until the current
    one is requested. For a design just saved, the estimate of the version that save wrote
    (`saved_estimate`, set by designs.services), never a newer one saved since. From
    designs_visible's summary when present: an estimate with only its id, version and
    status loaded (the rest is read if asked for)."""
    if hasattr(design, "saved_estimate"):
        return design.saved_estimate
    if not hasattr(design, "newest_estimate_id"):
        return design.estimates.first()
    if design.newest_estimate_id is None:
        return None
    estimate = Estimate.from_db(
        None,
        ["id", "design_id", "design_version", "status"],
        [design.newest_estimate_id, design.pk, design.newest_estimate_design_version,
         design.newest_estimate_status],
    )
    estimate.design = design
    return estimate


def estimates_visible(*, user) -> QuerySet[Estimate]:
    """Estimates of the designs this user may see, with their design but without the
    design documents (the estimate's input, the design's document): read only if asked."""
    return (
        Estimate.objects.filter(visible(user, via="design__"))
        .select_related("design")
        .defer("input", "design__document")
    )


# ---- reports (designs/reports/, designs/api/reports.py) -------------------------------------


def design_version_documents(design: Design, version: int) -> tuple[dict, dict]:
    """The design document of one version and its estimate document: the stored estimate's,
    computed now (nothing saved) while it is not done. Raises DesignError."""
    stored = design.estimates.filter(design_version=version).first()
    if stored is None:  # a design written without designs.services: only its current version
        return design.document, engine_estimate(design.document)
    if stored.status == Estimate.Status.DONE:
        return stored.input, stored.result
    return stored.input, engine_estimate(stored.input)


def reports_visible(*, user) -> QuerySet[Report]:
    """Reports of the designs this user may see, without their files."""
    designs = Design.objects.visible_to(user)
    return Report.objects.filter(design__in=designs).select_related("design").defer("content")


# ---- the home and compare pages -------------------------------------------------------------

# The sorts the home page's tables offer: GET value -> ordering.
DESIGN_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
    "version": ("version", "name"),
    "-version": ("-version", "name"),
}
DEFAULT_DESIGN_SORT = "-updated"


def _name_contains(designs: QuerySet[Design], search: str) -> QuerySet[Design]:
    """Designs whose name holds `search`. No name holds a NUL (the engine refuses it), and
    PostgreSQL refuses one in a query: such a search finds nothing, without asking."""
    if "\x00" in search:
        return designs.none()
    return designs.filter(name__icontains=search) if search else designs


def _sorted_search(designs: QuerySet[Design], search: str, sort: str) -> QuerySet[Design]:
    if search:
        designs = _name_contains(designs, search)
    return designs.order_by(*DESIGN_SORTS.get(sort, DESIGN_SORTS[DEFAULT_DESIGN_SORT]))


def designs_owned(*, user, search: str = "", sort: str = DEFAULT_DESIGN_SORT) -> list[Design]:
    """The user's own designs (none for an anonymous visitor), filtered by name and sorted."""
    if user is None or not user.is_authenticated:
        return []
    return list(_sorted_search(Design.objects.filter(owner=user), search, sort))


def designs_public_of_others(
    *, user, search: str = "", sort: str = DEFAULT_DESIGN_SORT
) -> list[Design]:
    """Public designs people saved (not the examples), except the user's own."""
    designs = Design.objects.filter(is_public=True, is_example=False).select_related("owner")
    if user is not None and user.is_authenticated:
        designs = designs.exclude(owner=user)
    return list(_sorted_search(designs, search, sort))


def designs_visible_by_slug(*, user, slugs: list[str]) -> dict[str, Design]:
    """Those of the designs with these slugs that the user may see, by slug."""
    designs = Design.objects.visible_to(user).filter(slug__in=slugs).select_related("owner")
    return {d.slug: d for d in designs}


def designs_pickable(
    *, user, search: str = "", chosen: list[Design] | None = None, limit: int = 100
) -> list[Design]:
    """Designs to offer in the compare page's picker: the chosen ones first (in order), then
    the others the user may see (examples first, then by name), filtered by name."""
    chosen = chosen or []
    others = Design.objects.visible_to(user).exclude(pk__in=[d.pk for d in chosen])
    if search:
        others = _name_contains(others, search)
    others = others.select_related("owner").order_by("-is_example", "name", "id")
    return [*chosen, *others[:limit]]


def designs_compared(designs: list[Design]) -> dict:
    """designs_compare, with each design's estimate document (for charts and diagrams).
    Raises DesignError when one cannot be estimated."""
    estimates = _estimate_documents(designs)
    return {"estimates": estimates, "figures": compare.compare_all(estimates)}


# ---- practice mode --------------------------------------------------------------------------


def practice_attempts_of(*, user) -> list[dict]:
    """The user's practice attempts, newest first, on designs they may still see: each with
    how many of its estimates were within 2x, within 10x and off."""
    attempts = (
        PracticeAttempt.objects.filter(user=user, design__in=Design.objects.visible_to(user))
        .select_related("design")
    )
    return [{"attempt": a, "design": a.design, "tally": practice.tally(a.scores)}
            for a in attempts]
