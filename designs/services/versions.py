"""Restoring an older version of a design: its document saved again as a new version, so
history is never rewritten."""

import copy

from django.db import transaction

from designs.models import Design
from designs.selectors.versions import design_version
from designs.services.designs import design_update
from designs.services.estimates import VersionUnknown


@transaction.atomic
def design_restore(*, design: Design, version: int, expected_version: int | None = None) -> Design:
    """Save version `version`'s document as the design's next version (its estimate queued
    as any save's). Raises VersionUnknown for a version the design never had, and, with
    `expected_version`, VersionConflict when the design was saved since (nothing changes)."""
    stored = design_version(design, version)
    if stored is None:
        raise VersionUnknown(version=version, current=design.version)
    return design_update(
        design=design, document=copy.deepcopy(stored.input), expected_version=expected_version
    )
