"""The report's four formats (designs.reports.render) for the five handbook examples: the
PDF's text and drawings, the self-contained Markdown, the HTML that fetches nothing."""

import base64
import json
import re
from html import unescape

import pytest
from django.conf import settings
from weasyprint.urls import URLFetcher

from designs.diagram import diagram_layout
from designs.reports import FORMATS, filename, pdf, render
from designs.reports.content import SECTION_HEADINGS
from estimator.engine import estimate
from estimator.present import tables
from tests.designs.report_helpers import html_references, pdf_reader, pdf_text
from tests.designs.reports.test_report_content import URL_SHORTENER_DERIVATIONS
from tests.engine.test_handbook_examples import SLUGS, estimated, load

# Files rendered from the examples, no database: once, in the SQLite run.
pytestmark = pytest.mark.rendering

# Headline figures of each example as the handbook rounds them, and as the engine states them.
HEADLINES = {
    "url-shortener": ["~4K/s", "~40/s", "6.08 TB", "~6 TB", "33.3 GB"],
    "whatsapp": ["~23K/s", "10.2 TB", "37.2 PB", "118 MB/s"],
    "twitter": ["~12K/s", "5.1 TB", "18.6 PB", "~19 PB"],
    "netflix": ["~12K/s", "500 TB", "1.82 EB", "5.79 GB/s"],
    "uber": ["~12K/s", "400 GB", "1.46 PB", "4.63 MB/s"],
}
HEADINGS = [f"{n}. {heading}" for n, (_, heading) in enumerate(SECTION_HEADINGS, start=1)]
_RENDERED: dict[tuple[str, str], bytes] = {}


def rendered(slug: str, fmt: str) -> bytes:
    if (slug, fmt) not in _RENDERED:
        _RENDERED[slug, fmt] = render(fmt, document=load(slug), estimate=estimated(slug),
                                      version=3, slug=slug)
    return _RENDERED[slug, fmt]


def _diagram_texts(slug: str) -> list[str]:
    """Texts only the diagram draws: each box's detail line ("service · x12")."""
    return [node["detail"] for node in diagram_layout(load(slug), estimated(slug))["nodes"]
            .values()]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pdf_holds_every_section_heading_and_the_headline_figures(slug):
    content = rendered(slug, "pdf")
    text = pdf_text(content)

    assert content.startswith(b"%PDF-")
    for heading in HEADINGS:
        assert heading in text
    for figure in HEADLINES[slug]:
        assert figure in text, figure
    for row in tables.estimate_table(estimated(slug)):
        assert f"{row['label']} {row['exact']} {row['approx']}" in text, row


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pdf_draws_the_diagram(slug):
    reader = pdf_reader(rendered(slug, "pdf"))
    page = next(p for p in reader.pages if "5. High-level design" in p.extract_text())
    page_text = " ".join(page.extract_text().split())

    assert len(page["/Resources"]["/XObject"]) > 0  # WeasyPrint draws the inline SVG
    for detail in _diagram_texts(slug):
        assert detail in page_text


def test_the_url_shortener_pdf_shows_the_handbooks_working():
    text = pdf_text(rendered("url-shortener", "pdf"))

    for derivation in URL_SHORTENER_DERIVATIONS:
        assert derivation in text


@pytest.mark.parametrize("slug", SLUGS)
def test_the_markdown_is_one_file_with_the_diagram_inside(slug):
    markdown = rendered(slug, "md").decode()

    found = re.search(r"!\[High-level design\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)",
                      markdown)
    assert found
    svg = base64.b64decode(found.group(1)).decode()
    assert svg.startswith("<svg") and all(d in svg for d in _diagram_texts(slug))
    for heading in HEADINGS:
        assert f"## {heading}" in markdown
    for figure in HEADLINES[slug]:
        assert figure in markdown
    # Nothing to fetch: the only URLs are the SVG's namespace and links a reader may follow
    # to the remedies' pattern pages.
    links = re.compile(r"\]\(<" + re.escape(settings.SITE_URL) + r"/patterns/[a-z-]+/>\)")
    assert "http://" not in links.sub("", markdown.replace("http://www.w3.org/2000/svg", ""))


def test_the_markdown_shows_each_derivation_as_code():
    markdown = rendered("url-shortener", "md").decode()

    for derivation in URL_SHORTENER_DERIVATIONS:
        assert f"`{derivation}`" in markdown


@pytest.mark.parametrize("slug", SLUGS)
def test_the_html_is_standalone_with_the_diagram_inline(slug):
    html = rendered(slug, "html").decode()
    references = html_references(html)

    assert html.startswith("<!doctype html>")
    assert references.external == []
    tags = [tag for tag, _ in references.tags]
    assert "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not [attrs for tag, attrs in references.tags if tag == "script" and "src" in attrs]
    assert tags.count("svg") == 1 and "<style>" in html
    text = unescape(html)
    for heading in [h.split(". ", 1)[1] for h in HEADINGS]:
        assert heading in text
    for figure in HEADLINES[slug]:
        assert figure in text
    assert all(d in text for d in _diagram_texts(slug))


def test_the_html_checker_finds_external_references():
    page = ('<link rel="stylesheet" href="https://cdn.example/x.css"><img src="//cdn/x.png">'
            '<div style="background:url(http://x/y.png)"></div><style>@import "a.css";</style>'
            '<a href="#top">top</a><svg xmlns="http://www.w3.org/2000/svg"></svg>')

    assert len(html_references(page).external) == 4


def test_the_html_escapes_what_the_design_says(document):
    document["name"] = "<script>alert(1)</script> & co"
    document["requirements"] = {"functional": '<img src="https://evil.example/x.png">'}
    document["components"][1]["name"] = "<b>api</b>"

    html = render("html", document=document, estimate=estimate(document), version=1,
                  slug="x").decode()

    references = html_references(html)
    assert references.external == []
    assert "script" not in [tag for tag, _ in references.tags]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


@pytest.mark.parametrize("slug", SLUGS)
def test_the_json_is_the_design_and_estimate_documents(slug):
    bundle = json.loads(rendered(slug, "json"))

    assert bundle == {"design": load(slug), "estimate": json.loads(json.dumps(estimated(slug))),
                      "version": 3}


def test_file_names_carry_the_slug_and_version():
    assert [filename("url-shortener", 4, fmt) for fmt in FORMATS] == [
        "url-shortener-v4.md", "url-shortener-v4.html", "url-shortener-v4.pdf",
        "url-shortener-v4.json",
    ]


def test_the_pdf_fetcher_refuses_every_url_but_inline_data():
    fetcher = pdf.no_fetching()

    for url in ("https://example.com/x.png", "http://127.0.0.1:8000/", "file:///etc/hostname",
                "ftp://example.com/x"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,inline").read() == b"inline"


def test_a_url_in_the_designs_text_is_printed_not_fetched(document, monkeypatch):
    asked = []
    monkeypatch.setattr(pdf, "no_fetching", lambda: _Recorder(asked))
    document["requirements"] = {"functional": "see https://example.com/spec.png"}

    content = render("pdf", document=document, estimate=estimate(document), version=1, slug="x")

    assert "https://example.com/spec.png" in pdf_text(content)
    assert asked == []


class _Recorder(URLFetcher):
    """A fetcher that records what WeasyPrint asks for and refuses it."""

    def __init__(self, asked: list):
        super().__init__()
        self.asked = asked

    def fetch(self, url, headers=None):
        self.asked.append(url)
        raise ValueError("refused")
