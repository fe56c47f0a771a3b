import pytest
from django.urls import reverse

from designs.services.examples import examples_load
from tests.api.helpers import assert_error
from tests.designs.factories import DesignFactory

URL = reverse("api:design-list")
pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [design["name"] for design in response.json()["results"]]


@pytest.fixture
def designs(user, other_user):
    """Mine (private and public), another user's (private and public), and the examples."""
    examples_load()
    DesignFactory(owner=user, name="Mine private")
    DesignFactory(owner=user, name="Mine public", is_public=True)
    DesignFactory(owner=other_user, name="Theirs private")
    DesignFactory(owner=other_user, name="Theirs public", is_public=True)


EXAMPLES = ["Netflix", "Twitter", "Uber", "URL shortener", "WhatsApp"]


def test_it_lists_what_the_caller_may_see_by_name(owner_api, designs):
    names = _names(owner_api.get(URL))

    assert "Theirs private" not in names
    assert {"Mine private", "Mine public", "Theirs public"} <= set(names)
    assert names == sorted(names, key=str)  # the model's order: by name, then id


def test_it_lists_public_designs_and_examples_to_anonymous_callers(api, designs):
    names = _names(api.get(URL))

    assert sorted(names) == sorted(["Mine public", "Theirs public", *EXAMPLES])


def test_it_paginates_twenty_a_page(owner_api, user):
    for number in range(25):
        DesignFactory(owner=user, name=f"Design {number:02}")

    first = owner_api.get(URL).json()
    second = owner_api.get(URL, {"page": 2}).json()

    assert first["count"] == 25 and len(first["results"]) == 20
    assert first["next"].endswith("/api/designs/?page=2") and first["previous"] is None
    assert [d["name"] for d in second["results"]] == [f"Design {n}" for n in range(20, 25)]
    assert second["next"] is None


def test_it_answers_404_for_a_page_past_the_end(owner_api, designs):
    assert_error(owner_api.get(URL, {"page": 99}), 404, "", "Invalid page")


def test_it_searches_by_name_in_any_case(api, designs):
    assert _names(api.get(URL, {"search": "SHORT"})) == ["URL shortener"]


def test_it_filters_by_owner(api, designs, other_user):
    assert _names(api.get(URL, {"owner": other_user.username})) == ["Theirs public"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"example": "true"}, EXAMPLES),
        ({"example": "false"}, ["Mine private", "Mine public", "Theirs public"]),
        ({"public": "false"}, ["Mine private"]),
        ({"public": "true", "example": "false"}, ["Mine public", "Theirs public"]),
    ],
)
def test_it_filters_examples_and_public_designs(owner_api, designs, query, expected):
    assert sorted(_names(owner_api.get(URL, query))) == sorted(expected)


@pytest.mark.parametrize("name", ["example", "public"])
def test_it_names_a_malformed_filter(api, name):
    assert_error(api.get(URL, {name: "maybe"}), 400, name, "valid boolean")


def test_it_reads_a_page_in_a_fixed_number_of_queries(owner_api, designs, user,
                                                       django_assert_max_num_queries):
    for number in range(10):
        DesignFactory(owner=user, name=f"More {number}")

    with django_assert_max_num_queries(4):  # count, designs with owners, estimates
        assert len(_names(owner_api.get(URL))) == 18
