import pytest

from estimator.engine import estimate
from estimator.engine.availability import (
    downtime,
    from_mtbf,
    k_of_n,
    nines,
    parallel,
    series,
)


def test_series_multiplies():
    assert series([0.999, 0.999]) == pytest.approx(0.998001, abs=1e-12)


def test_two_instances_in_parallel():
    assert parallel([0.999, 0.999]) == pytest.approx(0.999999, abs=1e-12)


def test_two_of_three_at_99_percent():
    assert k_of_n(0.99, 2, 3) == pytest.approx(0.999702, abs=1e-12)


def test_k_of_n_bounds_match_series_and_parallel():
    assert k_of_n(0.9, 3, 3) == pytest.approx(series([0.9] * 3))
    assert k_of_n(0.9, 1, 3) == pytest.approx(parallel([0.9] * 3))


def test_mtbf_and_mttr():
    assert from_mtbf(1000, 1) == pytest.approx(0.999001, abs=1e-6)


def test_three_nines_are_down_8_77_hours_a_year():
    assert downtime(0.999)["year_s"] / 3600 == pytest.approx(8.77, abs=0.005)


def test_downtime_month_is_a_twelfth_of_the_year_and_week_seven_days():
    down = downtime(0.99)
    assert down["month_s"] == pytest.approx(down["year_s"] / 12)
    assert down["week_s"] == pytest.approx(0.01 * 7 * 86400)
    assert down["day_s"] == pytest.approx(864)


def test_nines_count():
    assert nines(0.999) == pytest.approx(3)
    assert nines(0.99999) == pytest.approx(5)
    assert nines(1.0) is None


def _components(result):
    return {c["key"]: c["availability"] for c in result["availability"]["components"]}


def test_component_redundancies(design):
    design["components"][1].update(instances=2, availability=0.999)
    design["components"][3].update(instances=3, availability=0.99, redundancy="k-of-n", k=2)
    design["components"][2].update(instances=2, availability=0.999, redundancy="active-passive")
    available = _components(estimate(design))
    assert available["api"] == pytest.approx(0.999999)
    assert available["cache"] == pytest.approx(0.999999)
    assert available["db"] == pytest.approx(0.999702)


def test_route_is_in_series_and_overall_is_traffic_weighted(design):
    for component, a in zip(design["components"][1:], (0.99, 0.9, 0.999), strict=True):
        component.update(instances=1, availability=a)
    result = estimate(design)["availability"]
    write, read = (w["availability"] for w in result["workloads"])
    assert write == pytest.approx(0.99 * 0.999)
    assert read == pytest.approx(0.99 * 0.9 * 0.999)
    assert result["overall"] == pytest.approx((100 * write + 1000 * read) / 1100)
    assert result["nines"] == pytest.approx(nines(result["overall"]))


def test_a_component_twice_on_a_route_counts_once(design):
    design["components"][1].update(availability=0.9, instances=1)
    design["workloads"][0]["route"] = ["client", "api", "db", "api"]
    write = estimate(design)["availability"]["workloads"][0]["availability"]
    assert write == pytest.approx(0.9 * 0.9995)
