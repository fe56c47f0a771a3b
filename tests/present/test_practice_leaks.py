"""estimator.present.practice: what the practice page shows never gives an answer away: the
design's free texts lose the figures within 2x of an asked one; the fields teach the format
without a number."""

import json
import re
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from estimator.engine import estimate
from estimator.present.practice import (
    FIGURES,
    HIDDEN,
    UNIT_WORDS,
    asked_figures,
    figures_in_text,
    given,
    gives_away,
    hide_asked_figures,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"

# Crafted answers: 12,000 requests/s, 5 TB a day, 18 PB in all, 60 MB/s in and 2 MB/s out,
# 30 GB of cache a day, 99.9% available.
ASKED = [("total_rps", "rate", 12_000.0), ("storage_per_day", "bytes", 5e12),
         ("storage_total", "bytes", 18e15), ("ingress", "bytes_rate", 60e6),
         ("egress", "bytes_rate", 2e6), ("cache_per_day", "bytes", 30e9),
         ("availability", "fraction", 0.999)]


def _found(text: str) -> list[tuple[str, str, float]]:
    return [(text[start:end], unit, value) for start, end, unit, value in figures_in_text(text)]


@pytest.mark.parametrize(("text", "unit", "value"), [
    ("12K requests/s", "rate", 12_000),
    ("~7.7K reads/s", "rate", 7_700),
    ("12,000 requests per second", "rate", 12_000),
    ("1.2e4/s", "rate", 12_000),
    ("3 million qps", "rate", 3e6),
    ("12B requests/s", "rate", 12e9),
    ("6 TB", "bytes", 6e12),
    ("35GB", "bytes", 35e9),
    ("500 bytes", "bytes", 500),
    ("1.5 TiB", "bytes", 1.5 * 1024 ** 4),
    ("2 MB/s", "bytes_rate", 2e6),
    ("100 B/s", "bytes_rate", 100),
    ("100 Mbps", "bytes_rate", 12.5e6),
    ("99.9%", "fraction", 0.999),
    ("8.76 hours down a year", "fraction", 0.999),
])
def test_figures_in_text_reads_each_way_a_figure_is_written(text, unit, value):
    [(said, found_unit, found_value)] = _found(f"it takes {text}, they say")

    assert (said.lstrip("~"), found_unit) == (text.lstrip("~"), unit)
    assert found_value == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize("text", [
    "1 billion tweets a day", "200 million daily active users", "5 tweets a day",
    "10 years", "p99 100 ms", "a 200:1 read:write ratio", "v2.0", "x12", "$3,000 a month",
])
def test_counts_durations_and_bare_numbers_are_not_figures(text):
    assert _found(text) == []


def test_a_figure_within_2x_of_an_asked_one_is_hidden():
    text = "A high request throughput (12K requests/s), 9 TB a day, 37 PB over 10 years."

    assert hide_asked_figures(text, ASKED) == (
        f"A high request throughput ({HIDDEN}), {HIDDEN} a day, 37 PB over 10 years.")


def test_bandwidth_cache_and_availability_are_hidden_too():
    text = "Uploads of 100 MB/s; 1 MB/s served; a 16 GB cache; 99.95% up, 8.76 hours down a year."

    assert hide_asked_figures(text, ASKED) == (
        f"Uploads of {HIDDEN}; {HIDDEN} served; a {HIDDEN} cache; {HIDDEN} up, {HIDDEN}.")


def test_a_figure_of_another_unit_or_past_2x_stays():
    """What the candidate works from stays: sizes, counts a day, and figures not asked."""
    text = ("200 million users post 5 tweets a day of ~100 bytes; 10% carry a 50 KB file. "
            "12 TB of RAM is bytes, not a rate; 99.99% is 10x less downtime.")

    assert hide_asked_figures(text, ASKED) == text


def test_every_rate_is_hidden_even_past_2x():
    """A rate is worked out from the counts a day, never given: Twitter's "12K requests/s"
    (its writes) is 5x under its total once the reads count, and still half the working."""
    text = "Peak 25K/s is past 2x; 0 B/s out, 1 KB/s in."

    assert hide_asked_figures(text, ASKED) == (
        f"Peak {HIDDEN} is past 2x; {HIDDEN} out, {HIDDEN} in.")


@pytest.mark.parametrize("slug", ["twitter", "url-shortener", "netflix"])
def test_given_hides_the_examples_figures_that_are_asked(slug):
    document = json.loads((EXAMPLES / f"{slug}.json").read_text())
    asked = asked_figures(estimate(document))

    shown = given(document, estimate(document))

    texts = [shown["description"], *(item["text"] for item in shown["requirements"])]
    for text in texts:
        for start, end, *_ in figures_in_text(text):
            assert hide_asked_figures(text[start:end], asked) == text[start:end]
    assert given(document)["description"] == document["description"]  # no estimate: as is


def test_twitters_requirement_loses_its_throughput():
    document = json.loads((EXAMPLES / "twitter.json").read_text())

    shown = given(document, estimate(document))

    [scale] = [item["text"] for item in shown["requirements"] if "throughput" in item["text"]]
    assert f"a high request throughput ({HIDDEN})" in scale
    assert "200 million daily active users" in shown["description"]  # an input, kept


def test_no_field_teaches_its_format_with_a_number():
    """Any number in a hint would be near some design's answer (the URL shortener's once were
    all its own): the hints name the units in words."""
    for figure in FIGURES:
        assert not re.search(r"\d", figure.format_hint + UNIT_WORDS[figure.unit])


# Texts made of figures, units and the words round them, run together in any order.
PIECES = ["12K", "12,000", "1.2e4", "9", "0", "99.9", "8.76", " ", "~", "%", "/s", "B", "TB",
          "MB/s", "Mbps", " requests", " per second", " hours down a year", "(", ")", ",", "."]


@hypothesis.given(pieces=st.lists(st.sampled_from(PIECES), max_size=30))
def test_hiding_leaves_no_asked_figure_and_never_fails(pieces):
    text = "".join(pieces)

    shown = hide_asked_figures(text, ASKED)

    assert not any(gives_away(unit, value, ASKED) for *_, unit, value in figures_in_text(shown))
    if HIDDEN not in shown:
        assert shown == text
