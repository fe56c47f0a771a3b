"""The live canvas's texts: bands, percentages, markers and the strip (present.live)."""

from estimator.engine import estimate_live, estimate_live_failed
from estimator.present.live import live_canvas
from tests.samples import sample_document


def _canvas(**api) -> dict:
    document = sample_document("round-figures")
    document["components"][1].update(api)
    return live_canvas(estimate_live(document))


def _api(canvas: dict) -> dict:
    return next(c for c in canvas["components"] if c["key"] == "api")


def test_each_band_has_its_words():
    under, over, past = (_api(_canvas(instances=n)) for n in (4, 3, 2))

    assert (under["band"], under["band_text"]) == ("ok", "under the target utilisation")
    assert (over["band"], over["utilization_text"]) == ("warm", "73%")
    assert over["flags"][0]["kind"] == "over_target" and over["bottleneck"]
    assert (past["band"], past["band_text"], past["utilization_text"]) == (
        "hot", "past capacity", "110%")


def test_far_past_capacity_the_text_is_a_multiple():
    row = _api(_canvas(instances=1, capacity_rps=1))

    assert row["utilization_text"] == "2,200x capacity"


def test_nothing_saturating_has_no_first():
    document = sample_document("minimal")
    document["components"].append({"key": "edge", "kind": "client"})
    document["workloads"][0]["route"] = ["edge"]

    assert live_canvas(estimate_live(document))["first_saturating"] is None


def test_names_not_keys_in_the_strip():
    document = sample_document("round-figures")
    document["components"][1]["name"] = "API servers"

    canvas = live_canvas(estimate_live(document))

    assert canvas["first_saturating"]["name"] == "API servers"
    assert all(f["label"] and f["text"] for f in canvas["figures"])


def _failed(document: dict, scenario: dict) -> dict:
    return live_canvas(*estimate_live_failed(document, scenario))


def test_a_component_down_is_drawn_down_with_nothing_flagged():
    document = sample_document("round-figures")  # api past capacity: flagged saturated

    canvas = _failed(document, {"failed": ["api"]})

    api = _api(canvas)
    assert (api["down"], api["utilization"], api["utilization_text"]) == (True, None, "down")
    assert (api["band"], api["band_text"]) == ("down", "down in this what-if")
    assert api["flags"] == [] and not api["bottleneck"] and not api["first_saturating"]
    assert canvas["first_saturating"]["key"] != "api"
    assert not any(c["down"] for c in canvas["components"] if c["key"] != "api")


def test_the_failures_name_what_is_down_and_what_stopped():
    document = sample_document("round-figures")
    document["components"][1].update(instances=4, name="API servers")
    document["components"][2]["name"] = "Cache"

    failures = _failed(document, {"failed": ["cache"], "lost_instances": {"api": 1}})["failures"]

    assert failures["down"] == [{"key": "cache", "name": "Cache"}]
    assert failures["lost_instances"] == [{"key": "api", "name": "API servers", "lost": 1}]
    assert failures["stopped_workloads"] == ["read"]
    assert failures["stopped_text"] == "1 workload stopped: 'read'"
    assert [(w["name"], w["availability_text"]) for w in failures["workloads"]] == [
        ("write", "99.95%"), ("read", "0%")]
    assert failures["retries"] == {"steps": [], "components": []}


def test_without_failures_nothing_is_down_and_there_is_no_failures_section():
    canvas = live_canvas(estimate_live(sample_document("round-figures")))

    assert "failures" not in canvas
    assert not any(c["down"] for c in canvas["components"])
