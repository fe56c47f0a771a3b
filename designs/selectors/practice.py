"""A user's practice attempts (designs.services.practice keeps them)."""

from designs.models import Design, PracticeAttempt
from estimator.engine import practice


def practice_attempts_of(*, user) -> list[dict]:
    """The user's practice attempts, newest first, on designs they may still see: each with
    how many of its estimates were within 2x, within 10x and off."""
    attempts = (
        PracticeAttempt.objects.filter(user=user, design__in=Design.objects.visible_to(user))
        .select_related("design")
    )
    return [{"attempt": a, "design": a.design, "tally": practice.tally(a.scores)}
            for a in attempts]
