"""A design's free text (requirements, data model, API design) as HTML: the texts are
Markdown (the handbook examples write lists, `code` and tables), read as CommonMark with
tables and typed line breaks kept, by markdown-it-py and then cleaned by nh3.

Raw HTML in the text is never passed through: markdown-it shows it as text, and nh3 keeps
only the elements and attributes listed here, so a <script> or an onerror typed in a
requirement stays text even if a parser rule changed. Links get rel="nofollow noopener";
images become links to them (the pages' Content-Security-Policy loads no image from
elsewhere, and the PDF fetches nothing). The Markdown report keeps the text as typed.
"""

import nh3
from markdown_it import MarkdownIt

# The free text sits under a page's h3 ("Functional"): its own headings come below it.
HEADING_SHIFT = 3
TAGS = {"p", "br", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "s", "code", "pre",
        "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td", "a"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"


def _image_as_link(renderer, tokens, index, options, env) -> str:
    """An image drawn as a link to it, its alt text the link's text."""
    token = tokens[index]
    alt = token.content or token.attrGet("src") or ""
    return f'<a href="{_escape(token.attrGet("src") or "")}">{_escape(alt)}</a>'


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


# breaks: a line break typed inside a paragraph stays one (the pages showed the texts with
# their line breaks before they were read as Markdown).
_PARSER = MarkdownIt("commonmark", {"html": False, "breaks": True})
_PARSER.enable(["table", "strikethrough"])
_PARSER.add_render_rule("image", _image_as_link)


def markdown_html(text: str | None) -> str:
    """`text` (Markdown) as sanitised HTML; "" for no text."""
    if not text or not text.strip():
        return ""
    tokens = _PARSER.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + HEADING_SHIFT)}"
    html = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=LINK_REL, filter_style_properties={"text-align"})
