"""The handbook examples' free text (requirements, data model, API design: Markdown) is
rendered on the design page, the practice page and the HTML report: list items, code and
paragraphs, never the raw dashes and backticks typed."""

import re
from html import unescape

import pytest
from django.urls import reverse

from designs.models import Design
from designs.reports import render
from designs.services.examples import examples_load

EXAMPLES = ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]
FREE_TEXT = re.compile(r'<div class="free-text"[^>]*>(.*?)</div>', re.S)
pytestmark = pytest.mark.django_db


@pytest.fixture
def examples():
    examples_load()


def _free_texts(html: str) -> list[str]:
    found = FREE_TEXT.findall(html)
    assert found, "no free text rendered"
    return found


def _assert_rendered(blocks: list[str], where: str) -> None:
    for block in blocks:
        text = unescape(re.sub(r"<[^>]+>", "", block))
        assert "`" not in text, f"{where}: a backtick in {text[:80]!r}"
        starts = [line for line in text.splitlines() if line.lstrip().startswith(("- ", "* "))]
        assert starts == [], f"{where}: {starts[:2]}"
    assert any("<li>" in block for block in blocks), where


def _code_spans(design: Design) -> list[str]:
    document = design.document
    texts = [*document["requirements"].values(), document.get("data_model") or "",
             document.get("api_design") or ""]
    return [span for text in texts for span in re.findall(r"`([^`\n]+)`", text)]


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_design_page_renders_the_free_text(client, examples, slug):
    design = Design.objects.get(slug=slug)
    page = client.get(reverse("designs:detail", args=[slug])).content.decode()
    section = page.split('<section id="requirements"')[1].split("</section>")[0]

    blocks = _free_texts(section)

    _assert_rendered(blocks, slug)
    rendered = "".join(blocks)
    for span in _code_spans(design):
        assert f"<code>{span.strip()}</code>" in unescape(rendered), span


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_practice_page_renders_the_requirements(client, examples, slug):
    page = client.get(reverse("designs:practice", args=[slug])).content.decode()
    given = page.split('<section aria-labelledby="given-heading"')[1].split("</section>")[0]

    _assert_rendered(_free_texts(given), slug)


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_html_report_renders_the_free_text(examples, slug):
    design = Design.objects.get(slug=slug)
    html = render("html", document=design.document, estimate=design.estimates.get().result,
                  version=design.version, slug=slug).decode()

    _assert_rendered(_free_texts(html), slug)


def test_the_markdown_report_keeps_the_text_as_typed(examples):
    design = Design.objects.get(slug="url-shortener")
    markdown = render("md", document=design.document, estimate=design.estimates.get().result,
                      version=design.version, slug="url-shortener").decode()

    first_line = design.document["data_model"].splitlines()[0]
    assert first_line.startswith("- ") and first_line in markdown
