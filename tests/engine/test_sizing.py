"""Size to meet SLOs: hand-checkable designs, the bounds of the search, determinism."""

import copy
import itertools
import json
import time

import pytest
from hypothesis import given, settings

from estimator.engine import DesignError, estimate, parse_design, sizing, validate
from estimator.engine.sizing import size_to_slos
from tests.design_shapes import SHAPES
from tests.strategies import valid_documents


def _one_service(instances: int = 1, **slos) -> dict:
    """10,000 requests a second at peak (no peak factor), 1,000 a second per instance at
    $70 a month, nothing stored or sent out: the cost is the instances alone."""
    return {
        "name": "One service",
        "assumptions": {"target_utilization": 0.7, "peak_factor": 1},
        "workloads": [{"name": "read", "kind": "read", "rate": 10_000, "per": "second",
                       "request_bytes": 0, "response_bytes": 0, "stored_bytes": 0,
                       "route": ["api"]}],
        "components": [{"key": "api", "kind": "service", "instances": instances,
                        "capacity_rps": 1000, "availability": 1.0, "latency_ms": 5,
                        "price_month": 70}],
        "slos": slos,
    }


def _api_and_db(**slos) -> dict:
    """Two API servers (active-active, 99.9% each) in front of one database (99.9%), far
    from their capacity: availability 0.999999 x 0.999 = 0.998999001."""
    return {
        "name": "API and database",
        "workloads": [{"name": "read", "kind": "read", "rate": 100, "per": "second",
                       "request_bytes": 0, "response_bytes": 0, "stored_bytes": 0,
                       "route": ["api", "db"]}],
        "components": [
            {"key": "api", "kind": "service", "instances": 2, "availability": 0.999,
             "capacity_rps": 1e6, "latency_ms": 5, "price_month": 70},
            {"key": "db", "kind": "database", "availability": 0.999, "capacity_rps": 1e6,
             "latency_ms": 5, "price_month": 125},
        ],
        "slos": slos,
    }


def test_a_single_service_is_sized_for_the_target_utilisation():
    # 10,000 / (1,000 x 0.7) = 14.3: 15 instances (14 would be 71% busy).
    result = size_to_slos(_one_service(monthly_budget=100_000))
    assert result["status"] == "met" and result["unmet"] == []
    assert result["changes"] == [{"key": "api", "name": "api", "instances_from": 1,
                                  "instances_to": 15, "cost_month_from": 70.0,
                                  "cost_month_to": 1050.0}]
    assert result["before"]["utilization_max"] == pytest.approx(10.0)
    assert result["after"]["utilization_max"] == pytest.approx(10 / 15)
    assert result["after"]["cost_month"] == pytest.approx(1050)
    assert result["document"]["components"][0]["instances"] == 15


def test_an_over_provisioned_component_is_shrunk():
    result = size_to_slos(_one_service(instances=40, monthly_budget=100_000))
    [change] = result["changes"]
    assert (change["instances_from"], change["instances_to"]) == (40, 15)
    assert result["before"]["cost_month"] == pytest.approx(2800)
    assert result["after"]["cost_month"] == pytest.approx(1050)


def test_an_availability_target_adds_a_second_database():
    # 0.998999001 misses 99.9%; a second database (0.999999 x 0.999999 = 0.999998) meets it,
    # a third API server (0.999999999 x 0.999) never can.
    result = size_to_slos(_api_and_db(availability=0.999))
    assert result["status"] == "met"
    assert [(c["key"], c["instances_from"], c["instances_to"]) for c in result["changes"]] \
        == [("db", 1, 2)]
    assert result["before"]["availability"] == pytest.approx(0.998999001)
    assert result["after"]["availability"] == pytest.approx(0.999999 ** 2)


