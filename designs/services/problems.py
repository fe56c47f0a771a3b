"""The problem library in the database, and design practice: starting an attempt, scoring it.

The files (designs/problems/*.json, designs.problem_files) are the source: problems_load
copies each into a Problem row and its reference into a public design owned by nobody.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from designs.models import Design, DesignAttempt, Problem
from designs.problem_files import problem_files
from designs.services.designs import design_create, design_update
from estimator.engine.design_score import score_design

# The time box the problem page offers (the interview's length).
TIME_BOX_MINUTES = 45


@transaction.atomic
def problems_load() -> list[Problem]:
    """Load every problem file; idempotent (a reference is saved again only when its document
    changed), all or nothing (DesignError or ProblemFileError for an invalid file)."""
    loaded = []
    for position, problem_file in enumerate(problem_files()):
        problem = Problem.objects.filter(slug=problem_file.slug).select_related(
            "reference").first()
        reference = problem.reference if problem else Design.objects.filter(
            slug=problem_file.slug, owner=None, is_example=False).first()
        if reference is None:
            reference = design_create(owner=None, document=problem_file.reference,
                                      is_public=True, slug=problem_file.slug)
        elif reference.document != problem_file.reference:
            reference = design_update(design=reference, document=problem_file.reference)
        fields = {
            "title": problem_file.title, "summary": problem_file.summary,
            "difficulty": problem_file.difficulty, "position": position,
            "statement": problem_file.statement, "scale": list(problem_file.scale),
            "sources": list(problem_file.sources), "reference": reference,
        }
        problem, _ = Problem.objects.update_or_create(slug=problem_file.slug, defaults=fields)
        loaded.append(problem)
    return loaded


@transaction.atomic
def design_attempt_start(*, user: AbstractBaseUser, problem: Problem,
                         time_limit_minutes: int | None,
                         design: Design | None = None) -> DesignAttempt:
    """A new attempt at the problem: on a new empty design of the user's own, or on one of
    their designs (to improve and submit again)."""
    if design is None:
        design = design_create(owner=user, document={
            "name": f"{problem.title}: my design",
            "description": f"My design for the {problem.title} problem (design practice).",
        })
    return DesignAttempt.objects.create(user=user, problem=problem, design=design,
                                        time_limit_minutes=time_limit_minutes)


class AttemptClosed(Exception):
    """The attempt was submitted already, or its design was deleted."""


@transaction.atomic
def design_attempt_submit(*, attempt: DesignAttempt) -> DesignAttempt:
    """Score the attempt's design as saved now against the problem's reference and close the
    attempt. Raises AttemptClosed, or DesignError (a saved design is valid, so only when the
    engine's rules tightened since it was saved)."""
    # Only the attempt's row is locked (PostgreSQL refuses FOR UPDATE on the nullable side of
    # the join to a deleted design).
    attempt = DesignAttempt.objects.select_for_update(of=("self",)).select_related(
        "design", "problem__reference").get(pk=attempt.pk)
    if attempt.submitted_at is not None:
        raise AttemptClosed("This attempt was submitted already: start another to try again.")
    if attempt.design is None:
        raise AttemptClosed("The design of this attempt was deleted: start another.")
    result = score_design(attempt.design.document, attempt.problem.reference.document)
    attempt.result = result
    attempt.score = result["score"]
    attempt.design_version = attempt.design.version
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["result", "score", "design_version", "submitted_at"])
    return attempt
