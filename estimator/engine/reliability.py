"""Probability that a route works: some path of components fully up (independent failures).

A route is a series of stages; a stage is one component, or alternatives (`any_of`), each a
series of components. The route works when, in every stage, every component of some
alternative is up. Each component counts once, wherever it appears.

When no component appears in two places, stages are independent and alternatives too: the
availability is a product of parallel-of-series terms, in one pass. A component that
appears in several places (a shared gateway, the classic bridge) is conditioned on, up and
down in turn (pivotal decomposition), until none is left; the work this takes is bounded
(Budget, shared by a design's routes), and past it a seeded Monte Carlo run estimates the
availability with a 95% (Wilson) confidence interval, with as many samples as the budget
allows (at most MONTE_CARLO_SAMPLES). So every design is solved in bounded time, and the
same design and seed give the same figures in any process.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np

MONTE_CARLO_SAMPLES = 200_000
DEFAULT_SEED = 20_261_121


@dataclass
class Budget:
    """The work one design's routes may take, shared by all of them in order, so that a
    design of a thousand hard routes is solved in bounded time. Exact work is counted in
    component slots visited (a few microseconds each), Monte Carlo work in component slots
    sampled (a few nanoseconds each, vectorised); a route that needs Monte Carlo gets at
    least `min_samples` samples."""

    exact: float = 400_000
    exact_per_route: float = 100_000
    monte_carlo: float = 200_000_000
    min_samples: int = 2_000


# The many quick re-estimates of uncertainty runs: a hundredth of it.
QUICK = (4_000, 4_000, 2_000_000, 100)

Option = frozenset[str]
Stage = frozenset[Option]
Structure = tuple[Stage, ...]


class OverBudget(Exception):
    """The exact method would take more work than it was given."""


def stages_of_paths(paths: Iterable[Iterable[str]]) -> tuple[tuple[tuple[str, ...], ...]]:
    """Paths given whole (any one of them must work) as a route of one stage."""
    return (tuple(tuple(path) for path in paths),)


def _minimal(options: Iterable[Option]) -> Stage:
    """Drop alternatives that contain another one: they never change the answer."""
    kept: list[Option] = []
    # By length only: the minimal alternatives are the same whatever order ties come in.
    for option in sorted(set(options), key=len):
        if not any(other <= option for other in kept):
            kept.append(option)
    return frozenset(kept)


def _structure(stages, availability: Mapping[str, float]) -> Structure | None:
    """The route without perfect components and without stages that always work; None when
    some stage can never work (it has no alternative)."""
    structure = []
    for stage in stages:
        options = [frozenset(key for key in option if availability[key] < 1.0)
                   for option in stage]
        if not options:
            return None
        if frozenset() in options:
            continue  # an alternative of perfect components: this stage always works
        structure.append(_minimal(options))
    return tuple(structure)


def _fix(structure: Structure, key: str, up: bool) -> Structure | None:
    """The structure with `key` known to be up (removed from every alternative) or down
    (every alternative through it removed); None when the route can no longer work."""
    fixed = []
    for stage in structure:
        if up:
            options = [option - {key} for option in stage]
            if frozenset() in options:
                continue
        else:
            options = [option for option in stage if key not in option]
            if not options:
                return None
        fixed.append(_minimal(options))
    return tuple(fixed)


def _independent(structure: Structure, availability: Mapping[str, float]) -> float:
    """Every component in one place: a product over stages of parallel-of-series terms.
    Factors are sorted so that the product does not depend on set order (the hash seed)."""
    def series(option: Option) -> float:
        return math.prod(sorted(availability[key] for key in option))

    def stage_up(stage: Stage) -> float:
        return 1.0 - math.prod(sorted(1.0 - series(option) for option in stage))

    return math.prod(sorted(stage_up(stage) for stage in structure))


def solve_exact(stages, availability: Mapping[str, float], work: float) -> tuple[float, int]:
    """(availability, work spent) of a route by pivotal decomposition; raises OverBudget
    past `work` component slots visited."""
    structure = _structure(stages, availability)
    if structure is None:
        return 0.0, 0
    return _exact(structure, availability, work)


def _exact(structure: Structure, availability: Mapping[str, float],
           work: float) -> tuple[float, int]:
    """Pivotal decomposition on the components that appear in several places; raises
    OverBudget past `work` component slots visited."""
    spent = 0

    @cache
    def solve(current: Structure | None) -> float:
        nonlocal spent
        if current is None:
            return 0.0
        counts: dict[str, int] = {}
        for stage in current:
            for option in stage:
                spent += len(option)
                for key in option:
                    counts[key] = counts.get(key, 0) + 1
        if spent > work:
            raise OverBudget
        shared = [key for key, count in counts.items() if count > 1]
        if not shared:
            return _independent(current, availability)
        pivot = max(shared, key=lambda key: (counts[key], key))
        a = availability[pivot]
        return a * solve(_fix(current, pivot, True)) + (1.0 - a) * solve(
            _fix(current, pivot, False))

    try:
        return solve(structure), spent
    except RecursionError:  # thousands of shared components: as good as over budget
        raise OverBudget from None


def exact(paths, availability: Mapping[str, float]) -> float:
    """The exact probability that some path has every component up (no work bound)."""
    structure = _structure(stages_of_paths(paths), availability)
    return 0.0 if structure is None else _exact(structure, availability, math.inf)[0]


def _monte_carlo(structure: Structure, availability: Mapping[str, float], *, samples: int,
                 seed: int) -> tuple[int, int]:
    """(samples in which the route worked, samples drawn), vectorised over samples."""
    keys = sorted({key for stage in structure for option in stage for key in option})
    column = {key: index for index, key in enumerate(keys)}
    chances = np.array([availability[key] for key in keys])
    stages = [[np.array([column[key] for key in sorted(option)]) for option in
               sorted(stage, key=sorted)] for stage in structure]
    rng = np.random.default_rng(seed)
    chunk = max(1, min(samples, 4_000_000 // max(1, len(keys))))  # at most ~4 MB of draws
    working, drawn = 0, 0
    while drawn < samples:
        size = min(chunk, samples - drawn)
        up = rng.random((size, len(keys))) < chances
        route_up = np.ones(size, dtype=bool)
        for options in stages:
            stage_up = np.zeros(size, dtype=bool)
            for columns in options:
                stage_up |= up[:, columns].all(axis=1)
            route_up &= stage_up
        working += int(route_up.sum())
        drawn += size
    return working, drawn


def _slots(structure: Structure) -> int:
    return sum(len(option) for stage in structure for option in stage)


def monte_carlo(paths, availability: Mapping[str, float], *, samples: int = MONTE_CARLO_SAMPLES,
                seed: int = DEFAULT_SEED) -> tuple[float, tuple[float, float]]:
    """A seeded estimate and its 95% Wilson interval; the same seed gives the same result."""
    structure = _structure(stages_of_paths(paths), availability)
    if structure is None:
        return 0.0, (0.0, 0.0)
    working, drawn = _monte_carlo(structure, availability, samples=samples, seed=seed)
    return working / drawn, wilson_interval(working, drawn)


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    p = successes / trials
    scale = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / scale
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / scale
    # min/max: float rounding must not leave the estimate itself outside its interval.
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


def availability_of_route(stages, availability: Mapping[str, float], *, paths: int = 2,
                          seed: int = DEFAULT_SEED, budget: Budget | None = None) -> dict:
    """{"availability", "method": "series" | "exact" | "monte_carlo", "interval"} of a route
    given as stages (each a list of alternatives, each a list of keys); `paths` is how many
    paths it makes (one: "series"). The work it takes comes out of `budget`."""
    budget = Budget() if budget is None else budget
    method = "series" if paths == 1 else "exact"
    structure = _structure(stages, availability)
    if structure is None:
        return {"availability": 0.0, "method": method, "interval": None}
    allowed = max(0.0, min(budget.exact, budget.exact_per_route))
    try:
        value, spent = _exact(structure, availability, allowed)
        budget.exact -= spent
        return {"availability": value, "method": method, "interval": None}
    except OverBudget:
        budget.exact -= allowed
    slots = _slots(structure)
    samples = int(min(MONTE_CARLO_SAMPLES,
                      max(budget.min_samples, budget.monte_carlo // max(1, slots))))
    budget.monte_carlo -= samples * slots
    working, drawn = _monte_carlo(structure, availability, samples=samples, seed=seed)
    return {"availability": working / drawn, "method": "monte_carlo",
            "interval": list(wilson_interval(working, drawn))}


def availability_of_paths(paths, availability: Mapping[str, float], *,
                          seed: int = DEFAULT_SEED) -> dict:
    """availability_of_route for paths given whole (any one of them must work)."""
    paths = [tuple(path) for path in paths]
    return availability_of_route(stages_of_paths(paths), availability, paths=len(paths),
                                 seed=seed)
