"""Probability that at least one path of components is fully up (independent failures).

A workload whose route has alternatives (`any_of`) succeeds when any of its
paths works. Paths sharing no component reduce series-parallel in one step;
otherwise the structure is factored exactly, conditioning on the component
that appears in most paths (pivotal decomposition); past MAX_EXACT_COMPONENTS
uncertain components a seeded Monte Carlo run estimates it with a 95%
(Wilson) confidence interval.
"""

import math
import random
from functools import cache

MAX_EXACT_COMPONENTS = 25
MONTE_CARLO_SAMPLES = 200_000
DEFAULT_SEED = 20_261_121

Paths = frozenset[frozenset[str]]


def _minimal(paths) -> Paths:
    """Drop paths that contain another path: they never change the answer."""
    unique = sorted({frozenset(p) for p in paths}, key=len)
    kept: list[frozenset[str]] = []
    for path in unique:
        if not any(other <= path for other in kept):
            kept.append(path)
    return frozenset(kept)


def _series(path, availability) -> float:
    return math.prod(availability[key] for key in path)


def _disjoint(paths: Paths) -> bool:
    seen: set[str] = set()
    for path in paths:
        if seen & path:
            return False
        seen |= path
    return True


def exact(paths, availability: dict[str, float]) -> float:
    """The exact probability that some path has every component up."""
    # Perfect components never fail: leave them out so they cost nothing.
    certain = {key for key, a in availability.items() if a >= 1.0}
    reduced = _minimal(frozenset(p) - certain for p in paths)

    @cache
    def solve(paths: Paths) -> float:
        if not paths:
            return 0.0
        if frozenset() in paths:
            return 1.0
        if _disjoint(paths):
            return 1.0 - math.prod(1.0 - _series(p, availability) for p in paths)
        counts: dict[str, int] = {}
        for path in paths:
            for key in path:
                counts[key] = counts.get(key, 0) + 1
        pivot = max(counts, key=lambda key: (counts[key], key))
        up = _minimal(path - {pivot} for path in paths)
        down = frozenset(path for path in paths if pivot not in path)
        a = availability[pivot]
        return a * solve(up) + (1.0 - a) * solve(down)

    return solve(reduced)


def monte_carlo(paths, availability: dict[str, float], *, samples: int = MONTE_CARLO_SAMPLES,
                seed: int = DEFAULT_SEED) -> tuple[float, tuple[float, float]]:
    """A seeded estimate and its 95% Wilson interval; the same seed gives the same result."""
    rng = random.Random(seed)
    path_list = [tuple(p) for p in _minimal(frozenset(p) for p in paths)]
    keys = sorted({key for path in path_list for key in path})
    working = 0
    for _ in range(samples):
        up = {key for key in keys if rng.random() < availability[key]}
        if any(all(key in up for key in path) for path in path_list):
            working += 1
    return working / samples, wilson_interval(working, samples)


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    p = successes / trials
    scale = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / scale
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / scale
    # min/max: float rounding must not leave the estimate itself outside its interval.
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


def uncertain_components(paths, availability: dict[str, float]) -> set[str]:
    return {key for path in paths for key in path if availability[key] < 1.0}


def availability_of_paths(paths, availability: dict[str, float], *,
                          seed: int = DEFAULT_SEED) -> dict:
    """{"availability", "method": "series" | "exact" | "monte_carlo", "interval"}."""
    paths = [frozenset(p) for p in paths]
    if len(paths) == 1:
        return {"availability": _series(paths[0], availability), "method": "series",
                "interval": None}
    if len(uncertain_components(paths, availability)) <= MAX_EXACT_COMPONENTS:
        return {"availability": exact(paths, availability), "method": "exact", "interval": None}
    estimate, interval = monte_carlo(paths, availability, seed=seed)
    return {"availability": estimate, "method": "monte_carlo", "interval": list(interval)}
