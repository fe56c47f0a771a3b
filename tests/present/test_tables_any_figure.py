"""The tables of every shape of design, and their formatters at any figure: text a person
can read, never "nan", "inf" or "-0", and short enough for a table cell."""

import math

import pytest

from estimator.engine import availability, compare, estimate
from estimator.present import tables
from tests.design_shapes import SHAPES, unformatted

FIGURES = [0, -0.0, 5e-324, 1e-320, 1e-9, 0.05, 0.5, 99.99, 999.5, 999_999.5, 1e21, 1e300,
           1.7976931348623157e308]
FORMATTERS = [tables.exact_rate, tables.fmt_money, tables.fmt_ms, tables.fine_duration]
_ESTIMATES: dict[str, dict] = {}


def estimated(shape: str) -> dict:
    if shape not in _ESTIMATES:
        _ESTIMATES[shape] = estimate(SHAPES[shape])
    return _ESTIMATES[shape]


def texts(value) -> list[str]:
    """Every string in a table (nested dicts and lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in texts(item)]
    return []


def every_table(document: dict, result: dict) -> dict:
    rows = tables.component_table(result)
    return {
        "estimate": tables.estimate_table(result),
        "workloads": tables.workload_table(result),
        "components": tables.with_n_plus_one(rows, result),
        "availability": tables.availability_summary(result),
        "headroom": tables.headroom_summary(result),
        "headline": tables.headline(result),
        "text": tables.render_text(document["name"], result),
        "resources": tables.resource_table(result),
        "component_availability": tables.component_availability_rows(result),
        "routes": tables.route_availability_rows(document, result),
        "overload": tables.overload_table(result),
        "importance": tables.importance_rows(result),
        "improve_first": tables.improve_first(result),
        "latency": tables.latency_tables(result),
        "growth": tables.growth_summary(result),
        "cost": tables.cost_summary(result),
        "uncertainty": tables.uncertainty_table(result),
        "sensitivity": tables.sensitivity_table(result),
    }


@pytest.mark.parametrize("value", FIGURES)
@pytest.mark.parametrize("formatter", FORMATTERS, ids=lambda f: f.__name__)
def test_every_table_formatter_writes_any_figure_short_and_readable(formatter, value):
    text = formatter(value)

    assert unformatted(text) == [], text
    assert 0 < len(text) <= 32, text
    assert "e+" not in text and "e-0" not in text, text


@pytest.mark.parametrize("value", [None, math.nan, math.inf])
def test_table_formatters_show_a_missing_figure_as_a_dash_or_saturated(value):
    assert tables.exact_rate(value) == "—"
    assert tables.fmt_money(value) == "—"
    assert tables.fine_duration(value) == "—"
    assert tables.fmt_ms(value) in ("saturated", "—")


def test_a_tiny_rate_keeps_its_significant_figures():
    assert tables.exact_rate(3.1709e-8) == "3.17e-8/s"  # once "0.0/s"
    assert tables.exact_rate(0.05) == "0.05/s"
    assert tables.exact_rate(38.58) == "38.6/s"
    assert tables.exact_rate(0) == "0.0/s"


@pytest.mark.parametrize("value", FIGURES)
@pytest.mark.parametrize("unit", ["rate", "bytes", "bytes_rate", "fraction", "money", "ms",
                                  "number"])
def test_compare_differences_read_at_any_figure(unit, value):
    for absolute, relative in ((value, value), (-value, -value), (value, None)):
        result = tables.format_difference({"absolute": absolute, "relative": relative}, unit)

        assert unformatted(result["text"]) == [], result
        assert len(result["text"]) <= 48, result


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_a_compare_difference_that_is_no_number_shows_a_dash(value):
    assert tables.format_difference({"absolute": value, "relative": value}, "rate") == {
        "text": "—", "direction": "none"}
    assert tables.format_difference({"absolute": 5.0, "relative": value}, "rate") == {
        "text": "+5/s", "direction": "up"}
    assert tables.uncertainty_table({**estimated("one-component"), "uncertainty": {
        "samples": 2, "seed": 1, "inputs": ["x"],
        "figures": [{"key": "k", "label": "K", "p10": value, "p50": 1.0, "p90": 2.0}]}},
    )["rows"][0]["p10"] == "—"


@pytest.mark.parametrize("shape", SHAPES)
def test_every_table_of_every_shape_reads_without_nan_inf_or_minus_zero(shape):
    document = SHAPES[shape]

    found = [(text, bad) for text in texts(every_table(document, estimated(shape)))
             for bad in unformatted(text)]

    assert found == []


@pytest.mark.parametrize("shape", ["no-workloads", "alternatives", "every-kind", "unavailable",
                                   "huge-figures", "tiny-figures"])
def test_the_compare_table_reads_for_every_shape_against_another(shape):
    estimates = [estimated("one-component"), estimated(shape)]

    rows = tables.compare_table(compare.compare_all(estimates))

    found = [bad for text in texts(rows) for bad in unformatted(text)]
    assert rows and found == []


def test_availability_zero_shows_zero_nines_not_minus_zero():
    result = estimated("unavailable")

    assert tables.availability_summary(result)["nines"] == "0.00"  # was "-0.00"
    assert tables.headline(result)["nines"] == "0.00"
    assert {row["nines"] for row in tables.component_availability_rows(result)} == {"0.00"}
    assert tables.route_availability_rows(SHAPES["unavailable"], result)[0]["nines"] == "0.00"


def test_the_availability_calculator_reads_at_zero_and_one():
    blocks = [{"availability": 0.0, "instances": 1}, {"availability": 1.0, "instances": 3}]
    summary = tables.blocks_summary(availability.blocks_in_series(blocks))

    assert summary["nines"] == "0.00"
    assert [bad for text in texts(summary) for bad in unformatted(text)] == []
    assert [bad for text in texts(tables.nines_table(availability.nines_ladder()))
            for bad in unformatted(text)] == []


def test_huge_figures_fit_a_table_cell():
    result = estimated("huge-figures")
    rows = tables.estimate_table(result) + tables.resource_table(result)
    figures = [row[column] for row in rows for column in ("exact", "approx")]
    figures += list(tables.headline(result).values())
    figures += [row[column] for row in tables.component_table(result)
                for column in ("load", "peak_load", "capacity", "utilization")]

    assert max(len(text) for text in figures) <= 16
    assert "1e63 B" in figures  # the cache need: 1e21 users x 1e21 reads x 1e21 bytes


def test_route_rows_show_alternatives_with_fan_out_steps():
    rows = {r["name"]: r for r in tables.route_availability_rows(
        SHAPES["alternatives"], estimated("alternatives"))}

    assert rows["page"]["route"] == "client → cdn | lb + east → db"
    assert rows["save"]["route"] == "client → lb → east | west → db"
    assert rows["page"]["method"] == "exact, 2 paths"
