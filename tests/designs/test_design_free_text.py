"""The design's free-text sections (requirements, data model, API design): edited in the
editor's Design tab, shown on the design page."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from designs.services.designs import design_create

pytestmark = pytest.mark.django_db

FREE_TEXT = {
    "requirements": {"functional": "Shorten a URL.\nRedirect to it.",
                     "non_functional": "Highly available."},
    "data_model": "url(id, long_url, created_at)",
    "api_design": "POST /api/v1/data/shorten <script>",
}


def _detail(client, design) -> str:
    return client.get(reverse("designs:detail", args=[design.slug])).content.decode()


def test_the_design_page_shows_the_requirements_that_are_set(client, user, document):
    design = design_create(owner=user, document={**document, **FREE_TEXT})
    client.force_login(user)

    page = _detail(client, design)

    section = page.split('<section id="requirements"')[1].split("</section>")[0]
    assert '<div class="free-text" data-testid="requirements-functional">' \
           "<p>Shorten a URL.<br>\nRedirect to it.</p>\n</div>" in section
    assert "Highly available." in section and "url(id, long_url, created_at)" in section
    assert "POST /api/v1/data/shorten &lt;script&gt;" in section  # escaped
    assert "<h3>Extended</h3>" not in section  # not set


def test_the_design_page_has_no_requirements_section_without_them(client, design, user):
    client.force_login(user)

    assert 'id="requirements"' not in _detail(client, design)


def test_the_editor_embeds_the_free_text_for_its_design_tab(client, user, document):
    design = design_create(owner=user, document={**document, **FREE_TEXT})
    client.force_login(user)

    page = client.get(reverse("designs:edit", args=[design.slug])).content.decode()

    embedded = re.search(r'<script id="editor-document" type="application/json">(.*?)</script>',
                         page, re.S).group(1)
    assert "Shorten a URL." in embedded and "url(id, long_url, created_at)" in embedded
    assert "designs/editor/main.js" in page


def test_the_editors_design_tab_declares_the_new_fields():
    script = open(finders.find("designs/editor/fields.js"), encoding="utf-8").read()

    fields = script.split("export const DESIGN_FIELDS = [")[1].split("];")[0]
    for name, path in (("requirements-functional", '["requirements", "functional"]'),
                       ("requirements-non_functional", '["requirements", "non_functional"]'),
                       ("requirements-extended", '["requirements", "extended"]')):
        assert f'name: "{name}", path: {path}' in fields
    assert 'name: "data_model"' in fields and 'name: "api_design"' in fields
