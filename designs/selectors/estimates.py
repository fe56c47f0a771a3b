"""Stored estimates, and the estimate documents pages, reports and practice read.

Estimates are computed by workers (designs.tasks) and stored; these functions only read
them. One done by an older engine (Estimate.is_outdated) is never read as is: the page
asks for it again (designs.services.estimates), and a document needed now is computed
now (the engine takes milliseconds), nothing saved.
"""

from django.db.models import QuerySet

from designs.models import Design, Estimate, visible
from estimator.engine import estimate as engine_estimate
from estimator.engine.version import ENGINE_VERSION


def design_current_estimate(design: Design) -> Estimate | None:
    """The estimate of the design's current version, whatever its status."""
    return design.estimates.filter(design_version=design.version).first()


def design_latest_done_estimate(design: Design) -> Estimate | None:
    """The newest estimate done by today's engine, of this version or an older one."""
    done = design.estimates.filter(status=Estimate.Status.DONE)
    return done.filter(result__engine_version__gte=ENGINE_VERSION).first()


def current_estimates(designs: list[Design]) -> dict[int, Estimate]:
    """design_current_estimate of each design, by design id, in one query (not N)."""
    versions = {design.pk: design.version for design in designs}
    estimates = Estimate.objects.filter(
        design__in=list(versions), design_version__in=set(versions.values())
    )
    return {e.design_id: e for e in estimates if versions[e.design_id] == e.design_version}


def _readable_result(estimate: Estimate | None) -> dict | None:
    """The stored estimate document when done by today's engine; None otherwise."""
    if estimate is None or estimate.status != Estimate.Status.DONE or estimate.is_outdated:
        return None
    return estimate.result


def design_estimate_document(design: Design) -> dict:
    """The estimate document of the design's current version: the stored one when done,
    else computed now without saving (the engine takes milliseconds). Raises DesignError."""
    return _estimate_document(design, design_current_estimate(design))


def _estimate_document(design: Design, current: Estimate | None) -> dict:
    stored = _readable_result(current)
    return stored if stored is not None else engine_estimate(design.document)


def estimate_documents(designs: list[Design]) -> list[dict]:
    """design_estimate_document of each design, their stored estimates read in one query."""
    current = current_estimates(designs)
    return [_estimate_document(design, current.get(design.pk)) for design in designs]


def design_version_documents(design: Design, version: int) -> tuple[dict, dict]:
    """The design document of one version and its estimate document: the stored estimate's,
    computed now (nothing saved) while it is not done. Raises DesignError."""
    stored = design.estimates.filter(design_version=version).first()
    if stored is None:  # a design written without designs.services: only its current version
        return design.document, engine_estimate(design.document)
    result = _readable_result(stored)
    return stored.input, result if result is not None else engine_estimate(stored.input)


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
