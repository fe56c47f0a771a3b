import pytest

from estimator.engine.units import (
    approx_bytes,
    approx_count,
    fmt_bytes,
    fmt_count,
    fmt_duration,
    fmt_percent,
    round_interview,
)


@pytest.mark.parametrize(("value", "rounded"), [
    (3858, 4000), (38.58, 40), (23148, 23000), (11574, 12000), (1.93e6, 1.9e6), (0, 0),
])
def test_round_interview_keeps_one_or_two_significant_figures(value, rounded):
    assert round_interview(value) == pytest.approx(rounded)


def test_decimal_units():
    assert fmt_bytes(6.083e12) == "6.08 TB"
    assert fmt_bytes(500) == "500 B"
    assert fmt_bytes(1.825e18) == "1.82 EB"
    assert fmt_count(3858) == "3.86K"
    assert fmt_count(2e9) == "2B"


def test_approx_figures_read_like_the_handbook():
    assert approx_count(3858) == "~4K"
    assert approx_count(23148) == "~23K"
    assert approx_bytes(6.083e12) == "~6 TB"
    assert approx_bytes(118e6) == "~120 MB"


def test_percent_and_duration():
    assert fmt_percent(0.998001) == "99.8001%"
    assert fmt_percent(0.999) == "99.9%"
    assert fmt_percent(1 - 1e-12, 6) == ">99.999999%"
    assert fmt_percent(1.0) == "100%"
    assert fmt_duration(31557.6) == "8.77 hours"
    assert fmt_duration(30) == "30 seconds"
