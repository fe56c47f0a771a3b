import pytest
from django.urls import reverse

from designs.services import examples_load
from tests.designs.factories import DesignFactory

# A figure of each handbook example that its page must show (handbook-examples.md).
KNOWN_FIGURES = {
    "url-shortener": ["~4K/s", "6.08 TB"],
    "whatsapp": ["~23K/s"],
    "twitter": ["~12K/s"],
    "netflix": ["~12K/s"],
    "uber": ["~12K/s"],
}


def _page(client, slug: str):
    return client.get(reverse("designs:detail", args=[slug]))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", KNOWN_FIGURES)
def test_it_shows_each_examples_estimate_tables(client, slug):
    examples_load()

    response = _page(client, slug)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="estimate-table"' in page and 'id="component-table"' in page
    for label in ("Requests per second (total)", "Storage per day", "Cache memory per day"):
        assert label in page
    for figure in KNOWN_FIGURES[slug]:
        assert figure in page
    assert "Availability" in page and "nines" in page and "Headroom" in page


@pytest.mark.django_db
def test_it_lists_bottlenecks_with_remedies(client, design):
    design.is_public = True
    design.save()

    page = _page(client, design.slug).content.decode()

    # The fixture's cache runs on one instance: a single point of failure.
    assert "cache is a single point of failure" in page
    assert "Distributed cache replicas" in page


def test_it_hides_another_users_private_design(client, design, other_user):
    client.force_login(other_user)

    assert _page(client, design.slug).status_code == 404


def test_it_hides_a_private_design_from_anonymous_visitors(client, design):
    assert _page(client, design.slug).status_code == 404


def test_it_shows_a_private_design_to_its_owner(client, design, user):
    client.force_login(user)

    response = _page(client, design.slug)

    assert response.status_code == 200
    assert "Photo sharing" in response.content.decode()


def test_it_shows_a_public_design_to_everyone(client, design):
    design.is_public = True
    design.save()

    assert _page(client, design.slug).status_code == 200


def test_it_answers_404_for_an_unknown_slug(client, db):
    assert _page(client, "no-such-design").status_code == 404


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"name": "Broken", "workloads": [{"name": "r", "kind": "read", "route": ["dbb"]}]},
            "workloads[0].route[0]: unknown component &#x27;dbb&#x27;",
        ),
        ([1, 2, 3], "must be an object"),
    ],
)
def test_it_shows_why_a_broken_document_cannot_be_estimated(client, user, document, message):
    design = DesignFactory(owner=user, document=document)
    client.force_login(user)

    response = _page(client, design.slug)

    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be estimated" in page and message in page
    assert 'id="estimate-table"' not in page
