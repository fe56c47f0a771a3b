"""The version history page (each version with a one-line summary of what it changed) and
the compare page of two versions (headline figures side by side, then document
differences)."""

from designs.models import Design, Estimate
from designs.selectors.estimates import design_version_documents
from designs.selectors.versions import design_versions
from estimator.engine.result import EstimateView
from estimator.present import compare, tables
from estimator.present.history import change_summary, difference_rows


def _saved_by(design: Design) -> str:
    """Only a design's owner saves it, so every version is theirs; the examples ship."""
    return design.owner.get_username() if design.owner_id else "shipped example"


def versions_page(design: Design) -> dict:
    """The design's versions, the newest first, each saying what changed against the one
    before it."""
    versions = design_versions(design)
    rows = []
    for index, version in enumerate(versions):
        before = versions[index + 1].input if index + 1 < len(versions) else None
        rows.append({
            "number": version.design_version,
            "saved_at": version.queued_at,
            "saved_by": _saved_by(design),
            "summary": change_summary(before, version.input),
            "is_current": version.design_version == design.version,
        })
    return {"design": design, "versions": rows}


def default_pair(design: Design) -> tuple[int, int]:
    """What the compare page shows when not told: the previous version against the latest."""
    return max(design.version - 1, 1), design.version


def _pending(estimate: Estimate | None) -> bool:
    """True while the stored estimate is not readable (queued, running, or by an older
    engine): the page says "estimating…" and shows figures computed now."""
    if estimate is None:
        return False
    return estimate.status != Estimate.Status.DONE or estimate.is_outdated


def version_compare_page(design: Design, old: Estimate, new: Estimate) -> dict:
    """Two versions of the design: the older (the base) and the newer's headline figures with
    differences, and what changed in the document. Raises DesignError when one cannot be
    estimated."""
    documents = [design_version_documents(design, e.design_version) for e in (old, new)]
    views = [EstimateView.from_document(estimate) for _, estimate in documents]
    flags = compare.estimated(views)
    return {
        "design": design,
        "columns": [{"number": e.design_version, "estimating": _pending(e),
                     "estimated": flag, "base": index == 0}
                    for index, (e, flag) in enumerate(zip((old, new), flags, strict=True))],
        "table": tables.compare_table(compare.compare_all(views), flags) if all(flags) else [],
        "differences": difference_rows(documents[0][0], documents[1][0]),
        "summary": change_summary(documents[0][0], documents[1][0]),
    }
