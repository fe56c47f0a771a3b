"""Practice mode in Chromium: estimate the Twitter example's figures, read the scores."""

from playwright.sync_api import expect

from designs.models import PracticeAttempt


def _practise_twitter(page) -> None:
    """From the home page's card, one good estimate and one bad one, submitted."""
    page.goto("/")
    page.get_by_test_id("practice-twitter").click()
    page.wait_for_url("**/designs/twitter/practice/")
    expect(page.locator("#practice-workloads")).to_contain_text("per user per day")
    expect(page.get_by_test_id("score-total_rps")).to_have_count(0)  # nothing revealed yet
    # The estimate: 59,028/s, posts and the reads (timelines, media, profiles) together.
    page.get_by_test_id("guess-total_rps").fill("40K")
    page.get_by_test_id("guess-storage_total").fill("1 TB")  # the estimate: 18.6 PB
    page.get_by_test_id("practice-submit").click()


def test_practice_on_twitter_scores_a_good_and_a_bad_estimate(
    signed_in_page, user, examples, screenshot
):
    page = signed_in_page

    _practise_twitter(page)

    expect(page.get_by_test_id("score-total_rps")).to_have_text("within 2x")
    expect(page.get_by_test_id("score-storage_total")).to_have_text("off")
    expect(page.get_by_test_id("actual-total_rps")).to_have_text("59,028/s")
    expect(page.get_by_test_id("derivation-storage_total")).to_be_visible()
    expect(page.get_by_test_id("guess-total_rps")).to_have_value("40K")
    screenshot(page, "practice-twitter-scored")
    attempt = PracticeAttempt.objects.get(user=user)
    assert attempt.scores == {"total_rps": "within 2x", "storage_total": "off"}

    page.get_by_test_id("nav-progress").click()

    expect(page.get_by_test_id("attempt")).to_have_count(1)
    expect(page.get_by_test_id("attempt")).to_contain_text("Twitter")
    screenshot(page, "practice-progress")


def test_an_anonymous_visitor_practises_and_is_told_nothing_is_kept(
    anonymous_page, examples, screenshot
):
    page = anonymous_page
    page.goto("/designs/twitter/practice/")
    expect(page.get_by_test_id("practice-not-kept")).to_be_visible()
    screenshot(page, "practice-twitter")

    _practise_twitter(page)

    expect(page.get_by_test_id("score-total_rps")).to_have_text("within 2x")
    expect(page.get_by_test_id("score-storage_total")).to_have_text("off")
    assert PracticeAttempt.objects.count() == 0


def test_a_bad_figure_is_an_error_at_its_field(anonymous_page, examples, screenshot):
    page = anonymous_page
    page.goto("/designs/twitter/practice/")

    page.get_by_test_id("guess-availability").fill("very high")
    page.get_by_test_id("practice-submit").click()

    expect(page.get_by_test_id("error-availability")).to_contain_text(
        "'very high' does not start with a number")
    expect(page.get_by_test_id("guess-availability")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("score-availability")).to_have_count(0)
    screenshot(page, "practice-error")
