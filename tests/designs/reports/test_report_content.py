"""designs.reports.content: one report's sections, built from a design and its estimate."""

import copy

import pytest

from designs.reports.content import SECTION_HEADINGS, report_content
from designs.reports.questions import assumption_rows
from estimator.engine import estimate
from tests.engine.test_handbook_examples import SLUGS, estimated, load

# The handbook's own working for the URL shortener (lines ~4636-4666), as the report shows it.
URL_SHORTENER_DERIVATIONS = [
    "reads/s = 10,000,000,000 per month / (30 x 86,400 s) = 3,858/s ~ 4K/s",
    "writes/s = 100,000,000 per month / (30 x 86,400 s) = 38.6/s ~ 40/s",
    "storage over 10 years = storage/day x 365 x 10 (12.2B records) = 1.67 GB x 365 x 10"
    " = 6.08 TB ~ 6 TB",
    "cache = 20% of the daily read volume (the 80/20 rule) = 0.2 x 333M reads/day x 500 B"
    " = 33.3 GB ~ 30 GB",
]


def _report(document: dict, result: dict | None = None, version: int = 1):
    result = result or estimate(document)
    return report_content(document=document, estimate=result, version=version, slug="a-design")


def _texts(section) -> list[str]:
    """Every text of a section, tables and list items included."""
    texts = []
    for block in section.blocks:
        if block.kind in ("paragraph", "free_text", "subheading"):
            texts.append(block.text)
        elif block.kind == "table":
            texts += [cell for row in block.rows for cell in row]
        elif block.kind == "items":
            for item in block.items:
                texts += [item.label, item.text] + [c.text for c in item.children]
    return texts


def _section(report, anchor: str):
    return next(s for s in report.sections if s.anchor == anchor)


def test_it_follows_the_interview_chapter_in_nine_sections(document):
    report = _report(document)

    assert [s.heading for s in report.sections] == [h for _, h in SECTION_HEADINGS]
    assert [s.title for s in report.sections][:2] == ["1. Requirements",
                                                      "2. Estimation and constraints"]
    assert report.title == "Photo sharing" and report.version == 1
    assert report.filename_stem == "a-design-v1"


def test_it_says_not_stated_for_free_text_the_design_leaves_out(document):
    report = _report(document)

    for anchor in ("requirements", "data-model", "api-design"):
        assert "Not stated." in _texts(_section(report, anchor))


def test_it_shows_the_designs_own_requirements_data_model_and_api(document):
    document["requirements"] = {"functional": "- upload photos", "extended": "- likes"}
    document["data_model"] = "photos: id, owner"
    document["api_design"] = "POST /photos"

    report = _report(document)

    requirements = _texts(_section(report, "requirements"))
    assert "- upload photos" in requirements and "- likes" in requirements
    assert requirements.count("Not stated.") == 1  # non-functional
    assert _texts(_section(report, "data-model")) == ["photos: id, owner"]
    assert _texts(_section(report, "api-design")) == ["POST /photos"]


def test_the_url_shortener_shows_the_handbooks_working():
    report = _report(load("url-shortener"), estimated("url-shortener"))

    texts = _texts(_section(report, "estimation"))
    for derivation in URL_SHORTENER_DERIVATIONS:
        assert derivation in texts
    assert {"~4K/s", "~40/s", "6.08 TB", "~6 TB", "33.3 GB"} <= set(texts)


def test_the_high_level_design_carries_the_diagram_and_every_component(document):
    section = _section(_report(document), "high-level-design")

    image = next(b for b in section.blocks if b.kind == "image")
    assert image.svg.startswith("<svg") and "Photo sharing" in image.alt
    components = next(b for b in section.blocks if b.kind == "items")
    assert [i.label for i in components.items] == ["client", "api", "cache", "db"]


def test_the_detailed_design_marks_single_points_of_failure(document):
    section = _section(_report(document), "detailed-design")

    table = next(b for b in section.blocks if b.kind == "table")
    assert table.columns[:3] == ["Component", "Kind", "Instances"]
    marked = [row[0] for row, mark in zip(table.rows, table.highlight, strict=True) if mark]
    assert marked == ["cache"]  # one instance: a single point of failure


def test_availability_shows_each_route_in_series_and_the_downtime(document):
    texts = _texts(_section(_report(document), "availability"))

    assert any(t.startswith("client → api → db") for t in texts)
    assert any(" x " in t and t.endswith("%") for t in texts)  # the series working
    assert {"year", "month", "week", "day"} <= set(texts)


def test_bottlenecks_come_with_named_patterns_and_why(document):
    section = _section(_report(document), "bottlenecks")

    findings = next(b for b in section.blocks if b.kind == "items")
    spof = next(i for i in findings.items if "single point of failure" in i.text)
    assert spof.children and all(c.label and c.text for c in spof.children)


def test_questions_mark_the_assumptions_the_design_set_itself(document):
    rows = {r["label"]: r for r in assumption_rows(document, estimate(document))}

    assert rows["Daily active users"]["explicit"] and rows["Daily active users"]["value"] == "1M"
    assert not rows["Peak factor"]["explicit"] and rows["Peak factor"]["source"] == "default"
    assert rows["Read:write ratio"]["value"] == "25:1"
    assert rows["Sizes: upload"]["source"] == "default for response_bytes, stored_bytes"


def test_questions_quote_the_handbooks_checklist(document):
    texts = _texts(_section(_report(document), "questions"))

    for question in ("What is the read/write ratio of the system?",
                     "Are there any single points of failure in the system?",
                     "What are the uptime and availability expectations?"):
        assert question in texts
    assert "Daily active users: 1M (set in this design)" in texts


@pytest.mark.parametrize("slug", SLUGS)
def test_every_handbook_example_states_its_requirements_data_model_and_api(slug):
    document = load(slug)

    assert all(document["requirements"][part].strip()
               for part in ("functional", "non_functional", "extended"))
    assert document["data_model"].strip() and document["api_design"].strip()
    texts = _texts(_section(_report(document, estimated(slug)), "requirements"))
    assert "Not stated." not in texts


def test_it_does_not_change_the_documents(document):
    result = estimate(document)
    before = (copy.deepcopy(document), copy.deepcopy(result))

    _report(document, result)

    assert (document, result) == before
