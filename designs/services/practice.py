"""Practice mode (designs/practice_views.py): scoring a user's guesses and keeping them."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from designs.models import Design, PracticeAttempt
from designs.selectors.estimates import design_estimate_document
from estimator.engine import practice


@transaction.atomic
def practice_attempt_record(
    *, user: AbstractBaseUser, design: Design, guesses: dict[str, float]
) -> PracticeAttempt:
    """Score the user's estimates against the design's current estimate and keep the attempt.
    Raises ValueError for an unknown figure, DesignError when the design cannot be estimated."""
    return PracticeAttempt.objects.create(
        user=user,
        design=design,
        design_version=design.version,
        guesses=guesses,
        scores=practice.grade(guesses, design_estimate_document(design)),
    )
