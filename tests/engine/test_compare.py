import pytest

from estimator.engine import estimate
from estimator.engine.compare import HEADLINE_PATHS, compare, difference


def test_differences_are_against_the_first_design(design):
    doubled = {**design, "workloads": [dict(w) for w in design["workloads"]]}
    doubled["workloads"][0]["rate"] = 200
    rows = {r["key"]: r for r in compare([estimate(design), estimate(doubled)])}
    writes = rows["traffic.write_rps"]
    assert writes["values"] == pytest.approx([100, 200])
    assert writes["differences"][0] == {"absolute": 0, "relative": 0}
    assert writes["differences"][1]["absolute"] == pytest.approx(100)
    assert writes["differences"][1]["relative"] == pytest.approx(1.0)
    assert [r["key"] for r in rows.values()] == list(HEADLINE_PATHS)


def test_difference_without_a_base_is_empty():
    assert difference(5, None) == {"absolute": None, "relative": None}
    assert difference(5, 0) == {"absolute": 5, "relative": None}
