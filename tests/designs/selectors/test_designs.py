"""designs.selectors.designs: who sees which designs (owner, other user, visitor)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from designs.selectors.designs import (
    designs_list,
    designs_owned,
    designs_pickable,
    designs_public_of_others,
    designs_visible,
    designs_visible_by_slug,
    designs_visible_in_order,
)
from tests.designs.selectors.conftest import names

pytestmark = pytest.mark.django_db

SHARED = {"My public", "Their public", "Example"}


def test_the_owner_sees_their_private_designs_and_everything_shared(designs, user):
    assert names(designs_visible(user=user)) == SHARED | {"Mine"}


def test_another_user_sees_only_their_own_and_the_shared(designs, other_user):
    assert names(designs_visible(user=other_user)) == SHARED | {"Theirs"}


@pytest.mark.parametrize("visitor", [None, AnonymousUser()])
def test_a_visitor_sees_only_the_shared(designs, visitor):
    assert names(designs_visible(user=visitor)) == SHARED


def test_the_list_filters_what_the_user_may_see(designs, user, other_user):
    assert names(designs_list(user=user, public=False)) == {"Mine"}
    assert names(designs_list(user=user, example=True)) == {"Example"}
    assert names(designs_list(user=user, owner=other_user.username)) == {"Their public"}
    assert names(designs_list(user=None, search="public")) == {"My public", "Their public"}


def test_by_id_and_by_slug_leave_out_what_the_user_may_not_see(designs, user):
    order = [designs[key] for key in ("theirs", "example", "mine")]

    in_order = designs_visible_in_order(user=user, ids=[d.pk for d in order])
    by_slug = designs_visible_by_slug(user=None, slugs=[d.slug for d in order])

    assert [d.name for d in in_order] == ["Example", "Mine"]
    assert list(by_slug) == [designs["example"].slug]


def test_own_designs_are_the_users_only_and_none_for_a_visitor(designs, user):
    assert names(designs_owned(user=user)) == {"Mine", "My public"}
    assert designs_owned(user=AnonymousUser()) == []


def test_public_designs_of_others_leave_out_examples_and_the_users_own(designs, user):
    assert names(designs_public_of_others(user=user)) == {"Their public"}
    assert names(designs_public_of_others(user=None)) == {"My public", "Their public"}


def test_the_picker_puts_the_chosen_first_then_examples_then_by_name(designs, user):
    chosen = [designs["my public"]]

    picked = designs_pickable(user=user, chosen=chosen)

    assert [d.name for d in picked] == ["My public", "Example", "Mine", "Their public"]
    assert names(designs_pickable(user=None)) == SHARED
