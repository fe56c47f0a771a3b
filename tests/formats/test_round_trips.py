"""Round trips (issue 16): every handbook example exported to each format that also imports
and imported back keeps its components (by name), their kinds and instances, and its links.
A format that cannot carry a figure says so in IMPORT_LOSSES, never silently."""

import json
from pathlib import Path

import pytest

from estimator.formats import EXPORTERS, IMPORTERS, export_text, import_text

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
SLUGS = sorted(path.stem for path in EXAMPLES.glob("*.json"))
ROUND_TRIP_FORMATS = sorted(set(EXPORTERS) & set(IMPORTERS))


def _example(slug: str) -> dict:
    return json.loads((EXAMPLES / f"{slug}.json").read_text())


def _by_name(document: dict) -> dict[str, dict]:
    return {c.get("name") or c["key"]: c for c in document["components"]}


def _links_by_name(document: dict) -> set[tuple[str, str]]:
    names = {c["key"]: c.get("name") or c["key"] for c in document["components"]}
    return {(names[link["from"]], names[link["to"]]) for link in document["links"]}


def test_the_diagram_formats_round_trip():
    assert {"json", "mermaid", "drawio", "structurizr"} <= set(ROUND_TRIP_FORMATS)


@pytest.mark.parametrize("format", ROUND_TRIP_FORMATS)
@pytest.mark.parametrize("slug", SLUGS)
def test_an_example_exported_and_imported_back_keeps_its_graph(slug, format):
    original = _example(slug)
    result = import_text(export_text(original, format), format=format)
    assert result.format == format
    before, after = _by_name(original), _by_name(result.document)
    assert set(before) <= set(after)  # an import may add a client, never lose a component
    for name, component in before.items():
        assert after[name]["kind"] == component["kind"], name
        assert after[name].get("instances", 1) == component.get("instances", 1), name
    assert _links_by_name(original) <= _links_by_name(result.document)
