"""The report of a handbook example opens its estimation with "The handbook's figures": the
handbook's figures from only the workloads it counted, as the design page shows them."""

import pytest

from designs.handbook_figures import HANDBOOK_EXAMPLES
from designs.reports import render
from designs.reports.content import report_content
from tests.engine.test_handbook_examples import SLUGS, estimated, load


def _estimation(slug: str, document: dict | None = None, report_slug: str | None = None):
    content = report_content(document=document or load(slug), estimate=estimated(slug),
                             version=1, slug=report_slug or slug)
    return next(s for s in content.sections if s.anchor == "estimation")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_estimation_opens_with_the_handbook_figures(slug):
    blocks = _estimation(slug).blocks
    assert (blocks[0].kind, blocks[0].text) == ("subheading", "The handbook's figures")
    example = HANDBOOK_EXAMPLES[slug]
    assert all(f"'{name}'" in blocks[1].text for name in example.workloads)
    assert blocks[1].text.endswith("each within 10%.")
    table = blocks[2]
    assert [row[0] for row in table.rows] == [figure.words for figure in example.figures]
    assert all(abs(float(row[3].rstrip("%"))) <= 10 for row in table.rows)


def test_a_design_of_another_slug_or_without_the_counted_workloads_has_none():
    assert _estimation("twitter", report_slug="my-twitter").blocks[0].text != (
        "The handbook's figures")
    renamed = load("twitter")
    renamed["workloads"][0]["name"] = "tweet"
    renamed["slos"]["p99_ms"] = {w["name"]: 100 for w in renamed["workloads"]}
    assert _estimation("twitter", document=renamed).blocks[0].text != "The handbook's figures"


def test_the_markdown_report_shows_the_table():
    markdown = render("md", document=load("uber"), estimate=estimated("uber"), version=1,
                      slug="uber").decode()
    assert "The handbook's figures" in markdown
    assert "| ~5 MB/s | 5 MB/s | 4.63 MB/s | -7.4% |" in markdown
