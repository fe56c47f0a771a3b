"""Time the full estimate of generated designs of 10 to 10,000 components.

    python bench/engine.py [--repeat N]

Each design has 100 workloads whose routes take up to 10 steps through a
layered graph (clients, load balancers, services, caches, queues, databases,
object stores). Prints each size's median time, the ratio to the previous
size, and time per (component + route step), which stays flat when the
engine grows linearly. Target on a 2-core machine: 10,000 components in
under 1 second.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estimator.engine import estimate  # noqa: E402

LAYERS = ("load_balancer", "service", "cache", "service", "queue", "worker", "database",
          "object_store")


def generated_design(components: int, workloads: int = 100, seed: int = 1) -> dict:
    rng = random.Random(seed)
    keys_by_layer: list[list[str]] = [[] for _ in LAYERS]
    parts = [{"key": "client", "kind": "client"}]
    for index in range(components - 1):
        layer = index % len(LAYERS)
        key = f"c{index}"
        keys_by_layer[layer].append(key)
        parts.append({"key": key, "kind": LAYERS[layer], "instances": rng.randint(1, 6),
                      "redundancy": rng.choice(["active-active", "active-passive"])})
    links = []
    for upper, lower in zip(keys_by_layer, keys_by_layer[1:], strict=False):
        for key in upper:
            if lower:
                links.append({"from": key, "to": rng.choice(lower)})
    flows = []
    for index in range(workloads):
        route = ["client"] + [rng.choice(layer) for layer in keys_by_layer if layer][:9]
        flows.append({"name": f"w{index}", "kind": rng.choice(["read", "write"]),
                      "per_user_per_day": rng.uniform(0.1, 20), "request_bytes": 500,
                      "response_bytes": 2000, "route": route})
    return {"name": f"generated {components}",
            "assumptions": {"daily_active_users": 10_000_000},
            "workloads": flows, "components": parts, "links": links}


def timed(document: dict, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        estimate(document)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    print(f"{'components':>10} {'route steps':>11} {'median s':>9} {'ratio':>6} "
          f"{'us per item':>11}")
    previous = None
    for size in (10, 100, 1_000, 10_000):
        document = generated_design(size)
        steps = sum(len(w["route"]) for w in document["workloads"])
        seconds = timed(document, repeat)
        ratio = "" if previous is None else f"{seconds / previous:.1f}x"
        per_item = seconds / (size + steps) * 1e6
        print(f"{size:>10,} {steps:>11,} {seconds:>9.4f} {ratio:>6} {per_item:>11.1f}")
        previous = seconds


if __name__ == "__main__":
    main()
