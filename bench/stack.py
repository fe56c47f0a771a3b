"""Measure the app on the real stack of this machine: gunicorn under production settings,
PostgreSQL, Redis and a Celery worker.

    .venv/bin/python bench/stack.py [--duration S] [--rounds N]

It makes a database of its own (`estimator_bench`, dropped at the end) on the PostgreSQL
at BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and uses Redis
database 13 at BENCH_REDIS_URL (default redis://127.0.0.1:6379/13), which it empties.
Loads come from wrk (Debian package `wrk`, installed with apt-get when run as root).

Figures, all measured in the same run (docs/benchmarks.md records them):
- API throughput and p50/p99 latency with 16 concurrent clients (wrk, one thread, 16
  connections, token-authenticated) for GET /api/designs/{id}/, GET /api/estimates/{id}/
  and POST /api/estimate/ on the WhatsApp example, each against a trivial DRF endpoint
  served the same way (bench/floors/: same gunicorn, middleware, authentication,
  throttles and renderer). Target: at least half the trivial endpoint's throughput.
- The Celery round trip, from the HTTP request to `done`: POST /api/designs/{id}/estimate/
  for a new version of a copy of WhatsApp, polled in the database every millisecond,
  against a no-op task published by an endpoint and polled in the result store the same
  way. Target: at most 1.5 x the no-op's round trip plus the engine's own time.
- Server time of the home page, each handbook example's design page and the compare page
  of the five: one client, one request at a time, the median. Target: the design pages
  under 100 ms.

Exit status 0 when every target is met, 1 when one is missed, 2 when the bench cannot run.
"""

import argparse
import io
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.realstack import (  # noqa: E402  (after the path is set)
    drop_database,
    empty_redis,
    fail,
    free_port,
    machine,
    process,
    recreate_database,
    stack_env,
    versions,
    wait_healthy,
    with_database,
)

BENCH_DATABASE = "estimator_bench"
CONNECTIONS = 16
THROUGHPUT_TARGET = 0.5  # of the trivial endpoint's requests per second
ROUND_TRIP_FACTOR = 1.5  # times the no-op round trip, plus the engine's own time
PAGE_TARGET_MS = 100.0
GUNICORN_WORKERS = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("installing wrk (apt-get) ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env,
                       stdout=subprocess.DEVNULL, check=False)
        found = shutil.which("wrk")
    if not found:
        fail("wrk is not installed (Debian: apt-get install wrk)")
    return found


# ---- wrk ---------------------------------------------------------------------------------

