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
