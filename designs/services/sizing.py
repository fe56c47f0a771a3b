"""Size to meet SLOs: the proposal for a design's version, and applying it as a new version.

The proposal is the engine's (estimator.engine.sizing), computed now and saved nowhere;
applying computes it again on the version the caller saw and saves the changed document
through designs.services.designs.design_update, as any save: validated, optimistically
locked (VersionConflict when the design moved on), its estimate queued.
"""

from designs.models import Design
from designs.services.designs import VersionConflict, design_update
from estimator.engine.sizing import size_to_slos


class NothingToSize(Exception):
    """The proposal changes nothing: `field` names why (slos when the design states none)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def design_sizing(*, design: Design) -> dict:
    """The proposal for the design's current version, carrying that version; DesignError
    when its document no longer passes the engine."""
    return {**size_to_slos(design.document), "version": design.version}


def design_sizing_apply(*, design: Design, version: int) -> tuple[Design, dict]:
    """Compute the proposal again on `version` (the design's current one, else
    VersionConflict) and save its document as the next version. NothingToSize when the
    design states no SLOs or the proposal changes no instance count."""
    if version != design.version:
        raise VersionConflict(expected=version, current=design.version)
    proposal = design_sizing(design=design)
    if proposal["status"] == "no slos":
        raise NothingToSize("slos", "the design states no SLOs: add `slos` (availability, "
                                    "p99_ms, monthly_budget) to size it")
    if not proposal["changes"]:
        raise NothingToSize("slos", "the proposal changes no instance count: there is "
                                    "nothing to apply")
    saved = design_update(design=design, document=proposal["document"],
                          expected_version=version)
    return saved, proposal
