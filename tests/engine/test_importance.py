import pytest

from estimator.engine import estimate
from estimator.engine.availability import parallel


def _importance(design):
    return estimate(design)["importance"]


def test_the_weakest_series_component_is_improved_first(design):
    for component, a in zip(design["components"][1:], (0.999, 0.99, 0.9999), strict=True):
        component.update(availability=a, instances=1)
    result = _importance(design)
    assert result["improve_first"] == "cache"
    by_key = {r["key"]: r for r in result["components"]}
    # Only reads pass the cache: 1,000 of 1,100 requests.
    read_route = 0.999 * 0.99 * 0.9999
    gain = read_route / 0.99 - read_route
    assert by_key["cache"]["improvement"] == pytest.approx(1000 / 1100 * gain)
    assert by_key["cache"]["birnbaum"] == pytest.approx(1000 / 1100 * read_route / 0.99)
    assert [r["key"] for r in result["components"]][0] == "cache"


def test_a_redundant_alternative_matters_less_than_a_shared_step():
    design = {
        "name": "two regions",
        "workloads": [{"name": "w", "kind": "read", "rate": 10,
                       "route": ["dns", {"any_of": [["east"], ["west"]]}]}],
        "components": [{"key": "dns", "kind": "dns", "availability": 0.999},
                       {"key": "east", "kind": "service", "availability": 0.99},
                       {"key": "west", "kind": "service", "availability": 0.99}],
    }
    by_key = {r["key"]: r for r in _importance(design)["components"]}
    assert by_key["dns"]["birnbaum"] == pytest.approx(parallel([0.99, 0.99]))
    assert by_key["east"]["birnbaum"] == pytest.approx(0.999 * 0.01)
    assert _importance(design)["improve_first"] == "dns"


def test_perfect_components_are_not_ranked(design):
    keys = [r["key"] for r in _importance(design)["components"]]
    assert "client" not in keys


def _replicated(redundancy="active-active"):
    """api 99.9% then db, read by a replica: each database box 99%, one instance."""
    return {
        "name": "replicated",
        "workloads": [
            {"name": "read", "kind": "read", "rate": 300, "route": ["api", "db"]},
            {"name": "write", "kind": "write", "rate": 100, "route": ["api", "db"]},
        ],
        "components": [
            {"key": "api", "kind": "service", "availability": 0.999},
            {"key": "db", "kind": "database", "availability": 0.99,
             "redundancy": redundancy},
            {"key": "db_replica", "kind": "database", "availability": 0.99,
             "replica_of": "db"},
        ],
    }


def test_a_replica_is_ranked_as_one_of_a_parallel_group_for_reads():
    """Reads survive either box's loss: a box perfect lifts the group from 99.99% to 100%,
    a box failed drops it to 99%. Writes need the primary (it does not fail over)."""
    by_key = {r["key"]: r for r in _importance(_replicated())["components"]}
    reads, writes = 300 / 400, 100 / 400
    group = parallel([0.99, 0.99])
    assert by_key["db_replica"]["improvement"] == pytest.approx(reads * 0.999 * (1 - group))
    assert by_key["db_replica"]["birnbaum"] == pytest.approx(reads * 0.999 * (1 - 0.99))
    # the primary: the same for reads, and in series for writes
    assert by_key["db"]["birnbaum"] == pytest.approx(reads * 0.999 * 0.01 + writes * 0.999)
    assert by_key["db"]["improvement"] == pytest.approx(
        reads * 0.999 * (1 - group) + writes * 0.999 * 0.01)
    # api is in series with the group on every route
    assert by_key["api"]["birnbaum"] == pytest.approx(reads * group + writes * 0.99)


def test_a_primary_that_fails_over_makes_its_replica_count_for_writes():
    by_key = {r["key"]: r for r in _importance(_replicated("active-passive"))["components"]}
    group = parallel([0.99, 0.99])
    # both routes see the group in parallel: the two boxes weigh the same
    assert by_key["db_replica"]["birnbaum"] == pytest.approx(0.999 * 0.01)
    assert by_key["db"]["birnbaum"] == pytest.approx(by_key["db_replica"]["birnbaum"])
    assert by_key["api"]["birnbaum"] == pytest.approx(group)


def test_a_replica_on_a_route_with_alternatives_is_ranked():
    design = _replicated()
    design["workloads"] = [{"name": "read", "kind": "read", "rate": 10,
                            "route": [{"any_of": [["api", "db"], ["backup"]]}]}]
    design["components"].append({"key": "backup", "kind": "service", "availability": 0.9})
    by_key = {r["key"]: r for r in _importance(design)["components"]}
    group = parallel([0.99, 0.99])
    # the replica failed leaves db alone in the group: any of (api x db) | backup
    perfect = parallel([0.999 * 1.0, 0.9])
    failed = parallel([0.999 * 0.99, 0.9])
    assert by_key["db_replica"]["birnbaum"] == pytest.approx(perfect - failed)
    assert by_key["api"]["birnbaum"] == pytest.approx(parallel([group, 0.9]) - 0.9)
