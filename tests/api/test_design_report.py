"""GET /api/designs/{id}/report.{format} and GET /api/reports/{id}/: the interview report as a
file, kept per design version, the PDF built by a worker."""

import json

import pytest
from django.urls import reverse

from designs import reports, tasks
from designs.models import Report
from designs.services.designs import design_create, design_update
from designs.services.examples import examples_load
from designs.services.reports import report_run
from tests.api.helpers import assert_error
from tests.designs.factories import DesignFactory
from tests.designs.report_helpers import html_references, pdf_text
from tests.engine.test_handbook_examples import SLUGS

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}


# Every example in every format, but a PDF of one only: a PDF takes seconds to print, and
# test_report_formats.py reads the PDF of every example.
DOWNLOADS = [(slug, fmt) for slug in SLUGS for fmt in CONTENT_TYPES
             if fmt != "pdf" or slug == SLUGS[0]]


def _url(design, fmt: str) -> str:
    return reverse("api:design-report", args=[design.pk, fmt])


@pytest.fixture
def examples():
    return {design.slug: design for design in examples_load()}


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The formats rendered, in order: a report kept is never rendered again."""
    calls = []
    real = reports.render

    def counting(fmt, **kwargs):
        calls.append(fmt)
        return real(fmt, **kwargs)

    monkeypatch.setattr(reports, "render", counting)
    return calls


@pytest.mark.parametrize(("slug", "fmt"), DOWNLOADS)
def test_anyone_downloads_each_example_in_each_format(api, examples, slug, fmt):
    design = examples[slug]

    response = api.get(_url(design, fmt))

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-v1.{fmt}"'
    body = response.content
    if fmt == "pdf":
        assert body.startswith(b"%PDF-") and "1. Requirements" in pdf_text(body)
    elif fmt == "html":
        assert b"<svg" in body and html_references(body.decode()).external == []
    elif fmt == "md":
        assert body.startswith(f"# {design.name}".encode())
        assert b"](data:image/svg+xml;base64," in body
    else:
        assert json.loads(body)["design"] == design.document and json.loads(body)["version"] == 1


def test_a_report_is_kept_and_sent_again_without_rebuilding(owner_api, design, renders):
    first = owner_api.get(_url(design, "md"))
    second = owner_api.get(_url(design, "md"))

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert renders == ["md"]
    report = Report.objects.get()
    assert (report.design_version, report.format, report.status) == (1, "md", "done")
    assert bytes(report.content) == first.content


def test_a_new_version_gets_a_new_report(owner_api, user, document, renders):
    design = design_create(owner=user, document=document)
    owner_api.get(_url(design, "html"))
    old = Report.objects.get()

    design_update(design=design, document={**document, "name": "Photo sharing 2"})
    response = owner_api.get(_url(design, "html"))

    assert renders == ["html", "html"]
    assert response["Content-Disposition"] == f'attachment; filename="{design.slug}-v2.html"'
    assert b"Photo sharing 2" in response.content
    assert list(Report.objects.values_list("design_version", flat=True)) == [2]
    assert not Report.objects.filter(pk=old.pk).exists()  # only the current version is kept


def test_each_format_is_kept_on_its_own(owner_api, design):
    for fmt in ("md", "json", "md"):
        owner_api.get(_url(design, fmt))

    assert sorted(Report.objects.values_list("format", flat=True)) == ["json", "md"]


def test_it_answers_404_for_another_users_private_design(other_api, api, design):
    for client in (other_api, api):
        for fmt in CONTENT_TYPES:
            assert_error(client.get(_url(design, fmt)), 404, "")
    assert not Report.objects.exists()


def test_it_answers_a_client_that_accepts_only_pdf_with_a_json_404(other_api, design):
    response = other_api.get(_url(design, "pdf"), HTTP_ACCEPT="application/pdf")

    assert_error(response, 404, "")


def test_anyone_may_read_a_public_designs_report(api, public_design):
    assert api.get(_url(public_design, "md")).status_code == 200


def test_an_unknown_format_is_not_found(owner_api, design):
    response = owner_api.get(f"/api/designs/{design.pk}/report.docx")

    assert_error(response, 404, "")


def test_a_design_that_cannot_be_estimated_answers_400_naming_the_field(owner_api, user):
    broken = DesignFactory(owner=user, document={"name": "Broken", "components": [{"key": "x"}]})

    response = owner_api.get(_url(broken, "md"))

    assert_error(response, 400, "document.components[0].kind", "required")
    assert not Report.objects.exists()


def test_the_pdf_is_queued_then_polled_then_downloaded(owner_api, design, no_worker):
    response = owner_api.get(_url(design, "pdf"))

    assert response.status_code == 202, response.content
    body = response.json()
    report = Report.objects.get()
    assert body["id"] == report.pk and body["status"] == "queued" and body["download"] is None
    assert response["Location"] == body["url"] == f"http://testserver/api/reports/{report.pk}/"
    assert owner_api.get(_url(design, "pdf")).status_code == 202  # still queued: not twice
    assert owner_api.get(body["url"]).json()["status"] == "queued"

    tasks.render_report(report.pk)  # what the worker does

    status = owner_api.get(body["url"]).json()
    assert status["status"] == "done" and status["error"] == "" and status["stale"] is False
    assert status["download"] == f"http://testserver{_url(design, 'pdf')}"
    assert status["finished_at"] >= status["started_at"]
    pdf = owner_api.get(status["download"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Photo sharing" in pdf_text(pdf.content)


def test_a_report_is_built_once_even_if_two_workers_get_it(design, no_worker):
    from designs.services.reports import report_request

    report = report_request(design=design, fmt="pdf")

    assert report_run(report_id=report.pk).status == "done"
    assert report_run(report_id=report.pk) is None


def test_a_failed_pdf_is_queued_again_when_asked_again(owner_api, design, no_worker):
    owner_api.get(_url(design, "pdf"))
    Report.objects.update(status=Report.Status.FAILED, error="boom")

    response = owner_api.get(_url(design, "pdf"))

    assert response.status_code == 202 and response.json()["status"] == "queued"


def test_a_pdf_that_cannot_be_built_answers_400_with_why(owner_api, user):
    broken = DesignFactory(owner=user, document={"name": "Broken", "components": [{"key": "x"}]})

    response = owner_api.get(_url(broken, "pdf"))  # built in-process: fails at once

    assert_error(response, 400, "document", "components[0].kind")
    assert Report.objects.get().status == "failed"


def test_a_reports_status_is_hidden_with_its_design(owner_api, other_api, design, no_worker):
    url = owner_api.get(_url(design, "pdf")).json()["url"]

    assert owner_api.get(url).status_code == 200
    assert_error(other_api.get(url), 404, "")


def test_a_report_of_an_older_version_is_stale(owner_api, user, document, no_worker):
    design = design_create(owner=user, document=document)
    url = owner_api.get(_url(design, "pdf")).json()["url"]
    report = Report.objects.get()
    report_run(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(design_version=0)  # as if saved since

    body = owner_api.get(url).json()

    assert body["stale"] is True and body["download"] is None
