"""estimator.engine.result: the typed view of the estimate document."""

import dataclasses
import json
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.engine.result import EstimateView, engine_version_of
from estimator.engine.version import ENGINE_VERSION

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
# The sections older engines did not write: required now all the same.
LATER_SECTIONS = ("latency", "growth", "cost", "n_plus_one", "importance", "derivations",
                  "uncertainty", "sensitivity", "engine_version")

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


@pytest.mark.parametrize("name", LATER_SECTIONS)
def test_a_document_without_a_later_section_is_refused_not_defaulted(design, name):
    """An older engine's document lacks these: it is computed again (Estimate.is_outdated),
    so the view has no fallback for it."""
    document = estimate(design)
    del document[name]

    with pytest.raises(TypeError):
        EstimateView.from_document(document)


def test_a_route_without_its_method_is_refused(design):
    document = estimate(design)
    del document["availability"]["workloads"][0]["method"]

    with pytest.raises(TypeError):
        EstimateView.from_document(document)


def test_the_engine_version_of_a_document_written_before_versions_is_0(design):
    document = estimate(design)
    assert engine_version_of(document) == ENGINE_VERSION
    del document["engine_version"]
    assert engine_version_of(document) == 0


def test_the_view_is_frozen(design):
    view = EstimateView.from_document(estimate(design))

    with pytest.raises(dataclasses.FrozenInstanceError):
        view.traffic.total_rps = 0


def test_a_document_without_a_section_the_engine_always_writes_is_refused(design):
    document = estimate(design)
    del document["traffic"]

    with pytest.raises(TypeError):
        EstimateView.from_document(document)