WRK_SCRIPT = """
wrk.method = {method}
wrk.headers["Authorization"] = {authorization}
wrk.headers["Accept"] = "application/json"
{body}
"""

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk_run(wrk: str, url: str, script: Path, seconds: float) -> dict:
    command = [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--latency",
               "--timeout", "10s", "-s", str(script), url]
    ran = subprocess.run(command, capture_output=True, text=True)
    if ran.returncode:
        fail(f"wrk failed on {url}: {ran.stderr.strip() or ran.stdout.strip()}")
    output = ran.stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(percentiles) != {"50", "99"}:
        fail(f"cannot read wrk's output for {url}:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": _milliseconds(percentiles["50"]),
        "p99_ms": _milliseconds(percentiles["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def write_script(folder: Path, name: str, token: str, body: dict | None = None) -> Path:
    path = folder / f"{name}.lua"
    lua_body = ""
    if body is not None:
        lua_body = (f'wrk.headers["Content-Type"] = "application/json"\n'
                    f"wrk.body = {json.dumps(json.dumps(body))}")
    path.write_text(WRK_SCRIPT.format(
        method=json.dumps("POST" if body is not None else "GET"),
        authorization=json.dumps(f"Token {token}"), body=lua_body,
    ))
    return path


# ---- the measurements ----------------------------------------------------------------------

def api_throughput(wrk: str, base_url: str, folder: Path, token: str, ids: dict,
                   document: dict, seconds: float, repeats: int) -> list[dict]:
    """Each endpoint `repeats` times, the endpoints taking turns so that all see the same
    machine; the run with the median throughput is kept."""
    endpoints = [
        ("GET /bench/trivial/", "/bench/trivial/", None),
        ("GET /api/designs/{id}/", f"/api/designs/{ids['design']}/", None),
        ("GET /api/estimates/{id}/", f"/api/estimates/{ids['estimate']}/", None),
        ("POST /api/estimate/", "/api/estimate/", document),
    ]
    scripts = [write_script(folder, f"endpoint{index}", token, body)
               for index, (_, _, body) in enumerate(endpoints)]
    for (_, path, _), script in zip(endpoints, scripts, strict=True):
        wrk_run(wrk, base_url + path, script, 3)  # every gunicorn worker loads the app
    runs: list[list[dict]] = [[] for _ in endpoints]
    for _ in range(repeats):
        for index, ((label, path, _), script) in enumerate(zip(endpoints, scripts,
                                                                strict=True)):
            row = {"label": label, **wrk_run(wrk, base_url + path, script, seconds)}
            if row["non_2xx"] or row["requests"] == 0:
                fail(f"{label}: {row['non_2xx']} answers were not 2xx "
                     f"({row['socket_errors']})")
            runs[index].append(row)
    return [sorted(rows, key=lambda row: row["rps"])[len(rows) // 2] for rows in runs]


def poll(ready, timeout: float = 60.0) -> None:
    """Wait until ready() is true, checked every 2 milliseconds."""
    deadline = time.perf_counter() + timeout
    while not ready():
        if time.perf_counter() > deadline:
            fail(f"a task did not finish within {timeout:g} s: is the worker running?")
        time.sleep(0.002)


def celery_round_trips(base_url: str, token: str, design_id: int, rounds: int) -> dict:
    """Request to done, alternating an estimate and a no-op so that both see the same
    machine; each estimate is of a new version, so it is computed, never found.

    "Done" is when the worker recorded it (the estimate's finished_at, the no-op result's
    date_done), so how often this process looks does not count; one clock, this machine's.
    """
    import requests
    from django.db import connection
    from django.db.models import F

    from config.celery import app
    from designs.models import Design, Estimate

    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    status_sql = f"SELECT status FROM {Estimate._meta.db_table} WHERE id = %s"  # cheap: polled

    def estimate_finished(pk: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(status_sql, [pk])
            return cursor.fetchone()[0] in ("done", "failed")

    trips: dict[str, list[float]] = {"estimate_ms": [], "noop_ms": [], "engine_ms": []}
    stages: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for round_number in range(rounds + 2):  # the first two warm up
        Design.objects.filter(pk=design_id).update(version=F("version") + 1)
        started = time.time()
        answer = session.post(f"{base_url}/api/designs/{design_id}/estimate/", timeout=30)
        if answer.status_code not in (200, 202):
            fail(f"POST /api/designs/{design_id}/estimate/ answered {answer.status_code}")
        pk = answer.json()["id"]
        poll(lambda pk=pk: estimate_finished(pk))
        estimate = Estimate.objects.get(pk=pk)
        if estimate.status != "done":
            fail(f"the estimate failed: {estimate.error}")

        started_noop = time.time()
        answer = session.post(f"{base_url}/bench/noop-task/", timeout=30)
        if answer.status_code != 202:
            fail(f"POST /bench/noop-task/ answered {answer.status_code}")
        result = app.AsyncResult(answer.json()["task"])
        poll(result.ready)
        if round_number < 2:
            continue
        moments = [started, estimate.queued_at.timestamp(), estimate.started_at.timestamp(),
                   estimate.finished_at.timestamp()]
        trips["estimate_ms"].append(1000 * (moments[-1] - started))
        trips["noop_ms"].append(1000 * (result.date_done.timestamp() - started_noop))
        trips["engine_ms"].append(estimate.engine_ms)
        for stage, begin, end in zip(STAGES, moments, moments[1:], strict=False):
            stages[stage].append(1000 * (end - begin))
    return {**trips, "stages": stages}


# Where an estimate's round trip goes, from the estimate's own timestamps.
STAGES = {
    "request": "the request until the estimate row is made",
    "to worker": "commit, publish, Redis and the worker claiming it",
    "work": "the worker: engine, result stored",
}


def page_times(base_url: str, paths: dict[str, str], samples: int,
               access_log: Path) -> dict[str, dict[str, list[float]]]:
    """One client, one request at a time: each page's time at the client and, from
    gunicorn's access log, in the server."""
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = "bench-pages"
    client: dict[str, list[float]] = {}
    for name, path in paths.items():
        for _ in range(2 * GUNICORN_WORKERS):  # enough to reach every gunicorn worker
            session.get(base_url + path, timeout=30)
        client[name] = []
        for _ in range(samples):
            started = time.perf_counter()
            answer = session.get(base_url + path, timeout=30)
            client[name].append(1000 * (time.perf_counter() - started))
            if answer.status_code != 200:
                fail(f"GET {path} answered {answer.status_code}")
    time.sleep(1)  # the access log is written after each response
    server: dict[str, list[float]] = {}
    for line in access_log.read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("logger") == "gunicorn.access" and entry.get("agent") == "bench-pages":
            full = entry["path"] + (f"?{entry['query']}" if entry.get("query") else "")
            server.setdefault(full, []).append(entry["duration_ms"])
    return {name: {"client": client[name], "server": server.get(path, [])[-samples:]}
            for name, path in paths.items()}


# ---- the report ----------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def report(throughput: list[dict], trips: dict, pages: dict, workers: int) -> list[str]:
    """Print the figures and ratios; the names of the targets missed."""
    missed = []
    floor = throughput[0]["rps"]
    print(f"\nAPI, {CONNECTIONS} concurrent clients (wrk), {workers} gunicorn workers")
    print(f"{'endpoint':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'of trivial':>12}  target")
    for row in throughput:
        ratio = row["rps"] / floor
        verdict = ""
        if row is not throughput[0]:
            met = ratio >= THROUGHPUT_TARGET
            verdict = f">= {THROUGHPUT_TARGET:.2f}  {'met' if met else 'MISSED'}"
            if not met:
                missed.append(row["label"])
        print(f"{row['label']:<28}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
              f"{ratio:>11.2f}x  {verdict}")

    estimate, noop, engine = (median(trips[key]) for key in ("estimate_ms", "noop_ms",
                                                                "engine_ms"))
    allowed = ROUND_TRIP_FACTOR * noop + engine
    met = estimate <= allowed
    if not met:
        missed.append("estimate round trip")
    print(f"\nCelery round trip, request to done, median of {len(trips['noop_ms'])} "
          "(p90 in brackets)")
    print(f"no-op task                 {noop:7.1f} ms  ({p90(trips['noop_ms']):.1f})")
    print(f"WhatsApp estimate          {estimate:7.1f} ms  ({p90(trips['estimate_ms']):.1f})"
          f"  = {estimate / noop:.2f}x the no-op")
    for stage, meaning in STAGES.items():
        print(f"  {stage:<24} {median(trips['stages'][stage]):7.1f} ms  {meaning}")
    print(f"  of which the engine      {engine:7.1f} ms")
    print(f"target: <= {ROUND_TRIP_FACTOR} x no-op + engine = {allowed:.1f} ms  "
          f"{'met' if met else 'MISSED'} ({estimate / allowed:.0%} of it)")

    print("\nPages, one client, one request at a time: server time (gunicorn's access log)"
          " and at the client, median (p90)")
    for name, times in pages.items():
        server = times["server"] or times["client"]  # no access log: the client's view
        verdict = ""
        if name.startswith("design: "):
            met = median(server) < PAGE_TARGET_MS
            verdict = f"< {PAGE_TARGET_MS:.0f} ms  {'met' if met else 'MISSED'}"
            if not met:
                missed.append(name)
        print(f"{name:<26}server {median(server):6.1f} ms ({p90(server):6.1f})   client "
              f"{median(times['client']):6.1f} ms ({p90(times['client']):6.1f})  {verdict}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10,
                        help="seconds per endpoint run")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of each endpoint, taking turns (the median is kept)")
    parser.add_argument("--rounds", type=int, default=30, help="Celery round trips of each")
    parser.add_argument("--samples", type=int, default=30, help="requests per page")
    parser.add_argument("--hold", action="store_true",
                        help="start the stack, print its address and token, wait for Ctrl-C")
    args = parser.parse_args()

    wrk = ensure_wrk()
    admin_url = os.environ.get("BENCH_POSTGRES_URL",
                               "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    database_url = with_database(admin_url, BENCH_DATABASE)
    recreate_database(admin_url, BENCH_DATABASE)
    empty_redis(redis_url)
    port = free_port()

    with ExitStack() as stack:
        stack.callback(drop_database, admin_url, BENCH_DATABASE)
        stack.callback(empty_redis, redis_url)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        env = stack_env(database_url, redis_url, folder / "static", port)
        os.environ.update(env)  # this process reads the same database and result store

        import django
        from django.core.management import call_command

        django.setup()
        print("preparing: migrate, load the examples, collectstatic ...", flush=True)
        call_command("migrate", verbosity=0)
        call_command("load_examples", stdout=io.StringIO())
        call_command("collectstatic", "--noinput", verbosity=0)

        from django.contrib.auth.models import User
        from rest_framework.authtoken.models import Token

        from designs import selectors, services
        from designs.models import Design, Estimate

        user = User.objects.create_user("bench", password=secrets.token_urlsafe(16))
        token = Token.objects.create(user=user).key
        examples = list(selectors.examples_list())
        whatsapp = next(design for design in examples if design.slug == "whatsapp")
        estimate = services.estimate_request(design=whatsapp)  # queued for the worker
        fork = services.design_fork(design=whatsapp, owner=user)  # a version to bump

        gunicorn_log = folder / "gunicorn.log"
        server = stack.enter_context(process(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], env, gunicorn_log))
        stack.enter_context(process(
            [sys.executable, "-m", "celery", "-A", "config.celery", "worker", "--loglevel",
             "WARNING", "--hostname", f"bench-{port}@%h"], env, folder / "worker.log"))
        base_url = f"http://127.0.0.1:{port}"
        wait_healthy(base_url, server, gunicorn_log)
        poll(Estimate.objects.filter(pk=estimate.pk, status="done").exists, timeout=300)
        workers = GUNICORN_WORKERS

        if args.hold:
            print(f"serving {base_url} (token {token}); Ctrl-C stops", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return 0
        print("\n".join(machine()))
        print(versions(database_url, redis_url))
        print(f"measuring: {args.repeats} x {args.duration:g} s per endpoint, {args.rounds} "
              f"round trips, {args.samples} requests per page ...", flush=True)
        throughput = api_throughput(
            wrk, base_url, folder, token,
            {"design": whatsapp.pk, "estimate": estimate.pk}, whatsapp.document, args.duration,
            args.repeats)
        trips = celery_round_trips(base_url, token, fork.pk, args.rounds)
        paths = {"home": "/"}
        paths.update({f"design: {design.slug}": f"/designs/{design.slug}/"
                      for design in examples})
        slugs = ",".join(design.slug for design in examples)
        paths[f"compare: {len(examples)} examples"] = f"/compare/?designs={slugs}"
        pages = page_times(base_url, paths, args.samples, gunicorn_log)
        missed = report(throughput, trips, pages, workers)
        Design.objects.filter(owner=user).delete()

    if missed:
        print(f"\nmissed: {', '.join(missed)}")
        return 1
    print("\nevery target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
