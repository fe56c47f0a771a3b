"""Design practice in Chromium (issue 15): a candidate picks a problem, builds a design in
the editor under the time box, submits it (the banner saves first), sees the score with what
to work on and the reference beside theirs, compares the two, and finds the attempt charted
on their progress page. Screenshots at 1400 px and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from designs.models import DesignAttempt
from tests.browser.test_editor_flows import _add, _link, _workload


@pytest.fixture
def library(transactional_db, settings):
    from designs.services.problems import problems_load

    # The references' estimates stay queued (no engine run for each of the 26 loaded): the
    # pages this flow opens compute what they show.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return {problem.slug: problem for problem in problems_load()}


def test_pick_a_problem_build_submit_and_see_the_score_and_reference(
        signed_in_page, user, library, screenshot):
    page = signed_in_page
    page.goto("/problems/")
    expect(page.get_by_test_id("problem-item")).to_have_count(len(library))
    page.get_by_role("link", name="Pastebin", exact=True).click()
    statement = page.get_by_test_id("problem-statement")
    expect(statement).to_contain_text("Design a service like Pastebin")
    expect(page.get_by_test_id("problem-targets")).to_contain_text("100 ms")
    screenshot(page, "problem-page")
    page.get_by_test_id("time-box").check()
    page.get_by_test_id("start-design").click()

    page.wait_for_url(re.compile(r"/designs/pastebin-my-design/edit/$"))
    banner = page.get_by_test_id("practice-banner")
    expect(banner).to_contain_text("Design practice: Pastebin")
    expect(page.get_by_test_id("practice-clock")).to_have_text(re.compile(r"^4[45]:\d\d left$"))

    for kind in ("client", "load_balancer", "service", "database"):
        _add(page, kind)
    for source, target in (("client", "lb"), ("lb", "service"), ("service", "database")):
        _link(page, source, target)
    _workload(page, "create paste", "write", "10000000", {"request_bytes": "1270"},
              ["client", "lb", "service", "database"])
    _workload(page, "read paste", "read", "100000000", {"response_bytes": "1270"},
              ["client", "lb", "service", "database"])
    page.get_by_test_id("tab-design").click()
    page.get_by_test_id("design-requirements-functional").fill(
        "Create a paste and get a short link; read a paste by its link; pastes expire.")
    expect(page.get_by_test_id("error-summary")).to_be_hidden()
    expect(page.get_by_test_id("save-status")).to_contain_text("Unsaved changes")
    screenshot(page, "practice-editor")

    # Submit with unsaved changes: the banner saves them, then submits the saved version.
    page.get_by_test_id("submit-design").click()
    page.wait_for_url(re.compile(r"/practice/attempts/\d+/$"))
    attempt = DesignAttempt.objects.get(user=user)
    assert attempt.design_version == 2 and attempt.submitted_at is not None
    assert len(attempt.design.document["workloads"]) == 2

    score = page.get_by_test_id("attempt-score")
    expect(score).to_contain_text(f"{attempt.score} of 100")
    assert attempt.score < 80  # single instances, no storage stated, no data model
    expect(page.get_by_test_id("check-write_path_spof")).to_contain_text("missed")
    expect(page.get_by_test_id("check-write_path_spof")).to_contain_text("Single points of failure")
    expect(page.get_by_test_id("step-data_model")).to_contain_text("Missing: a data model")
    expect(page.get_by_test_id("attempt-missed")).to_contain_text("No single point of failure")
    revealed = page.get_by_test_id("reference-revealed")
    expect(revealed).to_contain_text("Pastebin (reference)")
    expect(revealed.locator("svg")).to_have_count(2)
    screenshot(page, "practice-result")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "practice-result-390")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the result page is {width} px wide at 390"
    page.set_viewport_size({"width": 1400, "height": 1000})

    page.get_by_test_id("compare-reference").click()
    page.wait_for_url(re.compile(r"/compare/"))
    expect(page.locator("main")).to_contain_text("Pastebin (reference)")
    expect(page.locator("main")).to_contain_text("Pastebin: my design")
    screenshot(page, "practice-compare")

    page.goto("/account/progress/")
    expect(page.get_by_test_id("design-attempt")).to_have_count(1)
    expect(page.locator("#chart-progress .main-svg").first).to_be_visible()
    expect(page.get_by_test_id("next-problem")).not_to_contain_text("Pastebin")
    screenshot(page, "progress-design-practice")