def test_a_p99_target_needs_more_instances_than_utilisation_alone():
    result = size_to_slos(_one_service(p99_ms={"read": 5.1}))
    [change] = result["changes"]
    assert result["status"] == "met"
    assert change["instances_to"] > 15
    assert result["after"]["p99_ms"][0]["p99_ms"] <= 5.1
    # One instance fewer misses it: the proposal is the least count that meets it.
    fewer = _one_service(instances=change["instances_to"] - 1, p99_ms={"read": 5.1})
    assert estimate(fewer)["latency"]["workloads"][0]["p99_ms"] > 5.1


def test_a_p99_target_under_the_unloaded_latency_cannot_be_met():
    result = size_to_slos(_one_service(p99_ms={"read": 4}))
    assert result["status"] == "cannot meet"
    assert result["unmet"] == [{"target": "slos.p99_ms[read]", "reason": (
        "the p99 target 4.00 ms for 'read' is below the route's unloaded latency 5.00 ms: "
        "no instance count meets it")}]
    assert result["changes"][0]["instances_to"] == 15  # still sized for utilisation


def test_a_budget_too_small_cannot_be_met_and_names_the_budget():
    result = size_to_slos(_one_service(monthly_budget=1000))
    assert result["status"] == "cannot meet"
    assert result["unmet"] == [{"target": "slos.monthly_budget", "reason": (
        "the budget $1,000/month is below the cheapest design meeting the other targets, "
        "$1,050/month")}]
    assert result["changes"][0]["instances_to"] == 15  # the proposal still meets the rest


def test_a_budget_met_by_shrinking():
    result = size_to_slos(_one_service(instances=40, monthly_budget=1100))
    assert result["status"] == "met"
    assert result["after"]["cost_month"] == pytest.approx(1050)


def test_a_design_without_slos_says_so_and_changes_nothing():
    document = _one_service()
    del document["slos"]
    result = size_to_slos(document)
    assert result["status"] == "no slos"
    assert result["changes"] == [] and result["unmet"] == []
    assert result["document"] == document


def test_the_document_changes_only_instances_and_the_original_is_untouched():
    document = _api_and_db(availability=0.999)
    original = copy.deepcopy(document)
    result = size_to_slos(document)
    assert document == original
    changed = result["document"]
    assert changed["components"][1] == {**original["components"][1], "instances": 2}
    assert {k: v for k, v in changed.items() if k != "components"} == \
        {k: v for k, v in original.items() if k != "components"}
    # The changed document, estimated, gives the "after" figures.
    after = estimate(changed)
    assert after["availability"]["requests_served"] == pytest.approx(
        result["after"]["availability"])
    assert all(row["met"] for row in after["slos"])


def test_redundancy_keeps_its_floor():
    # Three API servers 2-of-3 and two active-passive databases, all far from capacity:
    # k-of-n keeps k plus its spare (3), active-passive its standby (2).
    document = _api_and_db(monthly_budget=100_000)
    document["components"][0].update(instances=3, redundancy="k-of-n", k=2)
    document["components"][1].update(instances=2, redundancy="active-passive")
    result = size_to_slos(document)
    assert result["status"] == "met" and result["changes"] == []


def test_an_active_passive_component_over_its_capacity_cannot_be_sized():
    document = _one_service(monthly_budget=100_000)
    document["components"][0].update(instances=2, redundancy="active-passive")
    result = size_to_slos(document)
    assert result["status"] == "cannot meet"
    [unmet] = result["unmet"]
    assert unmet["target"] == "assumptions.target_utilization"
    assert "'api' stays 1000% busy at peak" in unmet["reason"]
    assert "active-passive" in unmet["reason"]


def test_the_result_is_deterministic():
    document = _api_and_db(availability=0.99999, p99_ms={"read": 10.5}, monthly_budget=900)
    assert size_to_slos(document) == size_to_slos(copy.deepcopy(document))


def test_an_invalid_document_raises_a_design_error_naming_the_field():
    with pytest.raises(DesignError) as raised:
        size_to_slos(_one_service(availability=2))
    assert "slos.availability" in str(raised.value)


