"""designs.services.practice.practice_attempt_record: scores from the engine, kept per user."""

import pytest

from designs.models import PracticeAttempt
from designs.services.practice import practice_attempt_record

pytestmark = pytest.mark.django_db


def test_it_keeps_the_guesses_and_the_engines_scores(user, design):
    attempt = practice_attempt_record(
        user=user, design=design, guesses={"total_rps": 1_000, "storage_per_day": 1}
    )

    attempt.refresh_from_db()
    assert attempt.user == user and attempt.design == design
    assert attempt.design_version == design.version
    # The fixture's design: 1M users x 52 requests a day, about 600/s; 4 GB a day.
    assert attempt.scores == {"total_rps": "within 2x", "storage_per_day": "off"}
    assert attempt.guesses == {"total_rps": 1_000, "storage_per_day": 1}


def test_it_refuses_an_unknown_figure_and_saves_nothing(user, design):
    with pytest.raises(ValueError, match="unknown figures: latency"):
        practice_attempt_record(user=user, design=design, guesses={"latency": 5})

    assert PracticeAttempt.objects.count() == 0
