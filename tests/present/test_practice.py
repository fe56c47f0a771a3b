"""estimator.present.practice: the practice page's figures, what a design gives, the reveal."""

import json
from pathlib import Path

import pytest

from estimator.engine import DesignError, estimate
from estimator.engine.compare import HEADLINE_PATHS
from estimator.engine.practice import FIGURE_PATHS, WITHIN_2X, grade
from estimator.present.practice import FIGURES, given, reveal

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"


@pytest.fixture(scope="module")
def url_shortener() -> dict:
    return json.loads((EXAMPLES / "url-shortener.json").read_text())


def test_each_practice_figure_is_a_catalogue_headline_figure():
    assert [f.key for f in FIGURES] == list(FIGURE_PATHS)
    assert all(f.figure.path == FIGURE_PATHS[f.key] for f in FIGURES)
    assert {f.figure.path for f in FIGURES} <= set(HEADLINE_PATHS)


def test_reveal_shows_each_figure_with_its_derivation(url_shortener):
    result = estimate(url_shortener)
    guesses = {"total_rps": 4_000}

    rows = {row["key"]: row for row in reveal(guesses, grade(guesses, result), result)}

    assert list(rows) == [figure.key for figure in FIGURES]
    assert rows["total_rps"]["guess"] == "4K/s"
    assert rows["total_rps"]["score"] == WITHIN_2X and rows["total_rps"]["level"] == "good"
    assert rows["total_rps"]["rounded"] == "~4K/s"
    assert rows["total_rps"]["derivation"]["formula"] == "requests/s = reads/s + writes/s"
    assert rows["storage_total"]["rounded"] == "~6 TB" and rows["storage_total"]["score"] is None
    assert rows["cache_per_day"]["derivation"]["key"] == "cache.bytes_per_day"


def test_given_shows_the_inputs_and_marks_defaults(url_shortener):
    shown = given(url_shortener)

    assumptions = {row["label"]: row for row in shown["assumptions"]}
    assert assumptions["Cache share"] == {
        "label": "Cache share", "value": "20% of a day's reads", "default": False}
    assert assumptions["Daily active users"] == {
        "label": "Daily active users", "value": "not stated: the rates are given directly",
        "default": True}
    workloads = {row["name"]: row for row in shown["workloads"]}
    assert workloads["redirect"]["rate"] == "10,000,000,000 per month"
    assert workloads["redirect"]["route"].startswith("client → ")
    assert {row["key"] for row in shown["components"]} >= {"db", "cache"}


def test_given_never_shows_a_computed_figure(url_shortener):
    text = json.dumps(given(url_shortener))

    for figure in ("3,858", "3,897", "6.08 TB", "1.67 GB", "33.3 GB", "1.93 MB"):
        assert figure not in text


def test_given_lists_the_requirements_that_are_set(url_shortener):
    document = {**url_shortener, "requirements": {"functional": "Shorten a URL.",
                                                  "extended": ""}}

    assert given(document)["requirements"] == [
        {"label": "Functional requirements", "text": "Shorten a URL."}]


def test_given_raises_for_an_invalid_design():
    with pytest.raises(DesignError):
        given({"name": "x", "workloads": [{"name": "w"}]})
