"""The compare page (/compare/?designs=slug1,slug2,...): picker, table, charts, diagrams."""

import json

import pytest
from django.urls import reverse

from designs.services.examples import examples_load
from tests.designs.factories import DesignFactory
from tests.samples import sample_document

URL = "/compare/"


def _document(name: str, rate: float) -> dict:
    document = sample_document("minimal")
    document["name"] = name
    document["workloads"][0]["rate"] = rate
    return document


@pytest.fixture
def pair(user):
    """Two of the user's designs: 100 and 112 reads a second."""
    return [
        DesignFactory(owner=user, slug="small", document=_document("Small", 100)),
        DesignFactory(owner=user, slug="bigger", document=_document("Bigger", 112)),
    ]


def _get(client, query: str = ""):
    return client.get(f"{URL}?{query}" if query else URL)


def _cell(page: str, testid: str) -> str:
    return page.split(f'data-testid="{testid}">', 1)[1].split("<", 1)[0]


def test_the_url(db):
    assert reverse("designs:compare") == URL


def test_it_shows_every_headline_figure_with_the_difference_to_the_first(client, user, pair):
    client.force_login(user)

    response = _get(client, "designs=small,bigger")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="compare-table"' in page
    for label in ("Requests per second", "Storage over the retention period", "Availability",
                  "Nines", "Headroom (traffic growth to saturation)", "Outgoing bandwidth"):
        assert f"<th scope=\"row\">{label}</th>" in page
    assert _cell(page, "compare-value-traffic.total_rps-0") == "100/s"
    assert _cell(page, "compare-value-traffic.total_rps-1") == "112/s"
    assert _cell(page, "compare-diff-traffic.total_rps-1") == "+12% / +12/s"
    assert 'class="diff diff-up" data-testid="compare-diff-traffic.total_rps-1"' in page
    assert 'class="diff diff-same" data-testid="compare-diff-storage.bytes_total-1"' in page


def test_the_first_design_is_the_base(client, user, pair):
    client.force_login(user)

    page = _get(client, "designs=bigger,small").content.decode()

    assert _cell(page, "compare-diff-traffic.total_rps-1") == "-10.7% / -12/s"
    assert 'class="diff diff-down"' in page


def test_checkbox_queries_work_too(client, user, pair):
    client.force_login(user)

    page = _get(client, "designs=small&designs=bigger").content.decode()

    assert _cell(page, "compare-diff-traffic.total_rps-1") == "+12% / +12/s"


def test_it_hands_the_grouped_bars_to_plotly(client, user, pair):
    client.force_login(user)

    page = _get(client, "designs=small,bigger").content.decode()

    charts = json.loads(page.split('id="compare-charts" type="application/json">', 1)[1]
                        .split("</script>", 1)[0])
    assert set(charts) == {"rps", "storage", "nines", "headroom"}
    assert "/static/vendor/plotly/plotly.min.js" in page
    assert "/static/designs/compare.js" in page
    for key in charts:
        assert f'data-chart="{key}"' in page


def test_it_draws_a_small_diagram_of_each(client, user, pair):
    client.force_login(user)

    page = _get(client, "designs=small,bigger").content.decode()

    assert page.count("<svg") >= 2


def test_the_picker_lists_what_the_user_may_see(client, user, other_user, pair):
    examples_load()
    DesignFactory(owner=other_user, slug="theirs-public", name="Theirs", is_public=True)
    DesignFactory(owner=other_user, slug="theirs-private", name="Hidden")
    client.force_login(user)

    page = _get(client).content.decode()

    for slug in ("small", "bigger", "theirs-public", "whatsapp", "url-shortener"):
        assert f'data-testid="compare-pick-{slug}"' in page
    assert "theirs-private" not in page and "Hidden" not in page
    assert 'data-testid="compare-submit"' in page
    assert 'for="pick-small"' in page and 'for="compare-search"' in page
    assert "Nothing compared yet" in page


