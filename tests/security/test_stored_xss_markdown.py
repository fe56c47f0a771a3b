"""Stored XSS through the free text, which is Markdown: markup typed in the requirements,
data model or API design is text on the design page, the practice page and the HTML
report, and no link it makes runs script."""

import re

import pytest
from django.test import Client

from designs.services.designs import design_create
from tests.security.test_stored_xss import RAW, SCRIPT

HOSTILE_MARKDOWN = (
    f"- a requirement {SCRIPT}\n"
    '- <img src=x onerror=alert(1)>\n'
    "- [click](javascript:alert(1)) and ![pic](javascript:alert(2))\n\n"
    '<a href="javascript:alert(3)" onclick="alert(4)">raw link</a>\n\n'
    f"| table | {SCRIPT} |\n|---|---|\n| <b onmouseover=alert(5)>x</b> | y |\n\n"
    "```\n</code></pre><script>alert(6)</script>\n```"
)


@pytest.fixture
def hostile_design(user, document):
    return design_create(owner=user, document={
        **document,
        "requirements": {"functional": HOSTILE_MARKDOWN, "non_functional": HOSTILE_MARKDOWN},
        "data_model": HOSTILE_MARKDOWN, "api_design": HOSTILE_MARKDOWN})


@pytest.fixture
def owner(user):
    client = Client()
    client.force_login(user)
    return client


def _assert_inert(html: str, where: str) -> None:
    for raw in (*RAW, "<b onmouseover"):
        assert raw not in html, f"{where}: {raw!r}"
    # An event handler inside a tag (as text, "&lt;a onclick=" is harmless).
    assert re.findall(r"<[a-z][^<>]*\son[a-z]+\s*=", html, re.I) == [], where
    hrefs = re.findall(r'<a\b[^<>]*\shref="([^"]*)"', html)
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript", "data"))], where


@pytest.mark.parametrize("path", ["/designs/{slug}/", "/designs/{slug}/practice/",
                                  "/api/designs/{pk}/report.html"])
def test_markup_in_the_free_text_stays_text(owner, hostile_design, path):
    url = path.format(slug=hostile_design.slug, pk=hostile_design.pk)
    response = owner.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    html = body.decode()

    _assert_inert(html, url)
    assert "<li>a requirement &lt;script&gt;alert(1)&lt;/script&gt;</li>" in html, url
    assert "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(6)" in html, url
