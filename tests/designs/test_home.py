import pytest
from django.urls import reverse

from designs.services import examples_load
from tests.designs.factories import DesignFactory


@pytest.fixture
def examples(db):
    return examples_load()


def test_it_lists_the_five_examples_with_headline_figures(client, examples):
    response = client.get(reverse("designs:home"))

    assert response.status_code == 200
    page = response.content.decode()
    for design in examples:
        assert reverse("designs:detail", args=[design.slug]) in page
        assert design.name in page
    assert "~4K/s" in page  # the URL shortener's requests per second
    assert "nines" in page


def test_it_says_when_there_are_no_saved_designs(client, examples):
    response = client.get(reverse("designs:home"))

    assert "No saved designs yet" in response.content.decode()


def test_it_lists_public_and_own_designs_but_not_others_private_ones(
    client, examples, user, other_user
):
    DesignFactory(owner=other_user, name="Someone's public", is_public=True)
    DesignFactory(owner=other_user, name="Someone's secret")
    DesignFactory(owner=user, name="My draft")
    client.force_login(user)

    page = client.get(reverse("designs:home")).content.decode()

    assert "Someone&#x27;s public" in page and "My draft" in page
    assert "secret" not in page


def test_it_escapes_names_and_descriptions(client, db):
    DesignFactory(name="<script>alert(1)</script>", description="<b>bold</b>", is_public=True)

    page = client.get(reverse("designs:home")).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;bold" in page
