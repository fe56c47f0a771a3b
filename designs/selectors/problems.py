"""The problem library and a user's design practice, for the pages."""

from django.db.models import Max, Q

from designs.models import DesignAttempt, Problem

# A problem counts as done from this score on; "next problem" suggests the first that is not.
DONE_SCORE = 80


def problems_list(*, user) -> list[Problem]:
    """Every problem in the library's order, each with `best_score` (the user's best
    submitted score, None when none or not signed in)."""
    # Ordered here: Meta.ordering does not apply to the aggregate query below.
    problems = Problem.objects.select_related("reference").order_by("position", "id")
    if user is not None and user.is_authenticated:
        problems = problems.annotate(best_score=Max(
            "attempts__score",
            filter=Q(attempts__user=user, attempts__submitted_at__isnull=False)))
        return list(problems)
    problems = list(problems)
    for problem in problems:
        problem.best_score = None
    return problems


def design_attempts_of(*, user, problem: Problem | None = None) -> list[DesignAttempt]:
    """The user's design attempts (at one problem, when given), newest first; none for a
    visitor."""
    if user is None or not user.is_authenticated:
        return []
    attempts = DesignAttempt.objects.filter(user=user).select_related("problem", "design")
    return list(attempts.filter(problem=problem) if problem is not None else attempts)


def design_attempt_of(*, user, pk: int) -> DesignAttempt | None:
    """One of the user's attempts, with its problem's reference and its design; None for
    another's or a missing one."""
    return (DesignAttempt.objects.select_related("problem__reference", "design")
            .filter(user=user, pk=pk).first())


def open_attempt_for(*, user, design) -> DesignAttempt | None:
    """The user's attempt in progress on this design, if any (the editor's banner)."""
    if design is None or not user.is_authenticated:
        return None
    return (DesignAttempt.objects.filter(user=user, design=design, submitted_at__isnull=True)
            .select_related("problem").first())


def next_problem(*, user) -> tuple[Problem | None, str]:
    """The problem to try next, and why: the first in the library's order the user has not
    tried, else the first whose best score is under DONE_SCORE; None when all are done."""
    problems = problems_list(user=user)
    tried = set(DesignAttempt.objects.filter(user=user, submitted_at__isnull=False)
                .values_list("problem_id", flat=True))
    for problem in problems:
        if problem.pk not in tried:
            return problem, "not tried yet"
    for problem in problems:
        if problem.best_score is not None and problem.best_score < DONE_SCORE:
            return problem, f"your best is {problem.best_score} of 100"
    return None, ""
