"""The report of every shape of design (tests/design_shapes.py) in every format: without
workloads or components, with alternatives, every kind and redundancy, ranges, unicode and
200-character names, huge and tiny figures. PDFs are slow: one per group of shapes."""

import json
import re

import pytest
from django.urls import reverse

from designs.models import Report
from designs.reports import render
from designs.reports.content import FIGURE_SECTIONS, SECTION_HEADINGS, report_content
from designs.reports.questions import assumption_rows
from designs.services.designs import design_create
from designs.services.reports import report_request
from estimator.engine import estimate
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE
from estimator.present.units import fmt_percent
from tests.design_shapes import PDF_SHAPES, SHAPES, unformatted
from tests.designs.report_helpers import pdf_reader, pdf_text

_ESTIMATES: dict[str, dict] = {}


def estimated(shape: str) -> dict:
    if shape not in _ESTIMATES:
        _ESTIMATES[shape] = estimate(SHAPES[shape])
    return _ESTIMATES[shape]


def rendered(shape: str, fmt: str) -> str:
    content = render(fmt, document=SHAPES[shape], estimate=estimated(shape), version=2,
                     slug=shape)
    return content.decode()


def has_workloads(shape: str) -> bool:
    return bool(SHAPES[shape].get("workloads"))


def headings(shape: str) -> list[str]:
    """The numbered section headings a shape's report holds: every one, or those without
    figures for a design without workloads."""
    kept = [heading for anchor, heading in SECTION_HEADINGS
            if has_workloads(shape) or anchor not in FIGURE_SECTIONS]
    return [f"{n}. {heading}" for n, heading in enumerate(kept, start=1)]


def _flows(shape: str) -> dict:
    """Section 5's request flows: each workload's item by its label."""
    report = report_content(document=SHAPES[shape], estimate=estimated(shape), version=1,
                          slug=shape)
    blocks = report.sections[4].blocks
    flows = blocks[blocks.index(next(b for b in blocks if getattr(b, "text", "").startswith(
        "Request flows"))) + 1]
    return {item.label: item for item in getattr(flows, "items", [])}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_has_a_report_with_its_sections_and_no_unformatted_figure(shape, fmt):
    text = rendered(shape, fmt)

    for heading in headings(shape):
        assert heading in text
    assert (NOTHING_ESTIMATED_SENTENCE in text) != has_workloads(shape)
    assert unformatted(text) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shapes_json_report_is_its_design_and_estimate(shape):
    bundle = json.loads(rendered(shape, "json"))

    notice = {} if has_workloads(shape) else {"notice": NOTHING_ESTIMATED_SENTENCE}
    assert bundle == {**notice, "design": SHAPES[shape], "estimate": json.loads(json.dumps(
        estimated(shape))), "version": 2}
    assert list(bundle)[0] == ("design" if has_workloads(shape) else "notice")


def test_a_design_without_workloads_has_a_report_that_says_nothing_is_estimated():
    markdown = rendered("no-workloads", "md")  # once KeyError: 'sizes' (questions.py)

    head = markdown.split("**Contents**")[0]
    assert f"**{NOTHING_ESTIMATED_SENTENCE}**" in head  # said at the top
    assert "Workloads: none" in markdown
    assert "_No workloads._" in markdown
    sections = re.findall(r"^## \d+\. (.+)$", markdown, flags=re.MULTILINE)
    assert sections == ["Requirements", "Data model", "API design", "High-level design",
                        "Questions to ask the interviewer"]
    # No figure of no request: neither the storage nor the components' series availability.
    series = estimated("no-workloads")["availability"]["overall"]
    assert "Storage over 10 years" not in markdown and "This design reaches" not in markdown
    assert fmt_percent(series) not in markdown and fmt_percent(series, 6) not in markdown


def test_the_html_report_of_a_design_without_workloads_says_it_in_its_header():
    html = rendered("no-workloads", "html")

    header = html.split("</header>")[0]
    assert 'id="nothing-estimated"' in header and NOTHING_ESTIMATED_SENTENCE in header
    assert 'id="estimation"' not in html and 'id="availability"' not in html
    assert 'id="high-level-design"' in html  # the diagram and components are still there


def test_a_simulation_is_left_out_of_the_report_of_a_design_without_workloads():
    content = report_content(document=SHAPES["no-workloads"],
                             estimate=estimated("no-workloads"), version=1, slug="empty",
                             simulation={"anything": "is not read"})

    assert content.notice == NOTHING_ESTIMATED_SENTENCE
    assert [s.anchor for s in content.sections] == [
        "requirements", "data-model", "api-design", "high-level-design", "questions"]


def test_a_design_without_workloads_lists_no_sizes_among_its_assumptions():
    rows = assumption_rows(SHAPES["no-workloads"], estimated("no-workloads"))

    assert [row["key"] for row in rows if row["key"] == "sizes"] == []
    assert [row["label"] for row in rows][:2] == ["Daily active users", "Read:write ratio"]


