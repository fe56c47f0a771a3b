"""Time the estimate and the simulation of each handbook example.

    python bench/simulate.py [--repeat N] [--requests N]

For each example under designs/examples/: the estimate's median time over N runs of
`estimate()` (target: under 20 ms, with its exact latency percentiles), and the wall time
of one simulation of 100,000 requests at peak (`simulate()`, target: under 30 s on a
worker), each with its ratio to the target and the processor time it took (the wall time
of a shared machine counts the other processes' turns), and the requests the simulation ran
a second of wall time. Then, for each, how the two compare: the largest difference of a
component's utilisation, and each workload's simulated mean and p99 over the analytic
ones. Exit status 1 when a target is missed.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from estimator.engine import estimate  # noqa: E402
from estimator.engine.simulate import simulate  # noqa: E402

ESTIMATE_MS, SIMULATE_S = 20.0, 30.0


def estimate_ms(document: dict, repeat: int) -> tuple[float, float]:
    """The median wall and processor milliseconds of an estimate."""
    estimate(document)  # warm-up: imports and caches
    walls, processors = [], []
    for _ in range(repeat):
        wall, processor = time.perf_counter(), time.process_time()
        estimate(document)
        walls.append(time.perf_counter() - wall)
        processors.append(time.process_time() - processor)
    return statistics.median(walls) * 1000, statistics.median(processors) * 1000


def simulate_s(document: dict, requests: int) -> tuple[float, float, dict]:
    """The wall and processor seconds of one simulation, and its result."""
    wall, processor = time.perf_counter(), time.process_time()
    result = simulate(document, requests=requests, wall_seconds=SIMULATE_S * 4)
    return time.perf_counter() - wall, time.process_time() - processor, result


def ratio(simulated, analytic) -> str:
    if simulated is None or not analytic:
        return "-"
    return f"{simulated / analytic:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--requests", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{'example':<15} {'estimate ms':>11} {'/ 20 ms':>7} {'cpu ms':>6} "
          f"{'simulate s':>10} {'/ 30 s':>6} {'cpu s':>6} {'requests/s':>10} {'stopped':>8}")
    missed = 0
    comparisons = []
    for path in sorted((ROOT / "designs" / "examples").glob("*.json")):
        document = json.loads(path.read_text())
        milliseconds, estimate_cpu = estimate_ms(document, args.repeat)
        seconds, simulate_cpu, result = simulate_s(document, args.requests)
        rate = result["requests_simulated"] / seconds
        print(f"{path.stem:<15} {milliseconds:>11.1f} {milliseconds / ESTIMATE_MS:>7.2f} "
              f"{estimate_cpu:>6.1f} {seconds:>10.2f} {seconds / SIMULATE_S:>6.2f} "
              f"{simulate_cpu:>6.2f} {rate:>10,.0f} {result['stopped']:>8}")
        missed += milliseconds > ESTIMATE_MS or seconds > SIMULATE_S or (
            result["stopped"] != "complete")
        comparisons.append((path.stem, estimate(document), result))
    print(f"targets: estimate under {ESTIMATE_MS:g} ms, simulation of {args.requests:,} "
          f"requests under {SIMULATE_S:g} s")
    print(f"\n{'example':<15} {'workload':<26} {'util diff':>9} {'mean sim/an':>11} "
          f"{'p99 sim/an':>10}")
    for name, analytic, result in comparisons:
        differences = [abs(s["utilization"] - a["utilization"]) for s, a in zip(
            result["components"], analytic["components"], strict=True)
            if s["utilization"] is not None and a["utilization"] is not None]
        for simulated, figures in zip(result["workloads"], analytic["latency"]["workloads"],
                                      strict=True):
            print(f"{name:<15} {simulated['name']:<26} {max(differences, default=0):>9.3f} "
                  f"{ratio(simulated['mean_ms'], figures['mean_ms']):>11} "
                  f"{ratio(simulated['p99_ms'], figures['p99_ms']):>10}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
