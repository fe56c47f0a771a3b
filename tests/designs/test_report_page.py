"""The design page's Report control and the PDF report's page (/designs/<slug>/report/pdf/)."""

import pytest
from django.urls import reverse

from designs.models import Report
from designs.services.reports import report_run

pytestmark = pytest.mark.django_db


def _pdf_page(client, design):
    return client.get(reverse("designs:report-pdf", args=[design.slug]))


def test_the_design_page_links_every_format(client, user, design):
    client.force_login(user)

    page = client.get(reverse("designs:detail", args=[design.slug])).content.decode()

    for fmt in ("md", "html", "json"):
        assert f'href="/api/designs/{design.pk}/report.{fmt}" download' in page
    assert f'href="/designs/{design.slug}/report/pdf/"' in page


def test_the_pdf_page_shows_progress_while_a_worker_builds_it(client, user, design, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client.force_login(user)

    page = _pdf_page(client, design).content.decode()

    report = Report.objects.get()
    assert report.status == "queued"
    assert "Building the PDF…" in page
    assert f'data-status-url="/api/reports/{report.pk}/"' in page
    assert 'id="report-ready" hidden' in page
    assert 'src="/static/designs/report_pdf.js"' in page


def test_the_pdf_page_offers_the_download_once_done(client, user, design, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client.force_login(user)
    _pdf_page(client, design)
    report_run(report_id=Report.objects.get().pk)

    page = _pdf_page(client, design).content.decode()

    assert 'id="report-building" role="status" aria-live="polite" hidden' in page
    assert f'href="/api/designs/{design.pk}/report.pdf" download' in page
    assert "The PDF of version 1 is ready." in page


def test_the_pdf_page_is_built_at_once_without_a_worker(client, user, design):
    client.force_login(user)

    page = _pdf_page(client, design).content.decode()

    assert Report.objects.get().status == "done"
    assert 'data-status="done"' in page


def test_the_pdf_page_hides_another_users_private_design(client, other_user, design):
    client.force_login(other_user)

    assert _pdf_page(client, design).status_code == 404
    assert not Report.objects.exists()
