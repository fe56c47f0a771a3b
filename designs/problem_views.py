"""The problem library and design practice: pick a problem, build a design in the editor
(time-boxed if chosen), submit it, see it scored by the engine beside the reference.

Scoring is the engine's (estimator.engine.design_score), in words by
estimator.present.design_practice; attempts are kept by designs.services.problems.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from designs import diagram
from designs.models import DesignAttempt, Problem
from designs.selectors.estimates import design_estimate_document
from designs.selectors.problems import design_attempt_of, design_attempts_of, problems_list
from designs.services.problems import (
    TIME_BOX_MINUTES,
    AttemptClosed,
    design_attempt_start,
    design_attempt_submit,
)
from estimator.engine import DesignError
from estimator.engine.result import EstimateView
from estimator.present import design_practice, practice


def problem_list(request: HttpRequest) -> HttpResponse:
    problems = problems_list(user=request.user)
    groups = [(difficulty, [p for p in problems if p.difficulty == difficulty])
              for difficulty in ("easy", "medium", "hard")]
    return render(request, "designs/problems.html", {
        "groups": [(name, members) for name, members in groups if members],
        "count": len(problems)})


def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    problem = get_object_or_404(Problem.objects.select_related("reference"), slug=slug)
    reference = problem.reference
    statement, scale = problem.statement, list(problem.scale)
    try:
        asked = practice.asked_figures(EstimateView.from_document(
            design_estimate_document(reference)))
    except DesignError:
        asked = []
    # The givens never state an answer (the library's test checks each file); hidden here
    # too, should a reference change under them.
    statement = practice.hide_asked_figures(statement, asked)
    scale = [practice.hide_asked_figures(line, asked) for line in scale]
    sources = [{**source, **{field: practice.hide_asked_figures(source[field], asked)
                             for field in ("figure", "source")}} for source in problem.sources]
    attempts = design_attempts_of(user=request.user, problem=problem)
    return render(request, "designs/problem_detail.html", {
        "problem": problem, "statement": statement, "scale": scale, "sources": sources,
        "targets": design_practice.problem_targets(reference.document), "attempts": attempts,
        "time_box": TIME_BOX_MINUTES,
    })


@login_required
@require_POST
def problem_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start design practice: a new empty design of the user's, opened in the editor."""
    problem = get_object_or_404(Problem, slug=slug)
    limit = TIME_BOX_MINUTES if request.POST.get("time_box") == "on" else None
    attempt = design_attempt_start(user=request.user, problem=problem, time_limit_minutes=limit)
    messages.info(request, f"Design practice on {problem.title}: build your design here, save, "
                           "then submit it from the banner below.")
    return redirect("designs:edit", slug=attempt.design.slug)


def _own_attempt(request: HttpRequest, pk: int) -> DesignAttempt:
    attempt = design_attempt_of(user=request.user, pk=pk)
    if attempt is None:
        raise Http404("No such attempt of yours.")
    return attempt


@login_required
@require_POST
def attempt_submit(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    try:
        design_attempt_submit(attempt=attempt)
    except AttemptClosed as error:
        messages.error(request, str(error))
    except DesignError as error:
        messages.error(request, f"The design could not be scored: {error}")
    return redirect("designs:attempt", pk=attempt.pk)


@login_required
@require_POST
def attempt_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Another attempt on the same design: improve it and submit again."""
    attempt = _own_attempt(request, pk)
    if attempt.design is None:
        messages.error(request, "The design of that attempt was deleted: start a new one.")
        return redirect("designs:problem", slug=attempt.problem.slug)
    again = design_attempt_start(user=request.user, problem=attempt.problem,
                                 time_limit_minutes=None, design=attempt.design)
    return redirect("designs:edit", slug=again.design.slug)


@login_required
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    reference = attempt.problem.reference
    context = {"attempt": attempt, "problem": attempt.problem, "reference": reference}
    if attempt.submitted_at is not None:
        context["result"] = design_practice.result_rows(attempt.result)
        # Both escaped by the diagram.
        context["reference_diagram"] = mark_safe(diagram.diagram_svg(reference.document, None))
        if attempt.design is not None:
            context["design_diagram"] = mark_safe(
                diagram.diagram_svg(attempt.design.document, None))
        deadline, submitted = attempt.deadline, attempt.submitted_at
        if deadline is not None and submitted > deadline:
            context["over_time_minutes"] = int((submitted - deadline).total_seconds() // 60) + 1
        context["taken_minutes"] = int((submitted - attempt.started_at).total_seconds() // 60)
    return render(request, "designs/attempt.html", context)
