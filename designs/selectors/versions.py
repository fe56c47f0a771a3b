"""A design's saved versions: each save stores its document with its estimate
(designs.models.Estimate.input), so the estimates are the history."""

from designs.models import Design, Estimate

# The largest version a database column holds: a larger number from a URL names none.
LARGEST_VERSION = 2**31 - 1


def design_versions(design: Design) -> list[Estimate]:
    """Every stored version of the design, the newest first, with its document (not its
    estimate document: the history reads none, and each may be large)."""
    return list(design.estimates.defer("result").order_by("-design_version"))


def design_version(design: Design, number: int) -> Estimate | None:
    """The stored version `number` of the design, or None when it never had one."""
    if not 1 <= number <= LARGEST_VERSION:
        return None
    return design.estimates.filter(design_version=number).first()
