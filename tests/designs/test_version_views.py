"""The version history pages: who sees them, what they show, and restoring as the owner."""

import copy

import pytest
from django.test import Client
from django.urls import reverse

from designs.services.designs import design_create, design_update
from designs.services.examples import examples_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_twice(user, document):
    design = design_create(owner=user, document=document)
    changed = copy.deepcopy(document)
    changed["components"][1]["instances"] = 6
    changed["assumptions"]["daily_active_users"] = 2_000_000
    return design_update(design=design, document=changed)


def _versions(design) -> str:
    return reverse("designs:versions", args=[design.slug])


def _compare(design) -> str:
    return reverse("designs:version-compare", args=[design.slug])


def _restore(design, number: int) -> str:
    return reverse("designs:version-restore", args=[design.slug, number])


def test_the_owner_sees_every_version_with_its_summary_and_a_restore_link(client, user,
                                                                          saved_twice):
    client.force_login(user)
    page = client.get(_versions(saved_twice)).content.decode()

    assert "Version 2" in page and "Version 1" in page
    assert "instances of api 3 -&gt; 6" in page and "first version" in page
    assert _restore(saved_twice, 1) in page and _restore(saved_twice, 2) not in page


def test_the_design_page_links_to_its_versions(client, user, saved_twice):
    client.force_login(user)
    assert _versions(saved_twice) in client.get(
        reverse("designs:detail", args=[saved_twice.slug])).content.decode()


def test_a_private_designs_versions_are_404_to_others_and_visitors(client, other_user,
                                                                   saved_twice):
    assert client.get(_versions(saved_twice)).status_code == 404
    client.force_login(other_user)
    assert client.get(_versions(saved_twice)).status_code == 404
    assert client.get(_compare(saved_twice)).status_code == 404


def test_a_public_designs_versions_are_readable_but_not_restorable(client, other_user, user,
                                                                   saved_twice):
    saved_twice.is_public = True
    saved_twice.save()
    client.force_login(other_user)

    page = client.get(_versions(saved_twice))

    assert page.status_code == 200 and _restore(saved_twice, 1) not in page.content.decode()
    assert client.get(_restore(saved_twice, 1)).status_code == 403
    assert client.post(_restore(saved_twice, 1)).status_code == 403
    saved_twice.refresh_from_db()
    assert saved_twice.version == 2


def test_compare_defaults_to_the_previous_against_the_latest(client, user, saved_twice):
    client.force_login(user)
    response = client.get(_compare(saved_twice))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Version 1 and version 2" in page
    assert 'data-testid="version-figures"' in page
    assert 'data-testid="version-diff-' in page  # figure deltas against version 1
    assert "daily_active_users" in page and "2,000,000" in page


def test_compare_of_a_version_the_design_never_had_is_404(client, user, saved_twice):
    client.force_login(user)
    assert client.get(_compare(saved_twice), {"old": "9", "new": "2"}).status_code == 404


def test_compare_reads_malformed_numbers_as_the_default(client, user, saved_twice):
    client.force_login(user)
    response = client.get(_compare(saved_twice), {"old": "x²", "new": "9" * 40})
    assert response.status_code == 200 and "Version 1 and version 2" in response.content.decode()


def test_restore_asks_to_confirm_then_saves_a_new_version(client, user, saved_twice, document):
    client.force_login(user)
    confirm = client.get(_restore(saved_twice, 1))
    assert confirm.status_code == 200 and "Restore as version 3" in confirm.content.decode()

    response = client.post(_restore(saved_twice, 1), {"expected_version": "2"}, follow=True)

    saved_twice.refresh_from_db()
    assert saved_twice.version == 3 and saved_twice.document == document
    assert response.redirect_chain[-1][0] == reverse("designs:detail", args=[saved_twice.slug])
    assert "Version 1 restored as version 3." in response.content.decode()


def test_restore_with_a_stale_version_restores_nothing(client, user, saved_twice):
    client.force_login(user)
    response = client.post(_restore(saved_twice, 1), {"expected_version": "1"}, follow=True)

    saved_twice.refresh_from_db()
    assert saved_twice.version == 2
    assert "Not restored" in response.content.decode()


def test_restore_of_an_unknown_version_is_404_and_visitors_log_in(client, user, saved_twice):
    assert client.post(_restore(saved_twice, 1)).status_code == 302
    client.force_login(user)
    assert client.post(_restore(saved_twice, 8)).status_code == 404


def test_restore_needs_the_csrf_token(user, saved_twice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(_restore(saved_twice, 1)).status_code == 403
    saved_twice.refresh_from_db()
    assert saved_twice.version == 2


def test_a_visitor_reads_an_examples_versions_without_a_restore_link(client):
    example = examples_load()[0]
    response = client.get(_versions(example))

    page = response.content.decode()
    assert response.status_code == 200 and "shipped example" in page
    assert "Restore" not in page
    assert client.get(_compare(example)).status_code == 200
