"""The live canvas's texts: bands, percentages, markers and the strip (present.live)."""

from estimator.engine import estimate_live
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
