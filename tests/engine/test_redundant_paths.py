import pytest

from estimator.engine import estimate, validate
from estimator.engine.availability import parallel, series


def _cdn_design() -> dict:
    return {
        "name": "CDN in front of an origin",
        "workloads": [{"name": "view", "kind": "read", "rate": 1000, "response_bytes": 1000,
                       "route": ["client", {"any_of": [["cdn"], ["lb", "origin"]]}]}],
        "components": [
            {"key": "client", "kind": "client"},
            {"key": "cdn", "kind": "cdn", "availability": 0.99, "hit_ratio": 0.5},
            {"key": "lb", "kind": "load_balancer", "availability": 0.999},
            {"key": "origin", "kind": "service", "availability": 0.995, "instances": 1},
        ],
    }


def test_a_route_with_alternatives_is_available_when_any_path_works():
    result = estimate(_cdn_design())
    view = result["availability"]["workloads"][0]
    assert view["availability"] == pytest.approx(parallel([0.99, series([0.999, 0.995])]))
    assert (view["method"], view["paths"]) == ("exact", 2)
    assert result["availability"]["overall"] == pytest.approx(view["availability"])


def test_load_follows_the_first_alternative():
    rows = {c["key"]: c for c in estimate(_cdn_design())["components"]}
    assert rows["cdn"]["load_rps"] == pytest.approx(1000)
    assert rows["origin"]["load_rps"] == 0


def test_a_lone_instance_on_one_alternative_is_not_a_single_point_of_failure():
    rows = {c["key"]: c for c in estimate(_cdn_design())["components"]}
    assert rows["origin"]["spof"] is False and rows["lb"]["spof"] is False


def test_a_component_on_every_alternative_is_still_one():
    design = _cdn_design()
    design["components"].append({"key": "dns", "kind": "dns"})
    design["workloads"][0]["route"] = [
        "client", "dns", {"any_of": [["cdn"], ["lb", "origin"]]}]
    rows = {c["key"]: c for c in estimate(design)["components"]}
    assert rows["dns"]["spof"] is True


def test_the_derivation_shows_the_alternatives():
    found = {d["key"]: d for d in estimate(_cdn_design())["derivations"]}
    assert found["availability.workloads[view]"]["text"] == (
        "view: client 100% x any of (cdn 99%) | (lb 99.9% x origin 99.5%) = 99.994005%")


def test_the_derivation_grows_with_the_route_not_with_its_paths():
    # Three stages of ten alternatives make 1,000 paths; the text names 30 components.
    components = [{"key": f"c{i}", "kind": "service"} for i in range(30)]
    route = [{"any_of": [[f"c{stage * 10 + i}"] for i in range(10)]} for stage in range(3)]
    design = {"name": "wide", "components": components,
              "workloads": [{"name": "r", "kind": "read", "rate": 1, "route": route}]}
    text = {d["key"]: d for d in estimate(design)["derivations"]}["availability.workloads[r]"]
    assert text["text"].count(" 99.9%") == 30


@pytest.mark.parametrize(("step", "field", "words"), [
    ({"any_of": [["cdn"]]}, "workloads[0].route[1].any_of", "at least two"),
    ({"any_of": [["cdn"], []]}, "workloads[0].route[1].any_of[1]", "non-empty"),
    ({"any_of": [["cdn"], ["nowhere"]]}, "workloads[0].route[1].any_of[1][0]",
     "unknown component 'nowhere'"),
    ({"any_of": [["cdn"], [{"any_of": [["lb"], ["origin"]]}]]},
     "workloads[0].route[1].any_of[1][0]", "cannot be nested"),
    ({"any_of": [["cdn"], ["lb"]], "weights": [1, 2]}, "workloads[0].route[1].weights",
     "unknown field"),
])
def test_bad_alternatives_name_the_field(step, field, words):
    design = _cdn_design()
    design["workloads"][0]["route"] = ["client", step]
    messages = [str(e) for e in validate(design)]
    assert any(m.startswith(f"{field}: ") and words in m for m in messages), messages
