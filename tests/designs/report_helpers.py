"""Reading the reports back in tests: the PDF's text and drawings, the HTML's references."""

import io
import re
from html.parser import HTMLParser

import pypdf

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//|^\s*(?:https?|ftp|file):", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
# Attributes a browser fetches from (xmlns only names a namespace).
FETCHED = {"src", "href", "srcset", "poster", "data", "action", "formaction", "background",
           "xlink:href", "manifest", "ping"}


def pdf_reader(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """Every page's text, whitespace (line breaks of wrapped lines) made single spaces."""
    pages = pdf_reader(content).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def pdf_drawings(content: bytes) -> int:
    """XObjects (images, forms: WeasyPrint draws an inline SVG into them) over all pages."""
    count = 0
    for page in pdf_reader(content).pages:
        resources = page.get("/Resources") or {}
        count += len(resources.get("/XObject") or {})
    return count


class _References(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.external: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_style = tag == "style"
        for name, value in attributes.items():
            if value is None:
                continue
            # A link's href is only followed when a reader clicks it: never fetched.
            fetched = name in FETCHED and not (tag == "a" and name == "href")
            if fetched and any(EXTERNAL.match(v) for v in value.split(",")):
                self.external.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self._css(value)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._css(data)

    def _css(self, css: str):
        self.external += [f"url({u})" for u in CSS_URL.findall(css) if EXTERNAL.match(u)]
        if "@import" in css:
            self.external.append("@import")


def html_references(html: str) -> _References:
    """The HTML's tags, and every reference in it that would fetch from elsewhere."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return parser