def test_the_evaluation_bound_stops_the_search(monkeypatch):
    monkeypatch.setattr(sizing, "MAX_EVALUATIONS", 3)
    result = size_to_slos(_api_and_db(availability=0.9999999))
    assert result["evaluations"] == 3 and result["stopped"] == "evaluations"
    assert result["status"] == "cannot meet"
    assert result["unmet"][0]["target"] == "slos.availability"
    assert result["unmet"][0]["reason"].endswith("the search stopped after 3 estimates")


def test_the_time_bound_stops_the_search_whatever_the_machine():
    ticks = itertools.count(step=1.5)  # each look at the clock: 1.5 s later
    result = size_to_slos(_api_and_db(availability=0.9999999), clock=lambda: next(ticks))
    assert result["stopped"] == "time"
    assert result["unmet"][0]["reason"].endswith("the search stopped at its time bound (2 s)")


def test_a_large_design_returns_within_its_bound():
    document = {**SHAPES["1000-components"], "slos": {"availability": 0.99999}}
    started = time.monotonic()
    result = size_to_slos(document)
    elapsed = time.monotonic() - started
    # The bound, plus parsing, one estimate past it and the final one (~0.2 s each here).
    assert elapsed < sizing.TIME_LIMIT_S + 3
    assert result["stopped"] == "time" and result["status"] == "cannot meet"


@pytest.mark.property
@settings(max_examples=40)  # each proposal may take up to its time bound
@given(valid_documents(max_components=8))
def test_any_design_is_sized_within_bounds_and_changes_only_instances(document):
    result = size_to_slos(document)
    json.dumps(result, allow_nan=False)
    assert result["status"] in ("met", "cannot meet", "no slos")
    assert result["evaluations"] <= sizing.MAX_EVALUATIONS
    changed = result["document"]
    assert not validate(changed)
    by_key = {c["key"]: c for c in changed.get("components", [])}
    for original in document.get("components", []):
        assert {k: v for k, v in by_key[original["key"]].items() if k != "instances"} == \
            {k: v for k, v in original.items() if k != "instances"}
    design = parse_design(document)
    for change in result["changes"]:
        component = design.component(change["key"])
        assert change["instances_to"] >= sizing.floor(component) or \
            change["instances_to"] > change["instances_from"]
        assert by_key[change["key"]]["instances"] == change["instances_to"]
    if result["status"] == "met":
        assert all(row["met"] for row in estimate(changed)["slos"])


def test_a_replica_group_is_sized_so_that_no_member_can_lose_an_instance():
    # Reads spread over the group by capacity; writes go to the primary alone.
    document = {
        "name": "Replicas", "assumptions": {"peak_factor": 1},
        "workloads": [
            {"name": "read", "kind": "read", "rate": 20_000, "per": "second", "route": ["db"]},
            {"name": "write", "kind": "write", "rate": 3_000, "per": "second", "route": ["db"]},
        ],
        "components": [
            {"key": "db", "kind": "database", "capacity_rps": 1000},
            {"key": "r1", "kind": "database", "capacity_rps": 1000, "replica_of": "db"},
            {"key": "r2", "kind": "database", "capacity_rps": 2000, "replica_of": "db"},
        ],
        "slos": {"monthly_budget": 100_000},
    }
    result = size_to_slos(document)
    assert result["status"] == "met" and result["after"]["utilization_max"] <= 0.7
    counts = {c["key"]: c["instances"] for c in result["document"]["components"]}
    for key in counts:
        fewer = copy.deepcopy(result["document"])
        next(c for c in fewer["components"] if c["key"] == key)["instances"] -= 1
        busiest = max(row["utilization"] for row in estimate(fewer)["components"])
        assert busiest > 0.7, key


def test_a_load_past_the_most_instances_allowed_stops_at_that_limit():
    document = _one_service(monthly_budget=1e12)
    document["workloads"][0]["rate"] = 1e12  # a million instances serve 1e9 a second
    result = size_to_slos(document)
    assert result["changes"][0]["instances_to"] == 1_000_000
    assert not validate(result["document"])
    [unmet] = result["unmet"]
    assert unmet["target"] == "assumptions.target_utilization"
    assert "would need more than 1,000,000 instances" in unmet["reason"]
