"""estimator.present.figures: one catalogue of the headline figures, which the engine's
paths and the stored document's labels are read from."""

import pytest

from estimator.engine import compare, estimate
from estimator.present.compare import compare_all
from estimator.present.figures import (
    EXTRA_FIGURES,
    HEADLINE_FIGURES,
    figure,
    format_value,
)


def test_every_catalogued_figure_is_in_a_real_estimate(document):
    """The engine computes over the catalogue's paths: each one must name a number it writes."""
    view_paths = [f.path for f in HEADLINE_FIGURES + EXTRA_FIGURES
                  if f.path != compare.WORST_P99_PATH]
    result = estimate(document)
    for path in view_paths:
        value = result
        for part in path.split("."):
            value = value[part]
        assert isinstance(value, int | float), path


def test_a_figure_s_derivation_key_is_its_path():
    assert figure("traffic.total_rps").derivation_key == "traffic.total_rps"


def test_an_unknown_path_is_its_own_label_and_a_plain_number():
    unknown = figure("queue.depth")
    assert (unknown.label, unknown.unit) == ("queue.depth", "number")
    assert format_value(1234.5, unknown.unit) == "1,234.50"


@pytest.mark.parametrize(("value", "unit", "text"), [
    (3858.02, "rate", "3,858/s"),
    (6.08e12, "bytes", "6.08 TB"),
    (2e6, "bytes_rate", "2 MB/s"),
    (0.999, "fraction", "99.9%"),
    (1200, "money", "$1,200"),
    (23.46, "ms", "23.5 ms"),
    (None, "rate", "—"),
])
def test_format_value_writes_each_unit(value, unit, text):
    assert format_value(value, unit) == text


def test_compare_all_labels_the_engine_s_rows(design):
    rows = compare_all([estimate(design), estimate(design)])

    routes = [f"latency.workloads[{w['name']}].p99_ms" for w in design["workloads"]]
    assert [r["key"] for r in rows] == [f.path for f in HEADLINE_FIGURES + EXTRA_FIGURES
                                        ] + routes
    first = rows[0]
    assert (first["label"], first["unit"]) == ("Requests per second", "rate")
    assert first["differences"][1] == {"absolute": 0, "relative": 0}


def test_requests_served_and_the_served_share_are_headline_figures():
    paths = [f.path for f in HEADLINE_FIGURES]
    assert "availability.requests_served" in paths and "overload.served_share" in paths
    assert figure("availability.requests_served").unit == "fraction"
    assert figure("overload.served_share").label == "Share of peak requests served"


def test_a_workload_s_route_p99_is_a_figure_in_milliseconds():
    found = figure("latency.workloads[redirect].p99_ms")
    assert (found.label, found.unit) == ("p99 latency of redirect at peak", "ms")
