"""The report as PDF: WeasyPrint prints the standalone HTML report.

The HTML asks for nothing, and WeasyPrint is told so twice: the base URL resolves nothing
and the URL fetcher refuses every scheme but data: (inline data), so a stray URL in a
design's text can never make the server fetch a file or a web address.
"""

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from designs.reports.blocks import ReportContent
from designs.reports.html import render_html

# Not a hierarchical URL: relative references resolve to nothing fetchable.
BASE_URL = "about:blank"


def no_fetching() -> URLFetcher:
    """A fetcher for inline data: URLs only; file:, http:, https: and the rest are refused."""
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_pdf(content: ReportContent) -> bytes:
    html = HTML(string=render_html(content), base_url=BASE_URL, url_fetcher=no_fetching())
    return html.write_pdf()