def test_a_route_with_alternatives_lists_its_load_path_and_every_alternative():
    flows = _flows("alternatives")  # once KeyError: 'key' (content.py)

    page = flows["page (read)"]
    assert page.text == "client → cdn → db; available when any of its 2 paths works"
    assert [(c.label, c.text) for c in page.children] == [
        ("path 1", "client → cdn → db"), ("path 2", "client → lb → east → db")]
    assert flows["save (write)"].text.startswith("client → lb → east → db x3;")
    assert [c.text for c in flows["both (read)"].children] == [
        "east → db", "west → db", "cdn"]


def test_a_route_without_alternatives_shows_its_fan_out_steps_and_no_paths():
    flows = _flows("every-kind")

    browse = flows["browse (read)"]
    assert browse.text == ("client → dns → cdn → load_balancer → api_gateway → api_pool x2 → "
                           "cache → search → quorum")
    assert browse.children == []


def test_a_route_with_many_alternatives_lists_the_first_ten_paths():
    document = {**SHAPES["alternatives"], "workloads": [{
        "name": "many", "kind": "read", "rate": 1,
        "route": [{"any_of": [["east"], ["west"], ["cdn"], ["lb"]]},
                  {"any_of": [["db"], ["east"], ["west"], ["cdn"]]}]}]}
    report = report_content(document=document, estimate=estimate(document), version=1, slug="m")

    markdown = render("md", document=document, estimate=estimate(document), version=1,
                      slug="m").decode()
    assert report.title == "Two regions"
    assert "available when any of its 16 paths works" in markdown
    assert "path 10" in markdown and "path 11" not in markdown
    assert "and 6 more paths" in markdown


def test_unicode_names_are_kept_in_every_format():
    for fmt in ("md", "html"):
        text = rendered("unicode", fmt)

        assert "\u200fשרת ראשי\u200f 🚀 cafe\u0301" in text
        assert "データベース" in text


def test_the_markdown_names_every_kind_and_redundancy():
    markdown = rendered("every-kind", "md")

    for words in ("object store, 1 instance", "**api_gateway**", "4 instances (active-active)",
                  "2 instances (active-passive)", "5 instances (k-of-n)"):
        assert words in markdown, words


def test_ranges_give_the_uncertainty_table():
    markdown = rendered("ranges", "md")

    assert "### Uncertainty" in markdown and "P90" in markdown


def test_huge_and_tiny_figures_are_written_short():
    huge, tiny = rendered("huge-figures", "md"), rendered("tiny-figures", "md")

    assert "| Cache memory per day | 1e63 B | ~1e63 B |" in huge
    assert "| Reads per second | 1.16e-23/s | ~1.2e-23/s |" in tiny
    tables = [line for text in (huge, tiny) for line in text.splitlines()
              if line.startswith("|")]
    assert [line for line in tables if re.search(r"e[+-]0|(?<![.\d])\d{5,}", line)] == []


# ---- through the app: the API's downloads and the PDF task ---------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("shape", ["no-workloads", "alternatives", "every-kind", "unavailable"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_api_answers_every_shapes_report(client, user, shape, fmt):
    design = design_create(owner=user, document=SHAPES[shape])
    client.force_login(user)

    response = client.get(reverse("api:design-report", args=[design.pk, fmt]))

    assert response.status_code == 200, response.content[:500]
    assert unformatted(response.content.decode()) == []


@pytest.mark.rendering
@pytest.mark.django_db
@pytest.mark.parametrize("shape", ["no-workloads", "alternatives"])
def test_the_pdf_task_ends_done_for_a_design_without_workloads_or_with_alternatives(
        user, shape):
    design = design_create(owner=user, document=SHAPES[shape])

    report = report_request(design=design, fmt=Report.Format.PDF)  # in-process: no worker

    assert report.status == Report.Status.DONE, report.error  # was failed: KeyError
    assert bytes(report.content).startswith(b"%PDF-")


def _pdf(shape: str) -> bytes:
    return render("pdf", document=SHAPES[shape], estimate=estimated(shape), version=1,
                  slug=shape)


@pytest.mark.rendering
@pytest.mark.parametrize("shape", [s for s in PDF_SHAPES if s != "unicode"])
def test_the_pdf_of_each_group_of_shapes_holds_every_section(shape):
    content = _pdf(shape)
    text = pdf_text(content)

    assert content.startswith(b"%PDF-")
    for heading in headings(shape):
        assert heading in text
    assert unformatted(text) == []


@pytest.mark.rendering
def test_the_pdf_prints_right_to_left_emoji_and_combining_names():
    content = _pdf("unicode")  # pypdf cannot read its text back: its fonts are subsets

    assert content.startswith(b"%PDF-")
    assert len(pdf_reader(content).pages) >= 4
