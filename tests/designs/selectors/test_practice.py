"""designs.selectors.practice: a user's attempts, on designs they may still see."""

import pytest

from designs.models import PracticeAttempt
from designs.selectors.practice import practice_attempts_of
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db

SCORES = {"total_rps": "within_2x", "storage": "off"}


def _attempt(user, design) -> PracticeAttempt:
    return PracticeAttempt.objects.create(user=user, design=design, design_version=1,
                                          guesses={}, scores=SCORES)


def test_only_the_users_attempts_on_designs_they_may_see(user, other_user):
    shared = DesignFactory(owner=other_user, is_public=True)
    made_private = DesignFactory(owner=other_user)
    mine = _attempt(user, shared)
    _attempt(user, made_private)  # its owner made it private since
    _attempt(other_user, shared)

    attempts = practice_attempts_of(user=user)

    assert [row["attempt"] for row in attempts] == [mine]
    assert attempts[0]["design"] == shared
    assert attempts[0]["tally"]["total"] == 2