def test_the_picker_search_narrows_by_name_and_keeps_the_ticks(client, user, pair):
    examples_load()
    client.force_login(user)

    page = _get(client, "designs=small&q=whats&find=1").content.decode()

    assert 'data-testid="compare-pick-whatsapp"' in page
    assert 'data-testid="compare-pick-small"' in page  # ticked, so kept
    assert 'value="small" id="pick-small" checked' in page
    assert 'data-testid="compare-pick-twitter"' not in page
    assert 'data-testid="compare-errors"' not in page


def test_a_visitor_compares_examples(client, db):
    examples_load()

    page = _get(client, "designs=twitter,whatsapp").content.decode()

    assert 'data-testid="compare-diff-traffic.total_rps-1"' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("designs=small", "Pick at least 2 designs to compare (you picked 1)."),
        ("designs=", "Pick at least 2 designs to compare (you picked 0)."),
        ("designs=" + ",".join(f"d{n}" for n in range(7)),
         "Pick at most 6 designs to compare (you picked 7)."),
        ("designs=small,nothing-here", "No design you may see is called &#x27;nothing-here&#x27;."),
    ],
)
def test_wrong_picks_are_form_errors(client, user, pair, query, message):
    client.force_login(user)

    response = _get(client, query)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"<p>{message}</p>" in page.split('data-testid="compare-errors"', 1)[1]
    assert 'data-testid="compare-table"' not in page


def test_seven_real_designs_are_too_many(client, user):
    for n in range(7):
        DesignFactory(owner=user, slug=f"d{n}", document=_document(f"D{n}", 10 + n))
    client.force_login(user)

    page = _get(client, "designs=" + ",".join(f"d{n}" for n in range(7))).content.decode()

    assert "Pick at most 6 designs to compare (you picked 7)." in page


def test_six_designs_are_fine(client, user):
    for n in range(6):
        DesignFactory(owner=user, slug=f"d{n}", document=_document(f"D{n}", 10 + n))
    client.force_login(user)

    page = _get(client, "designs=" + ",".join(f"d{n}" for n in range(6))).content.decode()

    assert 'data-testid="compare-diff-traffic.total_rps-5"' in page


def test_another_users_private_design_is_refused_like_a_missing_one(
    client, user, other_user, pair
):
    DesignFactory(owner=other_user, slug="secret", name="Secret plan")
    client.force_login(user)

    page = _get(client, "designs=small,secret").content.decode()

    assert "No design you may see is called &#x27;secret&#x27;." in page
    assert "Secret plan" not in page


def test_a_design_that_cannot_be_estimated_is_a_form_error(client, user, pair):
    DesignFactory(owner=user, slug="broken", document={"name": "Broken", "components": [
        {"key": "api", "kind": "service", "instances": -1}]})
    client.force_login(user)

    page = _get(client, "designs=small,broken").content.decode()

    assert "A design cannot be estimated" in page and "must not be negative" in page
    assert 'data-testid="compare-table"' not in page


def test_it_escapes_names_everywhere(client, user, pair):
    DesignFactory(owner=user, slug="evil", document=_document("<script>alert(1)</script>", 5))
    client.force_login(user)

    page = _get(client, "designs=small,evil&q=<b>").content.decode()

    assert "<script>alert(1)</script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_picker_search_holding_a_nul_finds_nothing_instead_of_failing(client, user, pair):
    client.force_login(user)

    response = _get(client, "q=Small%00")

    assert response.status_code == 200
    assert 'data-testid="compare-pick-small"' not in response.content.decode()


def test_the_picker_names_each_designs_owner_and_version(client, user, other_user, pair):
    DesignFactory(owner=other_user, slug="theirs", name="Theirs", is_public=True, version=4)
    client.force_login(user)

    page = _get(client).content.decode()

    assert _cell(page, "compare-pick-about-theirs") == (
        f"public, by {other_user.get_username()}, version 4")
    assert _cell(page, "compare-pick-about-small") == "yours, private, version 1"
