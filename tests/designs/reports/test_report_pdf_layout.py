"""The PDF report's layout for the five handbook examples: the free text rendered from
Markdown (no backticks, no list dashes), and the diagram on a landscape page of its own,
scaled so its smallest text prints at 7 pt or more."""

import re

import pytest
from weasyprint import HTML
from weasyprint.images import SVGImage

from designs.diagram import diagram_svg
from designs.reports import pdf
from designs.reports.content import report_content
from designs.reports.diagram_page import MAX_PAGE_MM, MIN_TEXT_PT, diagram_page
from designs.reports.html import render_html
from tests.designs.report_helpers import pdf_reader
from tests.designs.reports.test_report_formats import rendered
from tests.engine.test_handbook_examples import SLUGS, estimated, load

pytestmark = pytest.mark.rendering

PT_PER_CSS_PX = 0.75
A4_PORTRAIT_PT = (595.3, 841.9)


def _lines(content: bytes) -> list[str]:
    return [line for page in pdf_reader(content).pages
            for line in page.extract_text().splitlines()]


def _smallest_font(svg: str) -> float:
    return min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))


def _view_box_width(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg)[1])


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pdf_shows_the_free_text_rendered_not_its_markdown(slug):
    lines = _lines(rendered(slug, "pdf"))
    document = load(slug)
    # The first item of the data model, its dash gone: rendered as a list item.
    first_item = document["data_model"].splitlines()[0].removeprefix("- ")

    assert [line for line in lines if "`" in line] == []
    assert [line for line in lines if line.lstrip().startswith(("- ", "* "))] == []
    assert any(first_item[:40] in line for line in lines), first_item


@pytest.mark.parametrize("slug", SLUGS)
def test_the_diagram_has_a_landscape_page_of_its_own(slug):
    pages = pdf_reader(rendered(slug, "pdf")).pages
    caption = f"High-level design of {load(slug)['name']}"

    [diagram] = [page for page in pages if caption in page.extract_text()]
    assert float(diagram.mediabox.width) > float(diagram.mediabox.height)
    others = [page for page in pages if page is not diagram]
    for page in others:  # every other page is A4 portrait
        size = (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1))
        assert size == A4_PORTRAIT_PT


@pytest.mark.parametrize("slug", SLUGS)
def test_the_diagrams_smallest_text_prints_at_7_pt_or_more(slug):
    """Measured on WeasyPrint's layout: the width of the box the page gives the SVG,
    against the SVG's viewBox, scales its smallest font size."""
    content = report_content(document=load(slug), estimate=estimated(slug), version=3,
                             slug=slug)
    layout = HTML(string=render_html(content), base_url=pdf.BASE_URL,
                  url_fetcher=pdf.no_fetching()).render()
    svg = diagram_svg(load(slug), estimated(slug))

    [(page, box)] = [(page, box) for page in layout.pages
                     for box in page._page_box.descendants()
                     if isinstance(getattr(box, "replacement", None), SVGImage)]
    points_per_unit = box.width * PT_PER_CSS_PX / _view_box_width(svg)
    assert _smallest_font(svg) * points_per_unit >= MIN_TEXT_PT
    assert page.width > page.height
    # Scaled to fit: the diagram spans the page's width but its margins.
    assert box.width >= page.width * 0.9


def test_a_small_diagram_is_scaled_up_to_fill_an_a4_landscape_page():
    svg = '<svg viewBox="0 0 400 100"><text font-size="10">x</text></svg>'

    page = diagram_page(svg)

    assert (page.width, page.height) == (297.0, 210.0)
    assert page.svg_width == 273.0 and page.svg_height == pytest.approx(68.2, abs=0.1)


def test_a_wide_diagram_gets_a_wider_page_to_keep_its_text_legible():
    svg = '<svg viewBox="0 0 3000 600"><text font-size="10">x</text></svg>'

    page = diagram_page(svg)

    points_per_unit = page.svg_width * 72 / 25.4 / 3000
    assert page.width > 297 and page.width > page.height
    assert 10 * points_per_unit >= MIN_TEXT_PT


def test_a_tall_diagram_still_gets_a_landscape_page():
    page = diagram_page('<svg viewBox="0 0 300 2000"><text font-size="10">x</text></svg>')

    assert page.width >= page.height
    assert 10 * page.svg_height * 72 / 25.4 / 2000 >= MIN_TEXT_PT


def test_a_huge_diagram_stops_at_the_largest_page_readers_open():
    page = diagram_page('<svg viewBox="0 0 40000 30000"><text font-size="10">x</text></svg>')

    assert page.width == MAX_PAGE_MM and page.height <= MAX_PAGE_MM
    assert page.svg_width <= page.width and page.svg_height <= page.height


def test_an_svg_without_a_view_box_has_no_diagram_page():
    assert diagram_page("<svg></svg>") is None
