"""POST /api/import/, GET /api/designs/{id}/export.{format}, POST /api/export/{format}/
(issue 16): a file read into a design (unsaved, or saved for a signed-in user), a design as
a file in every export format; bad files a 400 naming the line or element, nothing saved."""

import json

import pytest
from django.urls import reverse

from designs.exports import export_format_names
from designs.models import Design
from designs.services.examples import examples_load
from estimator import formats
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db
IMPORT = reverse("api:import")


@pytest.fixture
def examples():
    return {design.slug: design for design in examples_load()}


def test_an_import_answers_the_design_and_its_notes_without_saving(api, document):
    response = api.post(IMPORT, {"content": json.dumps(document), "filename": "x.json"},
                        format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["format"] == "json" and body["document"] == document and body["notes"] == []
    assert not Design.objects.exists()


def test_saving_an_import_needs_signing_in_and_then_saves_it(api, owner_api, user, document):
    response = api.post(IMPORT, {"content": json.dumps(document), "save": True}, format="json")
    assert response.status_code == 401 and not Design.objects.exists()
    response = owner_api.post(IMPORT, {"content": json.dumps(document), "save": True,
                                       "name": "Imported"}, format="json")
    assert response.status_code == 201
    design = Design.objects.get()
    assert design.owner == user and design.name == "Imported" and not design.is_public
    assert response["Location"].endswith(reverse("api:design-detail", args=[design.pk]))
    assert response.json()["import_notes"] == []


def test_a_file_may_come_as_multipart(owner_api, document):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("design.json", json.dumps(document).encode(), "application/json")
    response = owner_api.post(IMPORT, {"file": upload}, format="multipart")
    assert response.status_code == 200 and response.json()["format"] == "json"


@pytest.mark.parametrize(("body", "field", "words"), [
    ({}, "content", "send the file's text"),
    ({"content": "hello, this is not any format"}, "format", "could not be recognised"),
    ({"content": "{}", "format": "no-such"}, "format", "not a valid choice"),
    ({"content": '{"name": "x", "components": [{"key": "a"}]', "format": "json"}, "content", ""),
    ({"content": "x" * 2_000_001}, "content", "2000000"),
])
def test_bad_files_are_a_400_naming_the_field_and_nothing_is_saved(owner_api, body, field,
                                                                   words):
    response = owner_api.post(IMPORT, {**body, "save": True}, format="json")
    assert_error(response, 400, field)
    assert words.replace(",", "") in json.dumps(response.json()).replace(",", "")
    assert not Design.objects.exists()


@pytest.mark.parametrize("format", export_format_names())
def test_every_example_exports_in_every_format(api, examples, format):
    design = examples["url-shortener"]
    response = api.get(reverse("api:design-export", args=[design.pk, format]))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"] == (
        f'attachment; filename="url-shortener-v{design.version}.'
        f'{formats.EXPORTERS[format].extension if format in formats.EXPORTERS else format}"')
    assert len(response.content) > 100


def test_an_export_of_an_unknown_format_or_a_hidden_design_is_a_404(api, other_api, design):
    assert api.get(f"/api/designs/{design.pk}/export.docx").status_code == 404
    assert other_api.get(reverse("api:design-export", args=[design.pk, "json"])).status_code == 404


def test_the_json_export_is_the_document(api, examples):
    design = examples["twitter"]
    response = api.get(reverse("api:design-export", args=[design.pk, "json"]))
    assert json.loads(response.content) == design.document


def test_an_unsaved_document_exports_and_a_bad_one_is_a_400(api, document):
    response = api.post(reverse("api:export", args=["json"]), document, format="json")
    assert response.status_code == 200 and json.loads(response.content) == document
    response = api.post(reverse("api:export", args=["json"]), {"name": "x", "components": [
        {"key": "a"}]}, format="json")
    assert_error(response, 400, "components[0].kind")
