"""The problem library's pages and design practice (issue 15): /problems/, a problem's
page, starting an attempt (time-boxed or not) on a new design of one's own, the editor's
banner, submitting (scored by the engine, once), the result with the reference beside it,
trying again, and /account/progress/ with the chart and the next problem."""

import copy
from datetime import timedelta

import pytest
from django.urls import reverse

from designs.models import Design, DesignAttempt, Problem
from designs.problem_files import problem_files
from designs.services.designs import design_update
from designs.services.problems import problems_load
from tests.engine.test_design_score import weak_design

pytestmark = pytest.mark.django_db
PROBLEMS = {problem.slug: problem for problem in problem_files()}


@pytest.fixture
def library(settings):
    # The references' estimates stay queued (no engine run per design loaded): the pages
    # compute what they show, and scoring is the engine's own.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return {problem.slug: problem for problem in problems_load()}


def _start(client, slug="pastebin", time_box=False) -> DesignAttempt:
    data = {"time_box": "on"} if time_box else {}
    response = client.post(reverse("designs:problem-start", args=[slug]), data)
    assert response.status_code == 302
    attempt = DesignAttempt.objects.latest("id")
    assert response["Location"] == reverse("designs:edit", args=[attempt.design.slug])
    return attempt


def _submit(client, attempt) -> str:
    response = client.post(reverse("designs:attempt-submit", args=[attempt.pk]))
    assert response["Location"] == reverse("designs:attempt", args=[attempt.pk])
    return client.get(response["Location"]).content.decode()


def test_loading_is_idempotent_and_keeps_references_out_of_peoples_lists(client, library):
    assert len(library) == len(PROBLEMS)
    again = problems_load()
    assert [p.reference.version for p in again] == [p.reference.version for p in library.values()]
    reference = library["pastebin"].reference
    assert reference.owner is None and reference.is_public and not reference.is_example
    home = client.get(reverse("designs:home")).content.decode()
    assert "Pastebin (reference)" not in home  # not a design someone saved


def test_the_library_lists_every_problem_by_difficulty(client, library):
    page = client.get(reverse("designs:problems")).content.decode()
    assert page.count('data-testid="problem-item"') == len(PROBLEMS)
    for problem in PROBLEMS.values():
        assert reverse("designs:problem", args=[problem.slug]) in page


def test_a_problem_page_gives_statement_scale_targets_and_sources(client, library):
    page = client.get(reverse("designs:problem", args=["pastebin"])).content.decode()
    assert "<p>Design a service like Pastebin" in page  # Markdown rendered
    assert PROBLEMS["pastebin"].scale[0] in page
    assert "100 ms" in page and "99.9% of requests served" in page and "$1,000" in page
    assert "system-design-primer" in page
    assert "Log in to practise the design" in page  # a visitor
    assert reverse("designs:practice", args=["pastebin"]) in page


def test_an_unknown_problem_is_a_404(client, library):
    assert client.get(reverse("designs:problem", args=["no-such"])).status_code == 404


