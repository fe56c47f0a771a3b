"""The design page's "Try again" for a failed estimate (issue 11): a POST form with CSRF that
queues the estimate again through the service."""

import pytest
from django.test import Client

from designs.models import Estimate
from designs.services.designs import design_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(user, document) -> Estimate:
    """A design whose estimate was stopped by the time limit."""
    design = design_create(owner=user, document=document)
    design.estimates.update(status="failed", result=None,
                            error="stopped after 55 s, the time limit: too long.")
    return design.estimates.get()


def _url(estimate: Estimate) -> str:
    return f"/designs/{estimate.design.slug}/"


def test_the_page_offers_try_again_for_a_failed_estimate(client, user, failed):
    client.force_login(user)

    page = client.get(_url(failed)).content.decode()

    assert "stopped after 55 s, the time limit" in page
    form = page[page.index('data-testid="estimate-again"'):]
    assert 'name="csrfmiddlewaretoken"' in form and 'name="version" value="1"' in form
    assert "Try again</button>" in form


def test_the_page_says_the_estimate_did_not_finish_rather_than_the_design_is_wrong(
    client, user, failed
):
    client.force_login(user)

    page = client.get(_url(failed)).content.decode()

    assert "The estimate did not finish" in page and "cannot be estimated" not in page


def test_a_document_the_engine_refuses_is_named_wrong_and_not_offered_try_again(
    client, user, failed
):
    # A version saved before a stricter engine: trying again cannot help.
    Estimate.objects.filter(pk=failed.pk).update(
        input={"name": "old", "assumptions": {"retention_years": 5000}},
        error="assumptions.retention_years: is too large (at most 1000)")
    client.force_login(user)

    page = client.get(_url(failed)).content.decode()

    assert "This design cannot be estimated" in page and "retention_years" in page
    assert "estimate-again" not in page


def test_the_page_offers_no_try_again_when_the_estimate_is_done(client, user, document):
    design = design_create(owner=user, document=document)
    client.force_login(user)

    assert "estimate-again" not in client.get(f"/designs/{design.slug}/").content.decode()


def test_try_again_queues_the_estimate_again_and_shows_it(client, user, failed):
    client.force_login(user)

    response = client.post(_url(failed), {"version": "1"}, follow=True)

    failed.refresh_from_db()  # queued again; without a broker, computed at once
    assert (failed.status, failed.error, failed.attempts) == ("done", "", 2)
    page = response.content.decode()
    assert response.redirect_chain == [(_url(failed), 302)]
    assert "The estimate was asked for again." in page and "estimate-again" not in page


def test_viewing_the_page_does_not_try_again(client, user, failed):
    client.force_login(user)
    client.get(_url(failed))

    failed.refresh_from_db()
    assert failed.status == "failed"


def test_try_again_needs_the_csrf_token(user, failed):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    assert browser.post(_url(failed), {"version": "1"}).status_code == 403
    failed.refresh_from_db()
    assert failed.status == "failed"


def test_try_again_sends_a_visitor_to_sign_in(client, user, failed):
    failed.design.is_public = True
    failed.design.save()

    response = client.post(_url(failed), {"version": "1"})

    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    failed.refresh_from_db()
    assert failed.status == "failed"


@pytest.mark.parametrize("version", ["7", "", "x", "²", "9" * 5000])
def test_try_again_names_a_bad_version_without_an_error_page(client, user, failed, version):
    client.force_login(user)

    response = client.post(_url(failed), {"version": version}, follow=True)

    assert response.status_code == 200
    assert "Not estimated again:" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == "failed"
