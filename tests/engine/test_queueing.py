import math

import pytest

from estimator.engine import estimate
from estimator.engine.queueing import erlang_c, mmc


def test_mm1_at_80_percent_waits_4_seconds_and_spends_5():
    queue = mmc(arrival=0.8, service=1.0, servers=1)
    assert queue["mean_wait_s"] == pytest.approx(4.0)
    assert queue["mean_time_s"] == pytest.approx(5.0)
    assert queue["wait_probability"] == pytest.approx(0.8)


def test_mm2_at_one_per_second_waits_a_third_of_the_time():
    queue = mmc(arrival=1.0, service=1.0, servers=2)
    assert queue["wait_probability"] == pytest.approx(1 / 3)
    assert queue["mean_wait_s"] == pytest.approx(1 / 3)


def test_an_overloaded_queue_has_no_finite_wait():
    queue = mmc(arrival=3.0, service=1.0, servers=2)
    assert queue["stable"] is False and queue["mean_wait_s"] is None


def test_erlang_c_of_one_server_is_its_utilisation():
    assert erlang_c(1, 0.3) == pytest.approx(0.3)


def _latency(design):
    return estimate(design)["latency"]


def test_components_add_queueing_to_their_unloaded_latency(design):
    design["components"][1].update(instances=4, capacity_rps=1000, latency_ms=10)
    api = next(c for c in _latency(design)["components"] if c["key"] == "api")
    queue = mmc(2200, 1000, 4)
    assert api["mean_latency_ms"] == pytest.approx(10 + queue["mean_wait_s"] * 1000)
    # p99: the wait those who wait pass one time in a hundred, P(W > t) = C exp(-(c mu - l) t)
    waited = math.log(queue["wait_probability"] / 0.01) / (4 * 1000 - 2200) * 1000
    assert api["p99_ms"] == pytest.approx(10 + max(0.0, waited))


def test_a_route_weights_steps_behind_a_cache_by_its_misses(design):
    design["components"][1]["instances"] = 10
    result = _latency(design)
    by_key = {c["key"]: c["mean_latency_ms"] for c in result["components"]}
    read = result["workloads"][1]
    expected = by_key["client"] + by_key["api"] + by_key["cache"] + 0.2 * by_key["db"]
    assert read["mean_ms"] == pytest.approx(expected)


def test_components_over_80_percent_are_flagged_steep(design):
    design["components"][1].update(instances=3)  # 2,200 / 3,000 = 73%
    assert "api" not in _latency(design)["steep"]
    design["components"][1].update(instances=2, capacity_rps=1300)  # 85%
    assert "api" in _latency(design)["steep"]


def test_a_saturated_component_leaves_its_routes_without_a_latency(design):
    latency = _latency(design)  # api at 110%
    assert latency["workloads"][0]["mean_ms"] is None


def test_thousands_of_servers_stay_finite():
    waiting = erlang_c(2800, 2300.0)
    assert 0.0 <= waiting < 1e-6
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)


def _numbers(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, float):
        yield value


@pytest.mark.parametrize("slug", ["url-shortener", "whatsapp", "twitter", "netflix", "uber"])
def test_every_figure_of_the_examples_is_finite(slug):
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "designs" / "examples" / f"{slug}.json"
    result = estimate(json.loads(path.read_text()))
    assert all(math.isfinite(number) for number in _numbers(result))
