"""The analytic figures and the simulation agree on stable designs (issue 13): over
generated designs, each route's mean and p50 within 10% of the simulation's, its p95
within 15% and its p99 within 20%, and each component's utilisation within 0.05.

A cache's hit ratio stays at most 0.8: the components past it then see a fifth of the
requests or more, enough for the route's p99 (which their waits make) to settle.

The designs are chains of 2 to 6 components after the client, 1 to 8 servers each at a
utilisation drawn from 0.1 to 0.85, some with a cache (reads stop on a hit), a queue (the
user's wait ends there unless the step waits) and fan-outs (under 1 on the user's steps: a
share of the requests call once, the rest go no further). Where the two models part (see
"Simulation" in docs/design-document.md) the designs stay on the analytic model's ground:

- a fan-out the user waits for is on the last step the user waits for, at a component
  loaded at most 10% (its calls arrive together at one FIFO queue and wait for each other,
  which the analytic figures, taking the calls as independent, do not see);
- past a queue that ends the user's wait, fan-outs of any size anywhere (load only).

The "ci" profile (the default) runs DESIGNS_CI designs of REQUESTS_CI requests; the "long"
profile (HYPOTHESIS_PROFILE=long, docs/testing.md) runs DESIGNS_LONG of REQUESTS_LONG.
"""

import json
import os
import random
from pathlib import Path

import pytest

from estimator.engine.estimate import estimate
from estimator.engine.simulate import simulate

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
DESIGNS_CI, REQUESTS_CI = 8, 50_000
DESIGNS_LONG, REQUESTS_LONG = 300, 100_000
TOLERANCE = {"mean_ms": 0.10, "p50_ms": 0.10, "p95_ms": 0.15, "p99_ms": 0.20}
UTILIZATION_TOLERANCE = 0.05


def generate(rng: random.Random) -> dict:
    """A stable chain: each component's capacity set from the load that reaches it and a
    drawn utilisation."""
    count = rng.randint(2, 6)
    kind = rng.choice(["read", "write"])
    rate = rng.choice([200.0, 1000.0, 5000.0])
    queue_at = rng.randrange(1, count) if count >= 3 and rng.random() < 0.4 else None
    waits = rng.random() < 0.3
    cache_at = rng.randrange(count - 1) if rng.random() < 0.4 else None
    user_last = count - 1 if queue_at is None or waits else queue_at
    fan_user = rng.random() < 0.3 and user_last != queue_at and user_last != cache_at
    components, route, flow = [{"key": "client", "kind": "client"}], ["client"], rate
    for i in range(count):
        key, servers, utilization = f"c{i}", rng.randint(1, 8), rng.uniform(0.1, 0.85)
        component = {"key": key, "kind": "service", "instances": servers,
                     "latency_ms": rng.choice([0.0, 1.0, 5.0, 20.0])}
        step = {"key": key}
        if i == cache_at:
            component.update(kind="cache", hit_ratio=round(rng.uniform(0.3, 0.8), 2))
        if i == queue_at:
            component["kind"] = "queue"
            step["waits"] = waits
        if i == user_last and fan_user:
            step["fan_out"] = rng.choice([2.0, 3.0, 1.5, 2.5])
            utilization = rng.uniform(0.02, 0.1)
            component["latency_ms"] = rng.choice([1.0, 5.0, 20.0])
        elif (i < user_last and i not in (cache_at, queue_at) and rate >= 1000
              and rng.random() < 0.25):
            # A share of the requests call once, the rest go no further. Kept to busy
            # routes: a component offered a few requests a second serves each for long, and
            # 50,000 requests then hold too few of its busy periods to settle its waits.
            step["fan_out"] = rng.choice([0.6, 0.8])
        elif i > user_last and rng.random() < 0.4:
            step["fan_out"] = rng.choice([0.1, 0.5, 2.0, 3.0, 2.5])
        flow *= step.get("fan_out", 1.0)
        component["capacity_rps"] = flow / (servers * utilization)
        if component["kind"] == "cache" and kind == "read":
            flow *= 1 - component["hit_ratio"]
        components.append(component)
        route.append(step)
    return {"name": "generated", "assumptions": {"peak_factor": 1.0},
            "components": components,
            "workloads": [{"name": "w", "kind": kind, "rate": rate, "per": "second",
                           "route": route}]}


def disagreements(document: dict, requests: int, seed: int) -> list[str]:
    analytic = estimate(document)
    simulated = simulate(document, requests=requests, seed=seed, wall_seconds=120)
    assert simulated["stopped"] == "complete"
    found = []
    route, figures = simulated["workloads"][0], analytic["latency"]["workloads"][0]
    for name, tolerance in TOLERANCE.items():
        if abs(route[name] - figures[name]) > tolerance * figures[name]:
            found.append(f"{name}: simulated {route[name]:.4g}, analytic {figures[name]:.4g}")
    for row, component in zip(analytic["components"], simulated["components"], strict=True):
        if row["utilization"] is None:
            continue
        if abs(component["utilization"] - row["utilization"]) > UTILIZATION_TOLERANCE:
            found.append(f"{row['key']} utilisation: simulated {component['utilization']:.3f}, "
                         f"analytic {row['utilization']:.3f}")
    return found


@pytest.mark.property
@pytest.mark.parametrize("index", range(DESIGNS_LONG if LONG else DESIGNS_CI))
def test_the_analytic_figures_agree_with_the_simulation(index):
    seed = index if not LONG else random.SystemRandom().randrange(2**32)
    document = generate(random.Random(seed))
    found = disagreements(document, REQUESTS_LONG if LONG else REQUESTS_CI, seed)
    assert not found, f"design seed {seed}: {found}\n{json.dumps(document)}"


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "designs" / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_each_example_simulates_as_its_estimate_says(path):
    """The handbook examples at their peak: every component the run reaches often enough
    busy as the analytic figures say, every workload served often enough as fast on
    average (a rare workload, Netflix's uploads, rests on too few requests to say)."""
    document = json.loads(path.read_text())
    analytic = estimate(document)
    simulated = simulate(document, requests=30_000, seed=1)
    assert simulated["totals"]["lost"] == 0
    for row, component in zip(analytic["components"], simulated["components"], strict=True):
        if row["utilization"] is not None and component["attempts"] >= 2000:
            assert component["utilization"] == pytest.approx(row["utilization"], abs=0.05)
    for figures, route in zip(analytic["latency"]["workloads"], simulated["workloads"],
                              strict=True):
        if route["served"] >= 2000:
            assert route["mean_ms"] == pytest.approx(figures["mean_ms"], rel=0.10)
            assert route["p99_ms"] == pytest.approx(figures["p99_ms"], rel=0.20)
