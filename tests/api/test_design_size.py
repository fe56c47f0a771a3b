"""POST /api/designs/{id}/size/ and /size/apply/: the proposal, and applying it."""

import pytest
from django.urls import reverse

from designs.models import Design
from designs.services.designs import design_create, design_update
from tests.api.helpers import assert_error
from tests.engine.test_sizing import _one_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def sized(user):
    """One service at 10,000 requests a second on one instance, a budget of $100,000: the
    proposal is 15 instances."""
    return design_create(owner=user, document=_one_service(monthly_budget=100_000))


def _size(design) -> str:
    return reverse("api:design-size", args=[design.pk])


def _apply(design) -> str:
    return reverse("api:design-size-apply", args=[design.pk])


def test_it_proposes_the_instances_for_the_current_version(owner_api, sized):
    response = owner_api.post(_size(sized), format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 1 and body["status"] == "met"
    assert body["changes"] == [{
        "key": "api", "name": "api", "instances_from": 1, "instances_to": 15,
        "cost_month_from": 70.0, "cost_month_to": 1050.0, "cost_change_month": 980.0,
        "cost_change_text": "+$980/month"}]
    assert body["after"]["cost_month_text"] == "$1,050/month"
    assert body["document"]["components"][0]["instances"] == 15
    assert Design.objects.get(pk=sized.pk).version == 1  # saved nowhere


def test_anyone_who_may_see_it_may_ask_for_a_proposal(api, user):
    public = design_create(owner=user, document=_one_service(monthly_budget=100_000),
                           is_public=True)
    assert api.post(_size(public), format="json").status_code == 200


def test_a_private_design_of_another_user_is_404(other_api, sized):
    assert other_api.post(_size(sized), format="json").status_code == 404
    assert other_api.post(_apply(sized), {"version": 1}, format="json").status_code == 404


def test_a_design_without_slos_answers_no_slos(owner_api, user):
    document = _one_service()
    del document["slos"]
    design = design_create(owner=user, document=document)
    body = owner_api.post(_size(design), format="json").json()
    assert body["status"] == "no slos" and body["changes"] == []


def test_applying_saves_the_proposal_as_a_new_version(owner_api, sized):
    response = owner_api.post(_apply(sized), {"version": 1}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2 and response["ETag"] == '"2"'
    saved = Design.objects.get(pk=sized.pk)
    assert saved.version == 2 and saved.document["components"][0]["instances"] == 15
    # The new version's estimate is queued (run at once here: Celery is eager in tests).
    assert saved.estimates.filter(design_version=2).exists()


def test_a_stale_version_is_409_and_changes_nothing(owner_api, sized):
    design_update(design=sized, document={**sized.document, "name": "Renamed"})
    response = owner_api.post(_apply(sized), {"version": 1}, format="json")
    assert_error(response, 409, "version", "is at version 2")
    assert Design.objects.get(pk=sized.pk).document["components"][0]["instances"] == 1


def test_applying_without_slos_is_400_naming_slos(owner_api, user):
    document = _one_service()
    del document["slos"]
    design = design_create(owner=user, document=document)
    response = owner_api.post(_apply(design), {"version": 1}, format="json")
    assert_error(response, 400, "slos", "states no SLOs")
    assert Design.objects.get(pk=design.pk).version == 1


def test_applying_a_proposal_that_changes_nothing_is_400(owner_api, user):
    design = design_create(owner=user, document=_one_service(15, monthly_budget=100_000))
    response = owner_api.post(_apply(design), {"version": 1}, format="json")
    assert_error(response, 400, "slos", "nothing to apply")


def test_the_version_is_required_and_named(owner_api, sized):
    assert_error(owner_api.post(_apply(sized), {}, format="json"), 400, "version")
    assert_error(owner_api.post(_apply(sized), {"version": "x"}, format="json"), 400,
                 "version")


def test_only_the_owner_may_apply(other_api, api, user):
    public = design_create(owner=user, document=_one_service(monthly_budget=100_000),
                           is_public=True)
    response = other_api.post(_apply(public), {"version": 1}, format="json")
    assert_error(response, 403, "", "only the design's owner")
    assert api.post(_apply(public), {"version": 1}, format="json").status_code == 401
    assert Design.objects.get(pk=public.pk).version == 1


def test_the_schema_describes_both_endpoints(api):
    schema = api.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()
    size = schema["paths"]["/api/designs/{id}/size/"]["post"]
    apply = schema["paths"]["/api/designs/{id}/size/apply/"]["post"]
    assert "200" in size["responses"] and "examples" in size["responses"]["200"]["content"][
        "application/json"]
    assert {"200", "400", "403", "404", "409"} <= set(apply["responses"])
