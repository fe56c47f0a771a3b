import pytest

from estimator.present import units
from estimator.present.units import (
    approx_bytes,
    approx_count,
    fmt_bytes,
    fmt_count,
    fmt_duration,
    fmt_input,
    fmt_money,
    fmt_ms,
    fmt_percent,
    fmt_plain,
    round_interview,
)
from tests.design_shapes import unformatted


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


# ---- any figure: 0, subnormals, the smallest and largest inputs, far past them ---------------

FORMATTERS = [units.fmt_bytes, units.fmt_count, units.approx_bytes, units.approx_count,
              units.fmt_percent, units.fmt_duration, units.fmt_nines]
FIGURES = [0, 0.0, -0.0, 5e-324, 1e-320, 1e-310, 1e-9, 0.004, 0.5, 999.5, 999.9999,
           999_999.5, 1e21, 1e300, 1.7976931348623157e308]


@pytest.mark.parametrize("value", FIGURES)
@pytest.mark.parametrize("formatter", FORMATTERS, ids=lambda f: f.__name__)
def test_every_formatter_writes_any_figure_short_and_without_nan_inf_or_minus_zero(
        formatter, value):
    text = formatter(value)

    assert unformatted(text) == [], text
    assert 0 < len(text) <= 24, text
    assert "e+" not in text and "e-0" not in text, text  # 1e21, 3.2e-8: no padded exponents


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
@pytest.mark.parametrize("formatter", FORMATTERS, ids=lambda f: f.__name__)
def test_every_formatter_shows_a_figure_that_is_no_number_as_a_dash(formatter, value):
    expected = "perfect" if formatter is units.fmt_nines and value == float("inf") else "—"

    assert formatter(value) == expected


@pytest.mark.parametrize("formatter", FORMATTERS, ids=lambda f: f.__name__)
def test_every_formatter_shows_none_as_a_dash(formatter):
    assert formatter(None) == ("perfect" if formatter is units.fmt_nines else "—")


@pytest.mark.parametrize("formatter", FORMATTERS, ids=lambda f: f.__name__)
def test_every_formatter_takes_integers_as_jsonb_gives_them_back(formatter):
    assert formatter(10**21) == formatter(1e21)  # PostgreSQL returns 1e21 as an integer
    assert formatter(10**400) == "—"  # past the largest float: no figure to show


def test_round_interview_rounds_subnormal_and_huge_figures_without_dividing_by_zero():
    assert round_interview(5e-324) == 5e-324  # 10**-324 underflows to 0.0
    assert round_interview(1.23e-320) == pytest.approx(1.2e-320, rel=0.01)
    assert round_interview(1.7976931348623157e308) == 1.7976931348623157e308  # not inf
    assert round_interview(2.96e-9) == pytest.approx(3.0e-9)


def test_a_negative_zero_shows_as_zero():
    assert units.fmt_nines(-0.0) == "0.00"
    assert units.fmt_nines(-1e-17) == "0.00"
    assert units.fmt_percent(-0.0) == "0%"
    assert units.fmt_duration(-0.0) == "0 seconds"
    assert units.fmt_count(-0.0) == "0"
    assert units.approx_bytes(-0.0) == "~0 B"


def test_tiny_figures_keep_three_significant_figures_in_short_scientific_form():
    assert units.fmt_count(3.1709e-8) == "3.17e-8"
    assert units.fmt_bytes(1e-9) == "1e-9 B"
    assert units.approx_count(3.1709e-8) == "~3e-8"
    assert units.fmt_duration(1e-9) == "1e-9 seconds"


def test_a_figure_that_rounds_to_1000_moves_to_the_next_unit():
    assert units.fmt_bytes(999.7) == "1 KB"  # not "1e+03 B"
    assert units.fmt_count(999_999.5) == "1M"
    assert units.fmt_bytes(1e21) == "1,000 EB"


def test_figures_past_the_largest_unit_are_written_in_scientific_form():
    assert units.fmt_bytes(1e300) == "1e300 B"
    assert units.fmt_count(8.64e25) == "8.64e25"
    assert units.approx_count(1.7976931348623157e308) == "~1.8e308"
    assert units.fmt_duration(1e300) == "1.16e295 days"


def test_a_tiny_non_zero_percentage_is_not_rounded_down_to_zero():
    assert units.fmt_percent(1e-9, 6) == "<0.000001%"
    assert units.fmt_percent(1e-12) == "<0.0001%"
    assert units.fmt_percent(0) == "0%"


def test_fractions_and_factors_format_any_figure():
    assert units.fmt_fraction(0.7) == "70%"
    assert units.fmt_fraction(0.0315, 1) == "3.1%"
    assert units.fmt_fraction(-0.0) == "0%"
    assert units.fmt_fraction(1e300) == "1e302%"
    assert units.fmt_fraction(None) == units.fmt_fraction(float("nan")) == "—"
    assert units.fmt_factor(2.5) == "2.50x"
    assert units.fmt_factor(1e300) == "1e300x"
    assert units.fmt_factor(float("inf")) == "—"


@pytest.mark.parametrize(("value", "text"), [
    (10_000, "10,000"), (0.9999, "0.9999"), (2.5, "2.5"), (1.0, "1"), (0, "0"), (-0.0, "0"),
    (1e-9, "0"), (1e21, "1e21"), (None, "—"), (float("nan"), "—"),
])
def test_fmt_plain_writes_a_number_as_typed(value, text):
    assert fmt_plain(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (10_000_000_000, "10,000,000,000"), (0.05, "0.05"), (38.6, "38.6"), (1.2e21, "1.2e21"),
])
def test_fmt_input_writes_an_input_as_the_user_would(value, text):
    assert fmt_input(value) == text


def test_fmt_money_shows_whole_units_from_100_and_cents_below():
    assert fmt_money(107_001.2) == "$107,001"
    assert fmt_money(12.5) == "$12.50"
    assert fmt_money(70.0) == "$70"
    assert fmt_money(12.5, "EUR") == "€12.50"
    assert fmt_money(1234, "CHF") == "1,234 CHF"
    assert fmt_money(None) == "—"


def test_fmt_ms_keeps_three_figures_and_names_a_saturated_queue():
    assert [fmt_ms(v) for v in (1.0055, 23.54, 465.9, 1234.5)] == [
        "1.01 ms", "23.5 ms", "466 ms", "1,234 ms"]
    assert fmt_ms(None) == "saturated"
