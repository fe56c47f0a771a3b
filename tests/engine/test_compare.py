import pytest

from estimator.engine import estimate
from estimator.engine.compare import HEADLINE_PATHS, compare, compare_all, difference


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


def test_each_workload_s_route_p99_is_compared_by_name(design):
    design["components"][1]["instances"] = 4  # api not saturated: every route has a p99
    renamed = {**design, "workloads": [{**design["workloads"][1], "name": "lookup"}]}
    first, second = estimate(design), estimate(renamed)
    rows = {r["key"]: r for r in compare_all([first, second])}
    p99 = {w["name"]: w["p99_ms"] for w in first["latency"]["workloads"]}

    assert rows["latency.workloads[write].p99_ms"]["values"] == [p99["write"], None]
    assert rows["latency.workloads[read].p99_ms"]["values"] == [p99["read"], None]
    lookup = second["latency"]["workloads"][0]["p99_ms"]
    assert rows["latency.workloads[lookup].p99_ms"]["values"] == [None, lookup]
    assert list(rows)[-3:] == ["latency.workloads[write].p99_ms",
                               "latency.workloads[read].p99_ms",
                               "latency.workloads[lookup].p99_ms"]


def test_requests_served_is_compared(design):
    bigger = {**design, "components": [dict(c) for c in design["components"]]}
    bigger["components"][1]["instances"] = 4  # api no longer sheds
    second = estimate(bigger)
    rows = {r["key"]: r for r in compare_all([estimate(design), second])}
    share = rows["overload.served_share"]
    assert share["values"] == pytest.approx([2000 / 2200, 1.0])
    assert share["differences"][1]["absolute"] == pytest.approx(1 - 2000 / 2200)
    # nothing shed: requests served is the availability of components up
    served = rows["availability.requests_served"]["values"]
    assert served[1] == pytest.approx(second["availability"]["overall"])
    assert served[0] < served[1]
