import pytest

from estimator.engine import estimate
from estimator.engine.capacity import instances_needed


def _rows(document):
    return {c["key"]: c for c in estimate(document)["components"]}


def test_cache_passes_on_misses_only(design):
    rows = _rows(design)
    assert rows["cache"]["load_rps"] == pytest.approx(1000)
    # 20% of 1,000 reads miss the cache, and all 100 writes bypass it.
    assert rows["db"]["load_rps"] == pytest.approx(0.2 * 1000 + 100)


def test_writes_pass_through_a_cache_on_their_route(design):
    design["workloads"][0]["route"] = ["client", "api", "cache", "db"]
    assert _rows(design)["db"]["load_rps"] == pytest.approx(200 + 100)


def test_fan_out_multiplies_the_flow_from_that_step_on(design):
    design["workloads"][0]["route"] = ["client", {"key": "api", "fan_out": 3}, "db"]
    rows = _rows(design)
    assert rows["api"]["load_rps"] == pytest.approx(300 + 1000)
    assert rows["db"]["load_rps"] == pytest.approx(300 + 200)


def test_utilisation_is_peak_load_over_serving_capacity(design):
    rows = _rows(design)
    assert rows["api"]["peak_load_rps"] == pytest.approx(2200)
    assert rows["api"]["utilization"] == pytest.approx(2200 / 2000)
    assert rows["client"]["utilization"] is None


def test_active_passive_serves_from_one_instance(design):
    design["components"][3].update(instances=2, redundancy="active-passive", capacity_rps=500)
    row = _rows(design)["db"]
    assert row["serving_instances"] == 1
    assert row["utilization"] == pytest.approx(600 / 500)


def test_instances_needed_at_70_percent_target():
    assert instances_needed(10_000, 1_000, 0.7) == 15


def test_instances_needed_keeps_exact_fits_and_at_least_one():
    assert instances_needed(7_000, 1_000, 0.7) == 10
    assert instances_needed(0, 1_000, 0.7) == 1
    assert instances_needed(10, None, 0.7) is None


def test_spof_is_a_lone_instance_on_a_route(design):
    design["components"].append({"key": "idle", "kind": "database"})
    design["components"][2]["managed"] = True
    rows = _rows(design)
    assert rows["db"]["spof"] is True
    assert rows["api"]["spof"] is False
    assert rows["cache"]["spof"] is False  # managed
    assert rows["idle"]["spof"] is False  # on no route
    assert rows["client"]["spof"] is False


def test_k_of_n_needing_every_instance_is_a_spof(design):
    design["components"][3].update(instances=3, redundancy="k-of-n", k=3)
    assert _rows(design)["db"]["spof"] is True


def test_headroom_is_the_growth_until_the_first_component_saturates(design):
    design["components"][1]["instances"] = 4  # api at 2,200 / 4,000 = 55%
    headroom = estimate(design)["headroom"]
    assert headroom["first_saturating"] == "api"
    assert headroom["factor"] == pytest.approx(4000 / 2200)
    assert headroom["max_daily_active_users"] == pytest.approx(1e6 * 4000 / 2200)


def test_headroom_without_load_is_empty():
    headroom = estimate({"name": "empty"})["headroom"]
    assert headroom == {"factor": None, "first_saturating": None, "max_daily_active_users": None}
