import pytest

from estimator.engine.availability import k_of_n, parallel, series
from estimator.engine.reliability import (
    MAX_EXACT_COMPONENTS,
    availability_of_paths,
    exact,
    monte_carlo,
)

BRIDGE = [{"a", "d"}, {"b", "e"}, {"a", "c", "e"}, {"b", "c", "d"}]
NINETY = dict.fromkeys("abcde", 0.9)


def test_the_classic_bridge_of_five_at_90_percent():
    assert exact(BRIDGE, NINETY) == pytest.approx(0.97848, abs=1e-12)
    assert availability_of_paths(BRIDGE, NINETY)["method"] == "exact"


def test_disjoint_paths_are_parallel_series():
    paths = [{"cdn"}, {"lb", "origin"}]
    values = {"cdn": 0.99, "lb": 0.999, "origin": 0.995}
    expected = parallel([0.99, series([0.999, 0.995])])
    assert exact(paths, values) == pytest.approx(expected)


def test_one_path_is_series():
    result = availability_of_paths([{"a", "b"}], {"a": 0.9, "b": 0.8})
    assert result == {"availability": pytest.approx(0.72), "method": "series", "interval": None}


def test_a_shared_component_is_counted_once():
    # Both paths go through the gateway: it stays in series with the alternatives.
    paths = [{"gw", "a"}, {"gw", "b"}]
    values = {"gw": 0.99, "a": 0.9, "b": 0.9}
    assert exact(paths, values) == pytest.approx(0.99 * parallel([0.9, 0.9]))


def test_a_k_of_n_component_inside_a_redundant_path():
    quorum = k_of_n(0.99, 2, 3)
    paths = [{"primary", "quorum"}, {"fallback"}]
    values = {"primary": 0.999, "quorum": quorum, "fallback": 0.95}
    expected = parallel([series([0.999, quorum]), 0.95])
    assert exact(paths, values) == pytest.approx(expected)


def test_perfect_components_drop_out():
    assert exact([{"client", "a"}, {"client", "b"}], {"client": 1.0, "a": 0.5, "b": 0.5}) == 0.75


def test_monte_carlo_is_reproducible_and_covers_the_exact_value():
    first = monte_carlo(BRIDGE, NINETY, samples=50_000, seed=7)
    second = monte_carlo(BRIDGE, NINETY, samples=50_000, seed=7)
    assert first == second
    low, high = first[1]
    assert low <= 0.97848 <= high
    assert high - low < 0.01


def test_beyond_the_exact_limit_it_estimates_with_an_interval():
    count = MAX_EXACT_COMPONENTS + 1
    keys = [f"c{i}" for i in range(count)]
    paths = [set(keys[i:i + 2]) for i in range(0, count, 2)] + [set(keys[::3])]
    values = dict.fromkeys(keys, 0.5)
    result = availability_of_paths(paths, values)
    assert result["method"] == "monte_carlo"
    low, high = result["interval"]
    assert low < result["availability"] < high < 1