def test_starting_needs_sign_in(client, library):
    response = client.post(reverse("designs:problem-start", args=["pastebin"]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not DesignAttempt.objects.exists()


def test_start_opens_a_new_design_in_the_editor_with_the_banner(client, user, library):
    client.force_login(user)
    attempt = _start(client, time_box=True)
    assert attempt.design.owner == user and not attempt.design.is_public
    assert attempt.time_limit_minutes == 45
    assert attempt.deadline == attempt.started_at + timedelta(minutes=45)
    page = client.get(reverse("designs:edit", args=[attempt.design.slug])).content.decode()
    assert 'data-testid="practice-banner"' in page and "data-deadline=" in page
    assert reverse("designs:attempt-submit", args=[attempt.pk]) in page
    untimed = _start(client)
    assert untimed.time_limit_minutes is None
    page = client.get(reverse("designs:edit", args=[untimed.design.slug])).content.decode()
    assert 'data-testid="practice-banner"' in page and "data-deadline=" not in page


def test_submitting_the_reference_scores_high_and_reveals_it(client, user, library):
    client.force_login(user)
    attempt = _start(client)
    document = copy.deepcopy(PROBLEMS["pastebin"].reference)
    document["name"] = "My pastebin"
    design_update(design=attempt.design, document=document)
    page = _submit(client, attempt)
    attempt.refresh_from_db()
    assert attempt.score >= 90 and attempt.design_version == 2
    assert 'data-testid="attempt-score"' in page and "strong" in page
    assert 'data-testid="reference-revealed"' in page
    compare = f"{reverse('designs:compare')}?designs={attempt.design.slug},pastebin"
    assert compare in page.replace("&amp;", "&")
    assert client.get(compare).status_code == 200


def test_submitting_a_weak_design_scores_low_naming_what_to_work_on(client, user, library):
    client.force_login(user)
    attempt = _start(client)
    document = weak_design(PROBLEMS["pastebin"].reference)
    design_update(design=attempt.design, document=document)
    page = _submit(client, attempt)
    attempt.refresh_from_db()
    assert attempt.score < 40
    assert "weak" in page and "To work on:" in page
    assert "Peak load served" in page and "saturated: app" in page
    assert reverse("designs:pattern", args=["horizontal-scaling"]) in page


def test_an_attempt_is_submitted_once_and_only_its_owner_sees_it(client, user, other_user,
                                                                   library):
    client.force_login(user)
    attempt = _start(client)
    _submit(client, attempt)
    first = DesignAttempt.objects.get(pk=attempt.pk).submitted_at
    page = _submit(client, attempt)
    assert "submitted already" in page
    assert DesignAttempt.objects.get(pk=attempt.pk).submitted_at == first
    client.force_login(other_user)
    assert client.get(reverse("designs:attempt", args=[attempt.pk])).status_code == 404
    response = client.post(reverse("designs:attempt-submit", args=[attempt.pk]))
    assert response.status_code == 404


def test_again_reopens_the_same_design_for_a_new_attempt(client, user, library):
    client.force_login(user)
    attempt = _start(client)
    _submit(client, attempt)
    response = client.post(reverse("designs:attempt-again", args=[attempt.pk]))
    again = DesignAttempt.objects.latest("id")
    assert again.pk != attempt.pk and again.design == attempt.design
    assert response["Location"] == reverse("designs:edit", args=[attempt.design.slug])


def test_a_late_submission_says_how_late(client, user, library):
    client.force_login(user)
    attempt = _start(client, time_box=True)
    DesignAttempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - timedelta(minutes=50))
    page = _submit(client, attempt)
    assert "over the 45-minute box" in page


def test_deleting_the_design_keeps_the_score(client, user, library):
    client.force_login(user)
    attempt = _start(client)
    _submit(client, attempt)
    Design.objects.filter(pk=attempt.design.pk).delete()
    page = client.get(reverse("designs:attempt", args=[attempt.pk])).content.decode()
    assert "since deleted" in page
    assert client.post(reverse("designs:attempt-again", args=[attempt.pk])).status_code == 302


def test_progress_charts_attempts_and_suggests_the_next_problem(client, user, library):
    client.force_login(user)
    page = client.get(reverse("progress")).content.decode()
    first = Problem.objects.order_by("position").first()
    assert 'data-testid="next-problem"' in page and first.title in page
    assert 'data-testid="design-attempts-empty"' in page and "figure-progress" not in page
    attempt = _start(client, slug=first.slug)
    _submit(client, attempt)
    page = client.get(reverse("progress")).content.decode()
    assert 'id="figure-progress"' in page and 'data-testid="design-attempt"' in page
    assert "Design score" in page
    if len(PROBLEMS) > 1:  # the first is tried now: the next one is suggested
        second = Problem.objects.order_by("position")[1]
        assert f'href="{reverse("designs:problem", args=[second.slug])}"' in page


def test_pattern_pages_list_the_problems_that_use_them(client, library):
    page = client.get(reverse("designs:pattern", args=["cache-aside"])).content.decode()
    assert reverse("designs:problem", args=["pastebin"]) in page and "problem" in page


def test_no_saved_design_takes_a_problems_slug(user, library):
    from designs.services.designs import design_create
    design = design_create(owner=user, document={"name": "Pastebin"})
    assert design.slug != "pastebin"
