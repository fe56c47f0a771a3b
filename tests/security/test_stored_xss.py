"""Stored XSS: markup in a design's name, description, component and workload names comes
out escaped on every page, in the diagram, the charts' data, the reports and the API."""

import copy
import json
import re

import pytest
from django.test import Client

from designs.services.designs import design_create

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
# What must never reach a page unescaped: an element an attacker opened.
RAW = ("<script>alert", "<img src=x", "onerror=alert(1)>")


def hostile(document: dict, name: str) -> dict:
    document = copy.deepcopy(document)
    document["name"] = f"{name} {SCRIPT}{ATTRIBUTE}"
    document["description"] = f"{SCRIPT}\n{ATTRIBUTE}"
    for component in document["components"]:
        component["name"] = f"{component['key']} {ATTRIBUTE}{SCRIPT}"
    for workload in document["workloads"]:
        workload["name"] = f"{workload['name']} {SCRIPT}{ATTRIBUTE}"
    return document


@pytest.fixture
def designs(user, document):
    return [design_create(owner=user, document=hostile(document, name))
            for name in ("First", "Second")]


@pytest.fixture
def owner(user):
    client = Client()
    client.force_login(user)
    return client


def _assert_escaped(text: str, where: str) -> None:
    for raw in RAW:
        assert raw not in text, f"{where}: unescaped {raw!r}"


def test_pages_escape_the_markup(owner, designs):
    first, second = designs
    pages = ["/", f"/designs/{first.slug}/", f"/designs/{first.slug}/edit/",
             f"/designs/{first.slug}/practice/", f"/compare/?designs={first.slug},{second.slug}"]
    for path in pages:
        response = owner.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        _assert_escaped(page, path)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "\\u003Cscript" in page, path


def test_the_design_page_shows_the_names_as_text(owner, designs):
    page = owner.get(f"/designs/{designs[0].slug}/").content.decode()
    assert "First &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in page
    assert "<svg" in page  # the diagram, drawn inline
    # The charts' figures travel in json_script blocks, where < is \u003C.
    assert "\\u003Cscript\\u003Ealert(1)" in page


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_reports_escape_the_markup(owner, designs, fmt):
    response = owner.get(f"/api/designs/{designs[0].pk}/report.{fmt}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    if fmt == "md":
        # Markdown escapes a bracket with a backslash: text, not a tag; inside a code span
        # (a derivation's working) CommonMark shows every character as it is, so the spans
        # are set aside, each opened and closed by one run of backticks of equal length.
        prose = re.sub(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", "", text)
        assert re.findall(r"(?<!\\)<(?:script|img)", prose) == []
        assert "\\<script\\>alert(1)" in text
    else:
        _assert_escaped(text, "report.html")
        assert "&lt;script&gt;alert(1)" in text


def test_the_api_returns_the_names_as_json_data(owner, designs):
    response = owner.get(f"/api/designs/{designs[0].pk}/")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    document = response.json()["document"]
    assert document["name"] == f"First {SCRIPT}{ATTRIBUTE}"
    assert {w["name"] for w in document["workloads"]} == {
        f"upload {SCRIPT}{ATTRIBUTE}", f"feed {SCRIPT}{ATTRIBUTE}"}


def test_the_api_docs_page_is_not_fed_by_design_data(client, designs):
    # The Swagger UI page renders the schema only; no design's name reaches it.
    page = client.get("/api/docs/").content.decode()
    _assert_escaped(page, "/api/docs/")
    assert json.dumps(SCRIPT)[1:-1] not in page
