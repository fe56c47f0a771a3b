"""Design practice in words (estimator.present.design_practice): every check and step of the
scorer has a label and a sentence, and every pattern a miss links to exists."""

from estimator.engine.design_score import CHECK_POINTS, STEP_POINTS
from estimator.present import design_practice, patterns


def test_every_check_and_step_has_a_label_and_a_sentence():
    assert [key for key, _ in CHECK_POINTS] == list(design_practice.CHECK_LABELS)
    assert [key for key, _ in STEP_POINTS] == list(design_practice.STEP_LABELS)
    keys = {key for key, _ in CHECK_POINTS + STEP_POINTS}
    assert set(design_practice.SENTENCES) == keys


def test_every_pattern_a_miss_links_to_exists():
    for slugs in design_practice.PATTERNS.values():
        for slug in slugs:
            assert patterns.pattern(slug) is not None, slug


def test_the_levels_split_at_80_and_50():
    assert [design_practice.level(s) for s in (100, 80, 79, 50, 49, 0)] == [
        "strong", "strong", "partial", "partial", "weak", "weak"]


def test_the_points_are_those_the_help_and_readme_give():
    """80 for the engine's checks, 20 for the interview's steps (README, help page)."""
    assert [points for _, points in CHECK_POINTS] == [20, 15, 15, 10, 10, 10]
    assert sum(points for _, points in STEP_POINTS) == 20
