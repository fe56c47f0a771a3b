"""estimator.engine.result: the typed view of the estimate document."""

import dataclasses
import json
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.engine.result import EstimateView

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
OPTIONAL_SECTIONS = ("latency", "growth", "cost", "n_plus_one", "importance", "derivations",
                     "uncertainty", "sensitivity")

# Written only past 1,000 components, when the engine skips sensitivity.
WRITTEN_ONLY_SOMETIMES = {"Sensitivity": {"skipped"}}


def _ranged(design: dict) -> dict:
    """The design with one ranged input, so that the uncertainty section has figures."""
    return {**design, "assumptions": {**design["assumptions"],
                                      "peak_factor": {"low": 1.5, "mid": 2, "high": 3}}}


def _pairs(view, document, path="estimate"):
    """(path, view object, JSON object) of every view object and the JSON it was read from."""
    yield path, view, document
    for field in dataclasses.fields(view):
        value, raw = getattr(view, field.name), document.get(field.name)
        if dataclasses.is_dataclass(value):
            yield from _pairs(value, raw, f"{path}.{field.name}")
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            for index, (item, raw_item) in enumerate(zip(value, raw, strict=True)):
                yield from _pairs(item, raw_item, f"{path}.{field.name}[{index}]")


@pytest.mark.parametrize("slug", ["url-shortener", "whatsapp"])
def test_the_view_reads_every_key_of_the_document_and_no_other(slug):
    design = json.loads((EXAMPLES / f"{slug}.json").read_text())
    document = estimate(_ranged(design))

    view = EstimateView.from_document(document)

    keys_by_class: dict[type, set] = {}
    for path, item, raw in _pairs(view, document):
        names = {field.name for field in dataclasses.fields(item)}
        assert set(raw) <= names, path  # no key left unread
        keys_by_class.setdefault(type(item), set()).update(raw)
    # ...and no field the engine never writes (a misspelt one would always be its default).
    for kind, keys in keys_by_class.items():
        names = {field.name for field in dataclasses.fields(kind)}
        assert names - WRITTEN_ONLY_SOMETIMES.get(kind.__name__, set()) <= keys, kind.__name__


def test_the_view_holds_the_document_s_figures(design):
    document = estimate(design)

    view = EstimateView.from_document(document)

    assert view.traffic.total_rps == document["traffic"]["total_rps"]
    assert view.components[1].peak_load_rps == document["components"][1]["peak_load_rps"]
    assert view.availability.downtime.seconds("year") == document["availability"]["downtime"][
        "year_s"]
    assert view.figure("headroom.factor") == document["headroom"]["factor"]
    assert view.derivation_text("traffic.total_rps").startswith("requests/s = ")
    assert view.component_name("api") == "api" and view.component_name("gone") == "gone"


def test_an_estimate_stored_before_the_later_sections_reads_with_them_empty(design):
    document = estimate(design)
    for name in OPTIONAL_SECTIONS:
        del document[name]
    for route in document["availability"]["workloads"]:
        del route["method"], route["paths"], route["interval"]

    view = EstimateView.from_document(document)

    assert (view.latency, view.growth, view.cost, view.importance) == (None,) * 4
    assert (view.n_plus_one, view.derivations) == ((), ())
    assert view.availability.workloads[0].method == "series"
    assert view.derivation_text("traffic.total_rps") is None
    assert view.figure("cost.total_month") is None


def test_the_view_is_frozen(design):
    view = EstimateView.from_document(estimate(design))

    with pytest.raises(dataclasses.FrozenInstanceError):
        view.traffic.total_rps = 0


def test_a_document_without_a_section_the_engine_always_writes_is_refused(design):
    document = estimate(design)
    del document["traffic"]

    with pytest.raises(TypeError):
        EstimateView.from_document(document)
