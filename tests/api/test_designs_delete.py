import pytest

from designs.models import Design, Estimate
from designs.services.designs import design_create
from designs.services.examples import examples_load
from tests.api.helpers import assert_error, design_url

pytestmark = pytest.mark.django_db


def test_it_deletes_the_owners_design_and_its_estimates(owner_api, user, document):
    design = design_create(owner=user, document=document)

    response = owner_api.delete(design_url(design))

    assert response.status_code == 204 and response.content == b""
    assert not Design.objects.exists() and not Estimate.objects.exists()


def test_it_answers_404_for_another_users_private_design(other_api, design):
    assert_error(other_api.delete(design_url(design)), 404, "")
    assert Design.objects.filter(pk=design.pk).exists()


def test_it_answers_403_to_a_non_owner_of_a_public_design(other_api, public_design):
    assert_error(other_api.delete(design_url(public_design)), 403, "", "owner")
    assert Design.objects.filter(pk=public_design.pk).exists()


def test_it_answers_403_for_an_example(owner_api):
    example = examples_load()[0]

    assert_error(owner_api.delete(design_url(example)), 403, "")
    assert Design.objects.filter(pk=example.pk).exists()


def test_it_answers_401_to_anonymous_callers(api, public_design):
    assert_error(api.delete(design_url(public_design)), 401, "")
    assert Design.objects.filter(pk=public_design.pk).exists()
