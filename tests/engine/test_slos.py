"""The design's SLOs against the estimate's own figures, with hand-computed values."""

import math

import pytest

from estimator.engine import estimate
from estimator.engine.result import EstimateView
from estimator.present.slos import slo_table

# Two components in series, so fast (a billion requests a second each) that they never
# queue (a chance of waiting under 1e-6: the route's p99 is the sum of the constants),
# priced by hand, nothing stored or sent out.
SMALL = {
    "name": "SLO design",
    "workloads": [{"name": "redirect", "kind": "read", "rate": 100, "per": "second",
                   "request_bytes": 0, "response_bytes": 0, "stored_bytes": 0,
                   "route": ["api", "db"]}],
    "components": [
        {"key": "api", "kind": "service", "instances": 2, "availability": 0.999,
         "redundancy": "active-passive", "latency_ms": 30, "price_month": 70,
         "capacity_rps": 1e9},
        {"key": "db", "kind": "database", "availability": 0.999, "latency_ms": 20,
         "price_month": 200, "capacity_rps": 1e9},
    ],
}


def _slos(slos: dict) -> tuple[dict, list[dict]]:
    result = estimate({**SMALL, "slos": slos})
    return result, result["slos"]


def test_the_small_designs_figures_by_hand():
    result = estimate(SMALL)
    # api active-passive of two: 1 - 0.001^2 = 0.999999; db 0.999: in series 0.998999001.
    assert result["availability"]["requests_served"] == pytest.approx(0.999999 * 0.999)
    assert result["latency"]["workloads"][0]["p99_ms"] == pytest.approx(50)  # 30 + 20 ms
    assert result["cost"]["total_month"] == pytest.approx(2 * 70 + 200)  # 340
    assert result["slos"] == []


def test_an_availability_target_above_the_figure_is_missed_by_its_margin():
    result, [row] = _slos({"availability": 0.9999})
    actual = 0.999999 * 0.999  # 0.998999001
    assert row["kind"] == "availability" and row["workload"] is None
    assert row["target"] == 0.9999
    assert row["actual"] == pytest.approx(actual)
    assert row["met"] is False
    assert row["margin"] == pytest.approx(actual - 0.9999)  # -0.000900999: -0.09 points
    # nines: -log10(0.001000999) = 2.99957 against 4: -1.00043
    assert row["margin_nines"] == pytest.approx(-math.log10(1 - actual) - 4)
    assert row["margin_nines"] == pytest.approx(-1.00043, abs=1e-5)
    assert row["margin_relative"] is None
    text = EstimateView.from_document(result).derivation_text("slos.availability")
    assert "requests served 99.8999%" in text and "against 99.99%" in text
    assert "-0.0901 percentage points" in text and "-1.00 nines" in text
    assert text.endswith(": missed (improve db first: were it perfect, availability would rise "
                         "to 99.9999%)")


def test_an_availability_target_below_the_figure_is_met():
    _, [row] = _slos({"availability": 0.99})
    assert row["met"] is True
    assert row["margin"] == pytest.approx(0.998999001 - 0.99)
    assert row["margin_nines"] == pytest.approx(-math.log10(1 - 0.998999001) - 2)


def test_a_p99_target_above_the_routes_p99_is_met():
    result, [row] = _slos({"p99_ms": {"redirect": 200}})
    assert row["kind"] == "p99" and row["workload"] == "redirect"
    assert row["target"] == 200 and row["actual"] == pytest.approx(50)
    assert row["met"] is True
    assert row["margin"] == pytest.approx(150)  # 200 - 50 ms
    assert row["margin_relative"] == pytest.approx(0.75)  # 150 / 200
    text = EstimateView.from_document(result).derivation_text("slos.p99_ms[redirect]")
    assert text == ("p99 SLO of redirect: route p99 50.0 ms against 200 ms: margin = "
                    "target - actual = 150 ms (75% of the target): met")


def test_a_p99_target_below_the_routes_p99_is_missed():
    _, [row] = _slos({"p99_ms": {"redirect": 40}})
    assert row["met"] is False
    assert row["margin"] == pytest.approx(-10)
    assert row["margin_relative"] == pytest.approx(-0.25)


