"""The report as one standalone, printable HTML file (templates/reports/report.html).

All CSS is inline and the diagram is an inline SVG, so the file opens offline and asks
for nothing: no stylesheets, scripts, fonts or images from anywhere.
"""

import re
from dataclasses import replace

from django.template.loader import render_to_string

from designs.reports.blocks import ReportContent
from designs.reports.diagram_page import DiagramPage, diagram_page

_SIZE = re.compile(r'^(<svg\b[^>]*?) width="([\d.]+)" height="[\d.]+"([^>]*?) style="[^"]*"')


def fluid_svg(svg: str) -> str:
    """The diagram sized by the page: as wide as the column, at most its own width, its
    height following the viewBox (WeasyPrint keeps a fixed height attribute as it is)."""
    return _SIZE.sub(r'\1\3 style="width:100%;max-width:\2px;height:auto"', svg, count=1)


def _fluid(content: ReportContent) -> ReportContent:
    sections = [
        replace(section, blocks=[
            replace(block, svg=fluid_svg(block.svg)) if block.kind == "image" else block
            for block in section.blocks
        ])
        for section in content.sections
    ]
    return replace(content, sections=sections)


def _diagram_page(content: ReportContent) -> DiagramPage | None:
    """The printed page of the report's diagram (its first image)."""
    svgs = [block.svg for section in content.sections for block in section.blocks
            if block.kind == "image"]
    return diagram_page(svgs[0]) if svgs else None


def render_html(content: ReportContent) -> str:
    return render_to_string("reports/report.html", {
        "report": _fluid(content), "diagram_page": _diagram_page(content)})
