"""Import and export on the pages (issue 16): /designs/import/ opens the editor with the
design read and its notes (nothing saved), a bad file is a form error under its field; the
design page and the editor offer every export format; /designs/<slug>/export/<format>/
downloads."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from designs.exports import export_format_names
from designs.models import Design
from designs.services.examples import examples_load

pytestmark = pytest.mark.django_db
IMPORT = reverse("designs:import")


def test_the_import_page_lists_the_formats(client):
    page = client.get(IMPORT).content.decode()
    assert 'data-testid="import-form"' in page and "docker-compose.yaml" in page


def test_a_file_opens_in_the_editor_unsaved(client, document):
    upload = SimpleUploadedFile("design.json", json.dumps(document).encode())
    response = client.post(IMPORT, {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="editor"' in page
    assert 'data-testid="import-notes"' in page and "Design document (JSON)" in page
    assert document["name"] in page
    assert not Design.objects.exists()


def test_pasted_text_is_read_too(client, document):
    response = client.post(IMPORT, {"content": json.dumps(document), "format": "json"})
    assert 'data-testid="import-notes"' in response.content.decode()


@pytest.mark.parametrize(("data", "field"), [
    ({}, None),
    ({"content": "hello, nothing to read"}, "format"),
    ({"content": "{not json", "format": "json"}, "content"),
])
def test_a_bad_file_is_a_form_error_and_nothing_is_saved(client, data, field):
    response = client.post(IMPORT, data)
    page = response.content.decode()
    assert response.status_code == 400
    if field:
        assert f'data-testid="error-{field}"' in page
    else:
        assert "Choose a file, or paste its text." in page
    assert not Design.objects.exists()


def test_an_oversize_upload_is_refused_before_reading(client):
    upload = SimpleUploadedFile("big.yaml", b"x" * 2_000_001)
    response = client.post(IMPORT, {"file": upload})
    assert response.status_code == 400 and 'data-testid="error-file"' in response.content.decode()


def test_the_design_page_and_the_editor_offer_every_export(client, user, design):
    examples_load()
    page = client.get(reverse("designs:detail", args=["url-shortener"])).content.decode()
    for name in export_format_names():
        assert reverse("designs:export", args=["url-shortener", name]) in page
    assert f'href="{IMPORT}"' in page
    client.force_login(user)
    editor = client.get(reverse("designs:edit", args=[design.slug])).content.decode()
    for name in export_format_names():
        assert f'data-export-format="{name}"' in editor


def test_an_export_downloads_and_an_unknown_format_is_a_404(client):
    examples_load()
    response = client.get(reverse("designs:export", args=["whatsapp", "json"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="whatsapp-v')
    assert client.get(reverse("designs:export", args=["whatsapp", "docx"])).status_code == 404


def test_no_design_takes_the_import_address(user):
    from designs.services.designs import design_create

    assert design_create(owner=user, document={"name": "Import"}).slug != "import"
