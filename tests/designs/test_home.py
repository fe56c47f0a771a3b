import re

import pytest
from django.urls import reverse

from designs.services.examples import examples_load
from tests.designs.factories import DesignFactory


@pytest.fixture
def examples(db):
    return examples_load()


def _page(client, **query) -> str:
    response = client.get(reverse("designs:home"), query)
    assert response.status_code == 200
    return response.content.decode()


def _names_in(page: str, table_id: str) -> list[str]:
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/designs/[^"]+/">([^<]+)</a>', table)


def test_it_lists_the_five_examples_with_headline_figures(client, examples):
    page = _page(client)

    for design in examples:
        assert reverse("designs:detail", args=[design.slug]) in page
        assert design.name in page
    assert "~4K/s" in page  # the URL shortener's requests per second
    assert "nines" in page


def test_each_example_card_offers_to_start_from_it(client, examples):
    page = _page(client)

    for design in examples:
        action = reverse("designs:fork", args=[design.slug])
        assert f'<form method="post" action="{action}"' in page
    assert page.count("Start from this example") == len(examples)
    assert "csrfmiddlewaretoken" in page


def test_new_design_leads_to_the_templates(client, db):
    assert f'href="{reverse("designs:start")}" data-testid="new-design"' in _page(client)


def test_a_visitor_is_asked_to_log_in_for_designs_of_their_own(client, examples):
    page = _page(client)

    assert "Your designs" in page and "to save designs of your own" in page
    assert 'id="own-designs"' not in page


def test_a_user_without_designs_is_told_how_to_begin(client, examples, user):
    client.force_login(user)

    page = _page(client)

    assert 'data-testid="own-empty"' in page and "Start from this example" in page
    assert "No public designs yet" in page


def test_it_lists_own_and_public_designs_but_not_others_private_ones(
    client, examples, user, other_user
):
    DesignFactory(owner=other_user, name="Someone's public", is_public=True)
    DesignFactory(owner=other_user, name="Someone's secret")
    DesignFactory(owner=user, name="My draft")
    client.force_login(user)

    page = _page(client)

    assert _names_in(page, "own-designs") == ["My draft"]
    assert _names_in(page, "public-designs") == ["Someone&#x27;s public"]
    assert "secret" not in page


def test_own_designs_sort_by_name_version_or_update(client, user):
    DesignFactory(owner=user, name="Beta", version=3)
    DesignFactory(owner=user, name="Alpha", version=1)
    DesignFactory(owner=user, name="Gamma", version=2)
    client.force_login(user)

    assert _names_in(_page(client, sort="name"), "own-designs") == ["Alpha", "Beta", "Gamma"]
    assert _names_in(_page(client, sort="-name"), "own-designs") == ["Gamma", "Beta", "Alpha"]
    assert _names_in(_page(client, sort="-version"), "own-designs") == ["Beta", "Gamma", "Alpha"]
    assert _names_in(_page(client, sort="updated"), "own-designs") == ["Beta", "Alpha", "Gamma"]
    assert _names_in(_page(client), "own-designs") == ["Gamma", "Alpha", "Beta"]  # newest first


def test_the_sorted_column_says_so_and_links_to_the_reverse_order(client, user):
    DesignFactory(owner=user, name="Alpha")
    client.force_login(user)

    page = _page(client, sort="name", q="al")

    assert 'aria-sort="ascending"' in page
    assert 'href="?q=al&amp;sort=-name"' in page


def test_an_unknown_sort_falls_back_to_the_default(client, user):
    DesignFactory(owner=user, name="Alpha")
    client.force_login(user)

    assert _names_in(_page(client, sort="drop table"), "own-designs") == ["Alpha"]


def test_search_filters_both_tables_by_name(client, user, other_user):
    DesignFactory(owner=user, name="Chat app")
    DesignFactory(owner=user, name="Photo sharing")
    DesignFactory(owner=other_user, name="Group chat", is_public=True)
    DesignFactory(owner=other_user, name="Maps", is_public=True)
    client.force_login(user)

    page = _page(client, q="CHAT")

    assert _names_in(page, "own-designs") == ["Chat app"]
    assert _names_in(page, "public-designs") == ["Group chat"]
    assert 'value="CHAT"' in page


def test_a_search_without_matches_says_so(client, user):
    DesignFactory(owner=user, name="Chat app")
    client.force_login(user)

    page = _page(client, q="zebra")

    assert "None of your designs has “zebra” in its name" in page
    assert "No public design has “zebra” in its name" in page


def test_it_escapes_names_and_descriptions(client, db):
    DesignFactory(name="<script>alert(1)</script>", description="<b>bold</b>", is_public=True)

    page = _page(client)

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;bold" in page


def test_a_search_holding_a_nul_finds_nothing_instead_of_failing(client, user):
    # PostgreSQL refuses a NUL in a query: the search once answered 500 there.
    DesignFactory(owner=user, name="Photo sharing")
    client.force_login(user)

    page = _page(client, q="Photo\x00")

    assert "Photo sharing" not in page


def test_an_example_without_workloads_says_nothing_is_estimated_and_offers_no_practice(
        client, db):
    from designs.services.designs import design_create
    from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE

    design_create(owner=None, document={"name": "Boxes only", "components": [
        {"key": "api", "kind": "service"}]}, is_public=True, is_example=True, slug="boxes")

    page = _page(client)

    card = page.split('data-testid="nothing-estimated-boxes">', 1)[1].split("</li>", 1)[0]
    assert card.startswith(NOTHING_ESTIMATED_SENTENCE)
    assert "nines" not in card and 'data-testid="practice-boxes"' not in card


def test_the_lists_show_each_designs_owner_and_version(client, user, other_user):
    DesignFactory(owner=user, slug="mine", name="Mine", version=3)
    DesignFactory(owner=other_user, slug="theirs", name="Theirs", is_public=True, version=7)
    client.force_login(user)

    page = client.get("/").content.decode()

    own = page.split('data-testid="own-designs"')[1].split("</table>")[0]
    public = page.split('data-testid="public-designs"')[1].split("</table>")[0]
    assert ">Version<" in own and '<td class="num">3</td>' in own
    assert ">Owner</th>" in public and f"<td>{other_user.get_username()}</td>" in public
    assert '<td class="num">7</td>' in public
