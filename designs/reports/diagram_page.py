"""The diagram's own landscape page when the report is printed (the PDF, or the HTML
report printed from a browser): scaled to fit the page, and the page large enough that the
diagram's smallest text prints at MIN_TEXT_PT or more.

A4 landscape when the diagram fits it legibly; a wider diagram gets a larger landscape page
(a PDF is read on a screen and zoomed; shrunk to A4, a 1,600-unit diagram's labels would
print at under 5 pt).
"""

import re
from dataclasses import dataclass

MIN_TEXT_PT = 7.0
# The scale aimed for: one viewBox unit to one CSS pixel (0.75 pt), the diagram's own size,
# so its smallest text (10 units, a badge) prints at 7.5 pt.
TARGET_PT_PER_UNIT = 0.75
A4_LANDSCAPE_MM = (297.0, 210.0)
MARGIN_MM = 12.0
# The section's heading above the diagram, its caption and the note on colours below it.
TEXT_MM = 36.0
PT_PER_MM = 72 / 25.4
# Acrobat and other readers refuse pages over 200 inches a side; a diagram that large (hundreds
# of components) is shrunk to fit, its text under MIN_TEXT_PT.
MAX_PAGE_MM = 5080.0

_VIEW_BOX = re.compile(r'<svg\b[^>]*?\bviewBox="0 0 ([\d.]+) ([\d.]+)"')
_FONT_SIZE = re.compile(r'font-size="([\d.]+)"')


@dataclass(frozen=True)
class DiagramPage:
    """The page's size and the diagram's box on it, in millimetres."""

    width: float
    height: float
    svg_width: float
    svg_height: float


def diagram_page(svg: str) -> DiagramPage | None:
    """The page for this diagram; None for an SVG without a viewBox."""
    match = _VIEW_BOX.search(svg)
    if not match:
        return None
    units_wide, units_high = float(match[1]), float(match[2])
    smallest = min((float(size) for size in _FONT_SIZE.findall(svg)), default=10.0)
    pt_per_unit = max(TARGET_PT_PER_UNIT, MIN_TEXT_PT / smallest)
    needed_wide = units_wide * pt_per_unit / PT_PER_MM + 2 * MARGIN_MM
    needed_high = units_high * pt_per_unit / PT_PER_MM + 2 * MARGIN_MM + TEXT_MM
    width = max(A4_LANDSCAPE_MM[0], needed_wide)
    height = max(A4_LANDSCAPE_MM[1], needed_high)
    width = max(width, height)  # landscape, even for a tall diagram
    width, height = min(width, MAX_PAGE_MM), min(height, MAX_PAGE_MM)
    # Scaled to fit: as wide as the page allows, unless the height is the limit.
    box_wide, box_high = width - 2 * MARGIN_MM, height - 2 * MARGIN_MM - TEXT_MM
    scale = min(box_wide / units_wide, box_high / units_high)
    return DiagramPage(round(width, 1), round(height, 1),
                       round(units_wide * scale, 1), round(units_high * scale, 1))
