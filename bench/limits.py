"""The estimate of the hardest documents the limits accept: time, peak memory, answer size.

    python bench/limits.py [--repeat N]

Each document sits at one or several of the limits in estimator/engine/limits.py (issue 11:
the engine accepts only what it can compute, in bounded time and memory). Prints each one's
median time, the peak of memory Python allocated while estimating it (tracemalloc), and the
size of its document and of the estimate as JSON. Targets on a 2-core machine: every one
under 10 s (a sixth of the default task time limit) and 500 MB, and every answer at most 20
times its document plus 300 KB (the bound the property tests assert).
"""

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estimator.engine import estimate, limits, validate  # noqa: E402

SECONDS, MEGABYTES = 10, 500
SIZE_FACTOR, SIZE_ALLOWANCE = 20, 300_000


def largest_graph() -> dict:
    """10,000 components of a million instances (a third k-of-n), 1,000 workloads of 100
    steps at the largest rates and sizes, 1,000 years of retention with growth."""
    count = limits.MAX_COMPONENTS
    components = [{"key": f"c{i}", "kind": "service", "instances": limits.MAX_INSTANCES,
                   "capacity_rps": 1e-3 if i % 2 else 1e21,
                   **({"redundancy": "k-of-n", "k": 500_000} if i % 3 == 0 else {})}
                  for i in range(count)]
    workloads = [{"name": f"w{j}", "kind": "read" if j % 2 else "write", "rate": 1e21,
                  "request_bytes": 1e21, "response_bytes": 1e21,
                  "route": [f"c{(j * 100 + step) % count}" for step in range(100)]}
                 for j in range(limits.MAX_WORKLOADS)]
    return {"name": "the largest graph", "components": components, "workloads": workloads,
            "assumptions": {"daily_active_users": 1e21, "retention_years": 1_000,
                            "growth_rate": 0.03, "peak_factor": 1e21}}


def largest_graph_with_a_range() -> dict:
    """The largest graph with its daily users a range: 20 uncertainty samples, each reading
    again only what the range touches."""
    document = largest_graph()
    document["name"] = "the largest graph, a range"
    document["assumptions"]["daily_active_users"] = {"low": 1e20, "mid": 5e20, "high": 1e21}
    return document


def loaded_instances() -> dict:
    """A million instances at 99.9% busy: Erlang C in closed form."""
    return {"name": "a million instances", "components": [
        {"key": "api", "kind": "service", "instances": limits.MAX_INSTANCES, "capacity_rps": 1}],
        "workloads": [{"name": "r", "kind": "read", "rate": 499_500, "route": ["api"]}]}


def wide_alternatives_with_ranges() -> dict:
    """1,000 paths over 30 components, every availability and the rate a range."""
    components = [{"key": f"c{i}", "kind": "service",
                   "availability": {"low": 0.9, "mid": 0.99, "high": 0.999}} for i in range(30)]
    route = [{"any_of": [[f"c{stage * 10 + i}"] for i in range(10)]} for stage in range(3)]
    return {"name": "1,000 paths with ranges", "components": components, "workloads": [
        {"name": "r", "kind": "read", "rate": {"low": 1, "mid": 2, "high": 3}, "route": route}]}


def long_shared_alternatives() -> dict:
    """1,000 paths of up to 100 steps whose alternatives share components: past the exact
    method's work budget, so Monte Carlo within its own."""
    components = [{"key": f"c{i}", "kind": "service", "availability": 0.99} for i in range(200)]
    last = [[f"c{i}"] + [f"c{k}" for k in range(30 + i, 30 + i + 96)] for i in range(10)]
    route = [{"any_of": [[f"c{i}"] for i in range(10)]},
             {"any_of": [[f"c{i}"] for i in range(10, 20)]}, {"any_of": last}]
    return {"name": "1,000 long shared paths", "components": components,
            "workloads": [{"name": "r", "kind": "read", "rate": 2, "route": route}]}


def many_hard_routes() -> dict:
    """1,000 workloads, each a bridge of shared components across 4 alternatives (the
    design-wide budget shared by 1,000 routes that each need conditioning)."""
    components = [{"key": f"c{i}", "kind": "service", "availability": 0.9} for i in range(50)]
    workloads = []
    for j in range(limits.MAX_WORKLOADS):
        a, b, c, d, e = (f"c{(j + k) % 50}" for k in range(5))
        workloads.append({"name": f"w{j}", "kind": "read", "rate": 1, "route": [
            {"any_of": [[a, d], [b, e], [a, c, e], [b, c, d]]}]})
    return {"name": "1,000 bridges", "components": components, "workloads": workloads}


DOCUMENTS = (largest_graph, largest_graph_with_a_range, loaded_instances,
             wide_alternatives_with_ranges, long_shared_alternatives, many_hard_routes)


def measure(document: dict, repeat: int) -> tuple[float, float, int]:
    """(median seconds, peak MB allocated, answer bytes)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = estimate(document)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    estimate(document)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return statistics.median(times), peak, len(json.dumps(result, allow_nan=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print(f"{'document':28} {'seconds':>8} {'peak MB':>8} {'document':>11} {'estimate':>11}")
    missed = 0
    for build in DOCUMENTS:
        document = build()
        assert not validate(document), (build.__name__, validate(document)[:3])
        seconds, peak, answer = measure(document, repeat)
        size = len(json.dumps(document))
        misses = [label for label, over in (
            ("time", seconds > SECONDS), ("memory", peak > MEGABYTES),
            ("size", answer > SIZE_FACTOR * size + SIZE_ALLOWANCE)) if over]
        missed += bool(misses)
        print(f"{document['name']:28} {seconds:8.2f} {peak:8.0f} {size:11,} {answer:11,}"
              f"  {'MISSED ' + ', '.join(misses) if misses else 'ok'}")
    print(f"targets: under {SECONDS} s and {MEGABYTES} MB each; an estimate at most "
          f"{SIZE_FACTOR} x its document + {SIZE_ALLOWANCE:,} bytes")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
