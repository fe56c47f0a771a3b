import pytest

from estimator.engine import reliability
from estimator.engine.availability import k_of_n, parallel, series
from estimator.engine.reliability import (
    availability_of_paths,
    availability_of_route,
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
    margin = (high - low) / 2  # twice the 95% interval: a miss would be a bias, not chance
    assert low - margin <= 0.97848 <= high + margin
    assert high - low < 0.01


def test_beyond_the_exact_work_bound_it_estimates_with_an_interval():
    result = availability_of_route(reliability.stages_of_paths(BRIDGE), NINETY, paths=4,
                                   budget=reliability.Budget(exact=10))
    assert result["method"] == "monte_carlo"
    low, high = result["interval"]
    assert low <= 0.97848 <= high
    assert low < result["availability"] < high < 1


def test_alternatives_in_stages_are_solved_exactly_however_many_paths_they_make():
    # Three stages of ten alternatives: 1,000 paths, 30 uncertain components, each in one
    # place, so the availability is a product of parallel terms (once 653 s by Monte Carlo).
    stages = [[[f"c{stage}{option}"] for option in range(10)] for stage in range(3)]
    values = {f"c{stage}{option}": 0.5 for stage in range(3) for option in range(10)}
    result = availability_of_route(stages, values, paths=1000)
    assert result == {"availability": pytest.approx(parallel([0.5] * 10) ** 3),
                      "method": "exact", "interval": None}


def test_a_component_twice_in_series_counts_once():
    result = availability_of_route([[["lb"]], [["api"]], [["lb"]]], {"lb": 0.9, "api": 0.8},
                                   paths=1)
    assert result["availability"] == pytest.approx(0.72)


def test_a_stage_whose_alternative_is_perfect_always_works():
    stages = [[["client"], ["a"]], [["b"]]]
    assert availability_of_route(stages, {"client": 1.0, "a": 0.5, "b": 0.5})[
        "availability"] == 0.5


def test_monte_carlo_samples_are_bounded_by_the_budget():
    keys = [f"k{i}" for i in range(400)]
    paths = [keys[i:i + 200] for i in range(0, 200, 1)]  # 200 long overlapping paths
    budget = reliability.Budget(exact=10, monte_carlo=4_000_000, min_samples=2_000)
    result = availability_of_route(reliability.stages_of_paths(paths), dict.fromkeys(keys, 0.99),
                                   paths=len(paths), budget=budget)
    # 4,000,000 slots / 40,000 slots a sample = 100 samples, raised to the minimum of 2,000.
    assert result["method"] == "monte_carlo"
    assert budget.monte_carlo == 4_000_000 - 2_000 * 40_000


def test_routes_share_the_design_budget_in_order():
    budget = reliability.Budget(exact=40, exact_per_route=30)  # the bridge takes 27
    first = availability_of_paths_with(BRIDGE, budget)
    second = availability_of_paths_with(BRIDGE, budget)
    assert first["method"] == "exact" and second["method"] == "monte_carlo"


def availability_of_paths_with(paths, budget):
    return availability_of_route(reliability.stages_of_paths(paths), NINETY, paths=len(paths),
                                 budget=budget)
