"""The design's free text as HTML: Markdown (lists, code, tables, headings) rendered, and
anything a hostile text holds (scripts, event handlers, javascript: links) left as text."""

from html.parser import HTMLParser

import pytest

from estimator.present.free_text import markdown_html


class _Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def _links(html: str) -> list[dict]:
    return [attributes for tag, attributes in _elements(html) if tag == "a"]


def test_a_list_becomes_list_items():
    html = markdown_html("- users: name, email\n- videos: title, `streamURL`")

    assert html.startswith("<ul>")
    assert "<li>users: name, email</li>" in html
    assert "<li>videos: title, <code>streamURL</code></li>" in html
    assert "- " not in html and "`" not in html


def test_an_ordered_list_keeps_its_start():
    assert '<ol start="3">' in markdown_html("3. third\n4. fourth")


def test_a_code_block_keeps_its_lines_and_escapes_its_brackets():
    html = markdown_html("```\nGET /api/v1/feed?after=<id>\n  200 OK\n```")

    assert "<pre><code>GET /api/v1/feed?after=&lt;id&gt;\n  200 OK\n</code></pre>" in html


def test_a_table_becomes_a_table_with_its_alignment():
    html = markdown_html("| table | key |\n|---|--:|\n| users | userID |")

    assert [tag for tag, _ in _elements(html)] == [
        "table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    assert '<td style="text-align:right">userID</td>' in html


def test_headings_come_below_the_sections_own_heading():
    html = markdown_html("# Tables\n\n## Users\n\n#### Deep")

    assert "<h4>Tables</h4>" in html and "<h5>Users</h5>" in html and "<h6>Deep</h6>" in html
    assert "<h1" not in html and "<h2" not in html and "<h3" not in html


def test_a_line_break_typed_in_a_paragraph_stays():
    assert markdown_html("Shorten a URL.\nRedirect to it.") == (
        "<p>Shorten a URL.<br>\nRedirect to it.</p>\n")


def test_emphasis_and_paragraphs():
    html = markdown_html("**Highly** available.\n\nLow *latency*.")

    assert html == "<p><strong>Highly</strong> available.</p>\n<p>Low <em>latency</em>.</p>\n"


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "- item <script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><img src=x onerror=alert(1)>',
    "<div onmouseover=alert(1)>hover</div>",
    "<iframe src=https://example.com></iframe>",
    "<style>body{display:none}</style>",
    "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,<script>x</script>)",
    "![pic](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
])
def test_markup_in_the_text_stays_text(text):
    html = markdown_html(text)

    allowed = {"p", "ul", "li", "a"}
    for tag, attributes in _elements(html):
        assert tag in allowed, html
        assert not any(name.startswith("on") for name in attributes), html
        assert not attributes.get("href", "").lower().startswith(("javascript", "data")), html
    assert "<script" not in html and "<img" not in html and "<iframe" not in html


def test_a_script_shows_as_its_text():
    assert markdown_html("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")


def test_links_are_marked_nofollow_and_noopener():
    [attributes] = _links(markdown_html("See [the handbook](https://example.com/a)."))

    assert attributes["href"] == "https://example.com/a"
    assert {"nofollow", "noopener"} <= set(attributes["rel"].split())


def test_an_image_becomes_a_link_to_it_not_an_image():
    html = markdown_html('![the "diagram"](https://example.com/d.png)')

    assert [tag for tag, _ in _elements(html)] == ["p", "a"]
    [attributes] = _links(html)
    assert attributes["href"] == "https://example.com/d.png"
    assert '>the "diagram"</a>' in html


@pytest.mark.parametrize("text", [None, "", "  \n "])
def test_no_text_is_no_html(text):
    assert markdown_html(text) == ""