def test_a_saturated_route_misses_its_p99_target_with_no_margin():
    saturated = {**SMALL, "slos": {"p99_ms": {"redirect": 200}}}
    saturated["components"] = [{**SMALL["components"][0], "capacity_rps": 10},
                               SMALL["components"][1]]
    [row] = estimate(saturated)["slos"]
    assert row["actual"] is None and row["met"] is False and row["margin"] is None


def test_a_budget_below_the_cost_is_missed():
    result, [row] = _slos({"monthly_budget": 300})
    assert row["kind"] == "budget"
    assert row["actual"] == pytest.approx(340)
    assert row["met"] is False
    assert row["margin"] == pytest.approx(-40)  # 300 - 340
    assert row["margin_relative"] == pytest.approx(-40 / 300)
    text = EstimateView.from_document(result).derivation_text("slos.monthly_budget")
    assert text == ("budget SLO: cost $340 a month against $300: margin = target - actual "
                    "= -$40 (-13.3% of the budget): missed (the largest part is db "
                    "(1 x $200): $200 a month)")


def test_every_target_in_order_and_the_typed_view_reads_them():
    result, rows = _slos({"monthly_budget": 5000, "p99_ms": {"redirect": 200},
                          "availability": 0.999})
    assert [r["kind"] for r in rows] == ["availability", "p99", "budget"]
    assert [r["met"] for r in rows] == [False, True, True]
    view = EstimateView.from_document(result)
    assert [s.kind for s in view.slos] == ["availability", "p99", "budget"]
    assert view.slos[2].margin == pytest.approx(4660)


def test_the_engine_version_is_past_the_one_without_slos():
    """3 added slos; 4 the derivations of latency, served share and replica spread, and
    replicas in importance: older estimates are computed again."""
    from estimator.engine.version import ENGINE_VERSION

    assert ENGINE_VERSION >= 4 and estimate(SMALL)["engine_version"] == ENGINE_VERSION


def test_a_missed_target_says_where_to_look_first():
    result, rows = _slos({"availability": 0.9999, "p99_ms": {"redirect": 40},
                          "monthly_budget": 300})
    # db (0.999) is the least available step: perfect, the route is api's 0.999999.
    assert rows[0]["why"] == ("improve db first: were it perfect, availability would rise "
                              "to 99.9999%")
    assert rows[1]["why"].startswith("the slowest step is api (p99 30.0 ms")
    assert rows[2]["why"] == "the largest part is db (1 x $200): $200 a month"  # api: $140
    met = _slos({"p99_ms": {"redirect": 200}})[1]
    assert met[0]["why"] is None


def test_a_saturated_step_is_named_first():
    saturated = {**SMALL, "slos": {"p99_ms": {"redirect": 200}}}
    saturated["components"] = [{**SMALL["components"][0], "capacity_rps": 10},
                               SMALL["components"][1]]
    [row] = estimate(saturated)["slos"]
    assert row["why"] == "api on its route is saturated at peak: add instances or capacity"


def test_a_workload_whose_requests_all_fail_misses_its_p99_target():
    # The database down (availability 0, as a what-if's failure makes it): no request of
    # 'redirect' completes, so its 50 ms route latency is no p99 it meets.
    down = {**SMALL, "components": [SMALL["components"][0],
                                    {**SMALL["components"][1], "availability": 0.0}],
            "slos": {"p99_ms": {"redirect": 200}}}
    result = estimate(down)
    (row,) = result["slos"]
    assert (row["actual"], row["met"], row["margin"]) == (None, False, None)
    assert row["why"].startswith("no request of it is served")
    derivation = next(d for d in result["derivations"] if d["key"] == "slos.p99_ms[redirect]")
    assert "no request is served" in derivation["text"]
    table = slo_table(EstimateView.of(result))
    assert table["rows"][0]["estimated"] == "no requests served"
    # Served again (the database up), the same target is met with its margin.
    assert estimate({**SMALL, "slos": {"p99_ms": {"redirect": 200}}})["slos"][0]["met"]
