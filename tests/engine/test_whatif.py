import pytest

from estimator.engine import (
    DesignError,
    ScenarioError,
    estimate,
    estimate_live,
    estimate_live_failed,
    scenario_errors,
    what_if,
)


def _n_plus_one(design) -> dict:
    return {v["key"]: v for v in estimate(design)["n_plus_one"]}


def test_n_plus_one_passes_with_spare_capacity_and_fails_without(design):
    design["components"][1].update(instances=4, capacity_rps=1000)  # 2,200 over 4,000
    design["components"][3].update(instances=2, capacity_rps=200)  # 600 over 400
    verdicts = _n_plus_one(design)
    assert verdicts["api"]["passes"] is True
    assert verdicts["api"]["utilization_after"] == pytest.approx(2200 / 3000)
    assert verdicts["db"]["passes"] is False
    assert verdicts["db"]["utilization_after"] == pytest.approx(600 / 200)
    assert "client" not in verdicts


def test_n_plus_one_needs_a_standby_for_active_passive(design):
    design["components"][3].update(instances=2, redundancy="active-passive")
    assert _n_plus_one(design)["db"]["passes"] is True
    design["components"][3].update(instances=1)
    assert _n_plus_one(design)["db"] == {"key": "db", "passes": False, "utilization_after": None}


def test_a_failed_database_stops_every_workload_through_it(design):
    result = what_if(design, {"failed": ["db"]})
    assert result["down"] == ["db"]
    assert result["stopped_workloads"] == ["write", "read"]
    assert result["availability"]["overall"] == 0
    db = next(c for c in result["components"] if c["key"] == "db")
    assert db == {"key": "db", "down": True, "instances": 1, "utilization": None}


def test_losing_an_instance_raises_the_utilisation_of_the_rest(design):
    design["components"][1].update(instances=4)
    result = what_if(design, {"lost_instances": {"api": 1}})
    api = next(c for c in result["components"] if c["key"] == "api")
    assert api["instances"] == 3 and api["utilization"] == pytest.approx(2200 / 3000)
    assert result["stopped_workloads"] == []


def test_a_zone_down_takes_its_components(design):
    design["components"][2]["zone"] = "a"
    result = what_if(design, {"zones": ["a"]})
    assert result["down"] == ["cache"] and result["stopped_workloads"] == ["read"]


def test_an_alternative_path_keeps_a_workload_going():
    design = {
        "name": "two regions",
        "workloads": [{"name": "w", "kind": "read", "rate": 10,
                       "route": [{"any_of": [["east"], ["west"]]}]}],
        "components": [{"key": "east", "kind": "service", "zone": "east"},
                       {"key": "west", "kind": "service", "zone": "west"}],
    }
    result = what_if(design, {"zones": ["east"]})
    assert result["stopped_workloads"] == []
    assert result["availability"]["overall"] == pytest.approx(0.999)


@pytest.mark.parametrize(("scenario", "field", "words"), [
    ({"failed": ["nope"]}, "failed[0]", "unknown component 'nope'"),
    ({"lost_instances": {"api": 5}}, "lost_instances.api", "must not exceed instances"),
    ({"lost_instances": {"api": 0}}, "lost_instances.api", "at least 1"),
    ({"zones": ["mars"]}, "zones[0]", "no component is in zone 'mars'"),
    ({"broken": True}, "broken", "unknown field"),
])
def test_bad_scenarios_name_the_field(design, scenario, field, words):
    with pytest.raises(DesignError) as raised:
        what_if(design, scenario)
    assert any(str(e).startswith(f"{field}: ") and words in str(e) for e in raised.value.errors)


def test_the_live_estimate_after_failures_is_the_degraded_designs_with_its_what_if(design):
    design["components"][1].update(instances=4)
    scenario = {"lost_instances": {"api": 1}}

    degraded, answer = estimate_live_failed(design, scenario)

    assert answer == what_if(design, scenario)
    api = next(c for c in degraded["components"] if c["key"] == "api")
    assert api["instances"] == 3 and api["utilization"] == pytest.approx(2200 / 3000)
    whole = next(c for c in estimate_live(design)["components"] if c["key"] == "api")
    assert whole["utilization"] == pytest.approx(2200 / 4000)
    assert degraded["sensitivity"]["inputs_checked"] == 0  # live: no sensitivity runs


def test_the_live_estimate_after_a_zone_down_stops_what_runs_through_it(design):
    design["components"][2]["zone"] = "a"

    degraded, answer = estimate_live_failed(design, {"zones": ["a"]})

    assert answer["down"] == ["cache"] and answer["stopped_workloads"] == ["read"]
    read = next(w for w in degraded["availability"]["workloads"] if w["name"] == "read")
    assert read["availability"] == 0


def test_a_bad_scenario_is_a_scenario_error_a_bad_document_is_not(design):
    with pytest.raises(ScenarioError) as raised:
        estimate_live_failed(design, {"failed": "db"})
    assert raised.value.errors[0].path == "failed"
    design["components"][1]["instances"] = -1
    with pytest.raises(DesignError) as raised:
        estimate_live_failed(design, {"failed": ["db"]})
    assert not isinstance(raised.value, ScenarioError)


def test_scenario_errors_lists_each_field_of_the_scenario(design):
    assert scenario_errors(design, {"failed": ["db"], "lost_instances": {"api": 1}}) == []
    found = scenario_errors(design, {"lost_instances": {"api": 3, "nope": 1}, "extra": 1})
    assert sorted(e.path for e in found) == ["extra", "lost_instances.api",
                                              "lost_instances.nope"]


def test_the_first_to_saturate_after_a_failure_is_a_component_still_up(design):
    design["components"][3].update(capacity_rps=700)  # db: 600 of 700 at peak, api 110%
    assert estimate_live(design)["headroom"]["first_saturating"] == "api"

    degraded, _ = estimate_live_failed(design, {"failed": ["api"]})

    assert degraded["headroom"]["first_saturating"] == "db"
