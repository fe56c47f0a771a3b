"""The estimate's tables as CSV: read back by csv.reader, every figure equal to the
estimate's own, the sections in order with a blank row between; nothing to export without
an estimate."""

import csv
import io
import json
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.engine.result import EstimateView
from estimator.formats import export_text
from estimator.formats.base import FormatError
from estimator.formats.csv_tables import COMPONENT_HEADER, HEADLINE_HEADER, WORKLOAD_HEADER
from estimator.present.tables import estimate_table

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
SLUGS = sorted(path.stem for path in EXAMPLES.glob("*.json"))


def _example(slug: str) -> dict:
    return json.loads((EXAMPLES / f"{slug}.json").read_text())


def _sections(text: str) -> dict[str, list[list[str]]]:
    """Section name -> its rows (the header first)."""
    rows = list(csv.reader(io.StringIO(text)))
    sections, current = {}, None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            assert len(row) == 1, row  # a section starts with a row naming it
            current = sections.setdefault(row[0], [])
        else:
            current.append(row)
    return sections


def _number(text: str) -> float | None:
    return None if text == "" else float(text)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_tables_read_back_equal_the_estimate(slug):
    document = _example(slug)
    view = EstimateView.of(estimate(document))
    text = export_text(document, "csv", estimate(document))
    assert "\n\r\n" in text or "\r\n\r\n" in text  # blank rows between sections
    sections = _sections(text)
    assert list(sections) == ["High-level estimate", "Workloads", "Components"]

    headline = sections["High-level estimate"]
    assert tuple(headline[0]) == HEADLINE_HEADER
    by_label = {row[0]: row for row in headline[1:]}
    table = estimate_table(view)
    assert [row[0] for row in headline[1:len(table) + 1]] == [r["label"] for r in table]
    assert all(row[1] != "" and row[2] for row in headline[1:])  # every row has its number
    assert float(by_label["Reads per second"][1]) == view.traffic.read_rps
    assert by_label["Reads per second"][2] == "requests/s"
    assert float(by_label["Requests per second at peak"][1]) == view.traffic.peak_rps
    assert float(by_label["Storage per year"][1]) == view.storage.bytes_per_year
    assert by_label["Storage per year"][2] == "bytes"
    total = next(row for label, row in by_label.items() if label.startswith("Storage over"))
    assert float(total[1]) == view.storage.bytes_total
    assert float(by_label["Outgoing bandwidth"][1]) == view.bandwidth.egress_bytes_per_s
    assert float(by_label["Availability"][1]) == view.availability.overall
    assert by_label["Reads per second"][3] == table[
        [r["label"] for r in table].index("Reads per second")]["exact"]

    workloads = sections["Workloads"]
    assert tuple(workloads[0]) == WORKLOAD_HEADER
    assert [(row[0], float(row[2]), float(row[3])) for row in workloads[1:]] == [
        (w.name, w.rps, w.peak_rps) for w in view.traffic.workloads]

    components = sections["Components"]
    assert tuple(components[0]) == COMPONENT_HEADER
    rows = [dict(zip(COMPONENT_HEADER, row, strict=True)) for row in components[1:]]
    assert [row["key"] for row in rows] == [c.key for c in view.components]
    for row, component in zip(rows, view.components, strict=True):
        assert row["kind"] == component.kind
        assert int(row["instances"]) == component.instances
        assert float(row["peak_load_rps"]) == component.peak_load_rps
        assert _number(row["utilization"]) == component.utilization
        assert _number(row["capacity_rps"]) == component.capacity_rps
        assert float(row["availability"]) == component.availability
        assert row["spof"] == ("yes" if component.spof else "no")


def test_names_with_commas_quotes_and_newlines_stay_in_their_cell():
    document = _example("url-shortener")
    document["components"][3]["name"] = 'Shortener, "v2"\nnew line'
    text = export_text(document, "csv", estimate(document))
    rows = _sections(text)["Components"][1:]
    assert rows[3][1] == 'Shortener, "v2"\nnew line'
    assert all(len(row) == len(COMPONENT_HEADER) for row in rows)


def test_nothing_estimated_is_refused():
    document = _example("url-shortener")
    with pytest.raises(FormatError, match="nothing estimated yet"):
        export_text(document, "csv", None)
    document["workloads"] = []
    document.pop("slos", None)
    with pytest.raises(FormatError, match="nothing estimated yet: this design has no workloads"):
        export_text(document, "csv", estimate(document))
