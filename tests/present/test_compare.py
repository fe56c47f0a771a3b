"""estimator.present.compare: the compare page's rows, figures and differences as text."""

import pytest

from estimator.engine import estimate
from estimator.engine.compare import HEADLINE_PATHS, compare, compare_all
from estimator.present.compare import compare_table, format_difference
from estimator.present.units import fmt_money, fmt_ms


@pytest.mark.parametrize(
    ("difference", "unit", "text", "direction"),
    [
        ({"absolute": 3400, "relative": 0.12}, "rate", "+12% / +3.4K/s", "up"),
        ({"absolute": -3400, "relative": -0.034}, "rate", "-3.4% / -3.4K/s", "down"),
        ({"absolute": 19251.5, "relative": 4.94}, "rate", "+494% / +19.3K/s", "up"),
        ({"absolute": -2e12, "relative": -0.5}, "bytes", "-50% / -2 TB", "down"),
        ({"absolute": 1.5e6, "relative": None}, "bytes_rate", "+1.5 MB/s", "up"),
        ({"absolute": 0.0009, "relative": 0.0009}, "fraction", "+0.09 pp", "up"),
        ({"absolute": 0.3, "relative": 0.1}, "number", "+10% / +0.30", "up"),
        ({"absolute": 0.0, "relative": 0.0}, "rate", "same", "same"),
        ({"absolute": None, "relative": None}, "number", "—", "none"),
    ],
)
def test_format_difference(difference, unit, text, direction):
    assert format_difference(difference, unit) == {"text": text, "direction": direction}


def test_compare_table_formats_values_and_marks_the_base(design):
    bigger = {**design, "workloads": [{**w, "rate": 112} if w.get("rate") else w
                                      for w in design["workloads"]]}

    rows = compare_table(compare([estimate(design), estimate(bigger)]))

    writes = next(row for row in rows if row["key"] == "traffic.write_rps")
    assert writes["label"] == "Writes per second"
    assert writes["cells"][0] == {"value": "100/s", "text": "base", "direction": "base"}
    assert writes["cells"][1] == {"value": "112/s", "text": "+12% / +12/s", "direction": "up"}
    cache = next(row for row in rows if row["key"] == "cache.bytes_per_day")  # reads unchanged
    assert cache["cells"][1]["direction"] == "same"


@pytest.mark.parametrize(
    ("difference", "unit"),
    [
        ({"absolute": 1e-17, "relative": 1e-17}, "fraction"),
        ({"absolute": 2e-15, "relative": 5e-16}, "number"),
        ({"absolute": 1e-12, "relative": None}, "rate"),
    ],
)
def test_float_noise_is_the_same(difference, unit):
    assert format_difference(difference, unit) == {"text": "same", "direction": "same"}


def test_compare_all_adds_the_monthly_cost_and_the_slowest_p99(design):
    new = estimate(design)
    rows = compare_all([new, new])

    routes = [f"latency.workloads[{w['name']}].p99_ms" for w in design["workloads"]]
    assert [r["key"] for r in rows] == list(HEADLINE_PATHS) + [
        "cost.total_month", "latency.worst_p99_ms", *routes]
    cells = compare_table(rows)[-2 - len(routes)]["cells"]
    assert cells[0]["value"] == fmt_money(new["cost"]["total_month"])
    assert cells[1]["text"] == "same"


def test_compare_all_gives_the_slowest_routes_p99(design):
    design["components"][1]["instances"] = 4  # api no longer saturated: every route has a p99
    result = estimate(design)
    slowest = max(w["p99_ms"] for w in result["latency"]["workloads"])
    no_routes = estimate({**design, "workloads": []})

    row = next(r for r in compare_table(compare_all([result, no_routes]))
               if r["key"] == "latency.worst_p99_ms")

    assert row["label"] == "Slowest route's p99 latency at peak"
    assert row["cells"][0]["value"] == fmt_ms(slowest) and row["cells"][1]["value"] == "—"
    saturated = estimate({**design, "components": [*design["components"][:1],
                                                   {**design["components"][1], "instances": 1},
                                                   *design["components"][2:]]})
    worst = next(r for r in compare_all([saturated]) if r["key"] == "latency.worst_p99_ms")
    assert worst["values"] == [None]  # a saturated route has no p99

