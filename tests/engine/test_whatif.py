import pytest

from estimator.engine import DesignError, estimate, what_if


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
