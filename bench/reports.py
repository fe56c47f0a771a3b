"""Time the interview report (HTML and PDF) of a generated 200-component design.

    python bench/reports.py [--repeat N] [--components N]

The design looks like a real one: clients, DNS, a CDN, load balancers, API gateways, about
80 services, caches, queues with workers, databases, object stores, search and third-party
APIs, linked the way they call each other, with 20 workloads whose routes take up to 10
steps. Each format is timed from the design and estimate documents to the file's bytes
(content, diagram, template, and WeasyPrint for the PDF), a few runs, the median. Targets
on a 2-core machine: HTML under 5 s, PDF under 20 s.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from designs.diagram import diagram_svg  # noqa: E402
from designs.reports import render  # noqa: E402
from estimator.engine import estimate  # noqa: E402

TARGETS = {"html": 5.0, "pdf": 20.0}
# How many of each kind a 200-component design has (scaled for other sizes).
MIX = {"dns": 1, "cdn": 1, "load_balancer": 4, "api_gateway": 2, "service": 80, "cache": 20,
       "queue": 10, "worker": 30, "database": 30, "object_store": 5, "search": 8,
       "external": 8}
DOMAINS = ("users", "orders", "payments", "catalog", "search", "feed", "media", "chat",
           "billing", "shipping", "reviews", "ads", "auth", "profile", "inventory", "pricing",
           "notifications", "analytics", "recommendations", "sessions")


def _components(total: int, rng: random.Random) -> dict[str, list[dict]]:
    scale = (total - 1) / sum(MIX.values())
    kinds = {kind: max(1, round(count * scale)) for kind, count in MIX.items()}
    kinds["service"] += total - 1 - sum(kinds.values())  # exactly `total` with the client
    by_kind: dict[str, list[dict]] = {"client": [{"key": "client", "kind": "client",
                                                  "name": "Web and mobile clients"}]}
    for kind, count in kinds.items():
        by_kind[kind] = []
        for index in range(count):
            domain = DOMAINS[index % len(DOMAINS)]
            name = f"{domain.capitalize()} {kind.replace('_', ' ')} {index // len(DOMAINS) + 1}"
            component = {"key": f"{kind}_{index}", "kind": kind, "name": name,
                         "instances": rng.randint(2, 8)}
            if kind in ("database", "load_balancer"):
                component["redundancy"] = "active-passive"
            if kind in ("object_store", "cdn", "dns", "external"):
                component["managed"] = True
            by_kind[kind].append(component)
    return by_kind


def _links(by_kind: dict[str, list[dict]], rng: random.Random) -> list[dict]:
    """Who calls whom: edge to gateways to services; services to their stores and to a few
    other services; queues to workers; workers to stores."""
    keys = {kind: [c["key"] for c in items] for kind, items in by_kind.items()}
    pairs = {("client", keys["dns"][0]), ("client", keys["cdn"][0])}
    pairs |= {(keys["cdn"][0], lb) for lb in keys["load_balancer"]}
    pairs |= {(lb, rng.choice(keys["api_gateway"])) for lb in keys["load_balancer"]}
    stores = ("cache", "database", "search", "external", "queue", "object_store")
    for index, service in enumerate(keys["service"]):
        pairs.add((rng.choice(keys["api_gateway"]), service))
        for kind in stores:
            if rng.random() < (0.9 if kind in ("cache", "database") else 0.3):
                pairs.add((service, keys[kind][index % len(keys[kind])]))
        for _ in range(2):  # calls to other services, never back up the chain
            if index and rng.random() < 0.5:
                pairs.add((service, keys["service"][rng.randrange(index)]))
    for index, worker in enumerate(keys["worker"]):
        pairs.add((keys["queue"][index % len(keys["queue"])], worker))
        pairs.add((worker, rng.choice(keys["database"] + keys["object_store"])))
    linked = {key for pair in pairs for key in pair}
    for kind in stores:  # every store is called by someone
        pairs |= {(rng.choice(keys["service"]), key) for key in keys[kind] if key not in linked}
    return [{"from": a, "to": b} for a, b in sorted(pairs)]


def _route(links: list[dict], rng: random.Random) -> list[str]:
    """A walk down the links from the client through the CDN: up to 10 steps."""
    after: dict[str, list[str]] = {}
    for link in links:
        after.setdefault(link["from"], []).append(link["to"])
    route = ["client", next(k for k in after["client"] if k.startswith("cdn"))]
    while len(route) < 10:
        choices = [k for k in after.get(route[-1], []) if k not in route]
        services = [k for k in choices if k.startswith("service")]
        if not choices:
            break
        # Requests mostly go on to another service before reaching a store.
        route.append(rng.choice(services if services and rng.random() < 0.7 else choices))
    return route


def generated_design(components: int = 200, workloads: int = 20, seed: int = 7) -> dict:
    rng = random.Random(seed)
    by_kind = _components(components, rng)
    links = _links(by_kind, rng)
    flows = []
    for index in range(workloads):
        kind = "write" if index % 4 == 0 else "read"
        flows.append({"name": f"{DOMAINS[index % len(DOMAINS)]} {kind}", "kind": kind,
                      "per_user_per_day": round(rng.uniform(0.5, 20), 1),
                      "request_bytes": rng.choice([200, 500, 2_000]),
                      "response_bytes": rng.choice([1_000, 5_000, 20_000]),
                      "route": _route(links, rng)})
    return {
        "name": f"Generated marketplace ({components} components)",
        "description": "A generated design for timing reports.",
        "requirements": {"functional": "- Browse, buy, pay, ship.",
                         "non_functional": "- 99.99% available.", "extended": ""},
        "assumptions": {"daily_active_users": 5_000_000},
        "workloads": flows,
        "components": [c for items in by_kind.values() for c in items],
        "links": links,
    }


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--components", type=int, default=200)
    options = parser.parse_args()
    document = generated_design(options.components)
    steps = sum(len(w["route"]) for w in document["workloads"])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; median of {options.repeat} runs")
    print(f"design: {len(document['components'])} components, {len(document['links'])} links, "
          f"{len(document['workloads'])} workloads, {steps} route steps "
          f"(longest {max(len(w['route']) for w in document['workloads'])})")
    seconds, result = timed(lambda: estimate(document), options.repeat)
    print(f"{'estimate (engine)':<22} {seconds:>8.3f} s")
    seconds, svg = timed(lambda: diagram_svg(document, result), options.repeat)
    print(f"{'diagram (SVG)':<22} {seconds:>8.3f} s  ({len(svg):,} bytes)")
    print(f"{'format':<22} {'median':>8}   {'size':>12}  {'target':>7}  {'of target':>9}")
    for fmt in ("md", "html", "pdf"):
        seconds, content = timed(
            lambda fmt=fmt: render(fmt, document=document, estimate=result, version=1,
                                   slug="generated"), options.repeat)
        target = TARGETS.get(fmt)
        verdict = f"{target:>6.0f} s  {seconds / target:>8.0%}" if target else ""
        line = f"{'report ' + fmt:<22} {seconds:>8.3f} s {len(content):>12,} B  {verdict}"
        print(line.rstrip())


if __name__ == "__main__":
    main()
