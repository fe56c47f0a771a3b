import json
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.engine.practice import (
    OFF,
    WITHIN_2X,
    WITHIN_10X,
    grade,
    parse_figure,
    score,
    tally,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"


@pytest.fixture(scope="module")
def url_shortener() -> dict:
    return json.loads((EXAMPLES / "url-shortener.json").read_text())


# ---- parse_figure ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("4K", "rate", 4_000),
        ("4k", "rate", 4_000),
        ("12,000", "rate", 12_000),
        ("1,234,567.5", "rate", 1_234_567.5),
        ("3.5M", "rate", 3_500_000),
        ("2 billion", "rate", 2e9),
        ("1.2e4", "rate", 12_000),
        ("4K/s", "rate", 4_000),
        ("400 rps", "rate", 400),
        ("38.6 requests per second", "rate", 38.6),
        ("6 TB", "bytes", 6e12),
        ("35GB", "bytes", 35e9),
        ("500 mb", "bytes", 500e6),
        ("6T", "bytes", 6e12),
        ("1 KiB", "bytes", 1024),
        ("1.5 PB", "bytes", 1.5e15),
        ("500", "bytes", 500),
        ("12 bytes", "bytes", 12),
        ("2 MB/s", "bytes_rate", 2e6),
        ("2MB", "bytes_rate", 2e6),
        ("2 MBps", "bytes_rate", 2e6),
        ("20 KB per second", "bytes_rate", 20e3),
        ("100 Mbps", "bytes_rate", 12.5e6),
        ("1 Gbit/s", "bytes_rate", 125e6),
        ("99.9%", "fraction", 0.999),
        ("0.999", "fraction", 0.999),
        ("99.99", "fraction", 0.9999),
        ("3 nines", "fraction", 0.999),
        ("100%", "fraction", 1.0),
        ("1", "fraction", 1.0),
        ("  4K  ", "rate", 4_000),
    ],
)
def test_parse_figure_reads_what_people_write(text, unit, value):
    assert parse_figure(text, unit) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("", "rate", "enter an estimate"),
        ("   ", "bytes", "enter an estimate"),
        ("lots", "rate", "'lots' does not start with a number"),
        ("TB", "bytes", "'TB' does not start with a number"),
        ("1,5", "rate", "write commas only between thousands, and a dot for decimals"),
        ("-3", "rate", "an estimate cannot be negative"),
        ("4 apples", "rate", "unknown unit 'apples' for requests per second"),
        ("4K/day", "rate", "give the rate per second (with /s or nothing), not per day"),
        ("6 XB", "bytes", "unknown unit 'XB' (write a number with KB, MB, GB, TB or PB)"),
        ("2 MB/h", "bytes_rate",
         "unknown unit 'MB/h' (write a number with KB/s, MB/s, GB/s, or Mbps for bits)"),
        ("150%", "fraction", "an availability is between 0% and 100%"),
        ("250", "fraction", "an availability is between 0% and 100%"),
        ("high", "fraction", "'high' does not start with a number"),
        ("99.9 percent", "fraction",
         "write an availability as a percentage, a fraction or a number of nines"),
        ("1e400", "rate", "'1e400' is too large"),
        ("4", "furlongs", "unknown unit 'furlongs'"),
    ],
)
def test_parse_figure_names_the_problem(text, unit, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_figure(text, unit)


# ---- score ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("guess", "actual", "expected"),
    [
        (100, 100, WITHIN_2X),
        (200, 100, WITHIN_2X),  # exactly 2x is within 2x
        (50, 100, WITHIN_2X),
        (201, 100, WITHIN_10X),
        (1_000, 100, WITHIN_10X),  # exactly 10x is within an order of magnitude
        (10, 100, WITHIN_10X),
        (1_001, 100, OFF),
        (9.99, 100, OFF),
        (0, 0, WITHIN_2X),
        (0, 5, OFF),
        (5, 0, OFF),
    ],
)
def test_score_uses_the_ratio_either_way(guess, actual, expected):
    assert score(guess, actual) == expected


@pytest.mark.parametrize(
    ("guess", "actual", "expected"),
    [
        (0.998, 0.999, WITHIN_2X),  # twice the downtime, despite float noise in 1 - a
        (0.99, 0.999, WITHIN_10X),  # ten times the downtime
        (0.9, 0.999, OFF),  # a hundred times, although both read "about 100%"
        (0.99999, 0.999, OFF),
        (1.0, 1.0, WITHIN_2X),
        (1.0, 0.9999, OFF),  # no downtime against some
    ],
)
def test_availability_is_scored_on_unavailability(guess, actual, expected):
    assert score(guess, actual, availability=True) == expected


def test_score_refuses_negative_figures():
    with pytest.raises(ValueError):
        score(-1, 5)


# ---- grade, tally -----------------------------------------------------------------------


def test_grade_scores_only_the_figures_guessed(url_shortener):
    result = estimate(url_shortener)

    scores = grade({"total_rps": 4_000, "storage_total": 1e12, "availability": 0.9}, result)

    assert scores == {"total_rps": WITHIN_2X, "storage_total": WITHIN_10X, "availability": OFF}
    assert tally(scores) == {"within_2x": 1, "within_10x": 1, "off": 1, "total": 3}


def test_grade_refuses_unknown_figures(url_shortener):
    with pytest.raises(ValueError, match="unknown figures: latency"):
        grade({"latency": 5}, estimate(url_shortener))


def test_a_guess_across_lines_is_read_or_refused_never_an_error():
    # "(.*)$" stopped at a line break, and the match was None: an AttributeError, a 500.
    assert parse_figure("12\nK", "rate") == 12_000
    with pytest.raises(ValueError, match="does not start with a number"):
        parse_figure("a\nb", "rate")
