"""The editor's live estimate under 16 concurrent clients, on the app as deployed.

    .venv/bin/python bench/live_load.py [--duration S] [--clients N] [--endpoint PATH]

gunicorn with `gunicorn.conf.py` and production settings (`DEBUG=false`, its default
2 x cores + 1 sync workers), a PostgreSQL database of its own (`estimator_livebench` at
BENCH_POSTGRES_URL, made and dropped by the bench) and Redis database 11 (BENCH_LIVE_REDIS_URL,
emptied) for the cache that holds the throttle counts, as bench/stack.py starts them (no
Celery worker: the live estimate is computed in the request). The throttles are raised: it
measures the app, not its limits.

For each handbook example, wrk (16 connections, one thread) posts the example's document to
`POST /api/validate/?live=1` (what the editor sends a moment after each edit) for `duration`
seconds, first anonymous (the `anon_editor` throttle scope), then signed in (a session
cookie and its CSRF token, as the editor in a browser). It prints p50/p95/p99/max per
example and caller, and overall (every request of the run), with gunicorn's own view of the
same requests: the server time (its access log's duration_ms) and how long a request waited
for a worker (the client's latency less the server's, at the same percentile).
Target (issue 14): p99 under 100 ms; exit status 1 when the overall p99 misses it, 2 when
the bench cannot run.
"""

import argparse
import io
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.realstack import (  # noqa: E402  (after the path is set)
    UNLIMITED,
    access_log_entries,
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
from bench.stack import ensure_wrk  # noqa: E402

BENCH_DATABASE = "estimator_livebench"
TARGET_P99_MS = 100.0
PERCENTILES = (50, 95, 99)

# wrk's script: the request, and at the end every latency it recorded (microseconds, with
# its count) and every status, as one JSON line, so that runs can be merged into "overall".
WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = {body}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
{headers}
local statuses = {{}}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local values = {{}}
  -- latency(i): the i-th distinct value recorded and its count; 0 past the last one.
  for i = 1, #latency do
    local value, count = latency(i)
    if value == 0 then break end
    values[#values + 1] = string.format("[%d,%d]", value, count)
  end
  local codes = {{}}
  for status, count in pairs(statuses) do
    codes[#codes + 1] = string.format('"%d":%d', status, count)
  end
  io.write(string.format('WRK_RESULT {{"latency_us":[%s],"statuses":{{%s}},' ..
    '"errors":%d,"requests":%d}}\\n',
    table.concat(values, ","), table.concat(codes, ","),
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.requests))
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string literal for this ASCII text


def write_script(path: Path, document: dict, headers: dict[str, str]) -> Path:
    lines = "\n".join(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}"
                      for name, value in headers.items())
    path.write_text(WRK_SCRIPT.format(body=lua_string(json.dumps(document)), headers=lines))
    return path


def wrk_run(wrk: str, url: str, script: Path, clients: int, seconds: float) -> dict:
    command = [wrk, "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", str(script), url]
    ran = subprocess.run(command, capture_output=True, text=True)
    line = next((line for line in ran.stdout.splitlines() if line.startswith("WRK_RESULT ")),
                None)
    if ran.returncode or line is None:
        fail(f"wrk failed on {url}: {ran.stderr.strip() or ran.stdout.strip()}")
    result = json.loads(line.removeprefix("WRK_RESULT "))
    latencies = []  # milliseconds, one per request
    for micros, count in result["latency_us"]:
        latencies.extend([micros / 1000] * count)
    return {"latencies": sorted(latencies), "statuses": result["statuses"],
            "errors": result["errors"]}


def percentile(ordered: list[float], p: float) -> float:
    """The nearest-rank percentile of sorted values."""
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def signed_in_headers() -> dict[str, str]:
    """A user's session cookie and a CSRF token (DRF's session authentication checks it),
    as a signed-in editor in a browser sends them."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    user = User.objects.create_user("bench", password=secrets.token_urlsafe(16))
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = _get_new_csrf_string()
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; "
                      f"{settings.CSRF_COOKIE_NAME}={csrf}",
            "X-CSRFToken": csrf}


def tcp_counters() -> dict[str, int]:
    """The kernel's counts of connections dropped by a full listen queue and of SYNs sent
    again (after a second, TCP's first retransmission timeout): a one-second outlier."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return {}
    counts = {}
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        counts.update(zip(names.split()[1:], map(int, values.split()[1:]), strict=False))
    return {name: counts.get(name, 0) for name in ("ListenDrops", "TCPSynRetrans")}


def cpu_seconds(master: int) -> float:
    """Processor time of gunicorn's master and workers so far, the recycled ones included
    (their time is added to the master's children's once reaped)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if pid == master:  # utime, stime, cutime, cstime
            total += sum(int(value) for value in fields[11:15])
        elif ppid == master:
            total += sum(int(value) for value in fields[11:13])
    return total / tick


def server_times(log: Path, start: int) -> list[float]:
    """gunicorn's duration_ms of the live requests logged after entry `start`."""
    return sorted(entry["duration_ms"] for entry in access_log_entries(log)[start:]
                  if entry["path"].startswith("/api/"))


def row(label: str, latencies: list[float], server: list[float]) -> str:
    figures = " ".join(f"{percentile(latencies, p):7.1f}" for p in PERCENTILES)
    server_figures = " ".join(f"{percentile(server, p):7.1f}" for p in PERCENTILES)
    return (f"{label:<28} {len(latencies):6d} {figures} {latencies[-1]:7.1f}   "
            f"{server_figures}")


def measure(wrk: str, url: str, folder: Path, documents: dict[str, dict],
            callers: dict[str, dict[str, str]], clients: int, seconds: float,
            log: Path) -> tuple[list[float], list[float]]:
    print(f"\n{'example, caller':<28} {'count':>6} {'p50':>7} {'p95':>7} {'p99':>7} "
          f"{'max':>7}   server ms (gunicorn): p50 p95 p99")
    every, every_server = [], []
    for slug, document in documents.items():
        for caller, headers in callers.items():
            script = write_script(folder / f"{slug}-{caller}.lua", document, headers)
            logged = len(access_log_entries(log))
            run = wrk_run(wrk, url, script, clients, seconds)
            bad = {status: count for status, count in run["statuses"].items()
                   if not status.startswith("2")}
            if bad or run["errors"] or not run["latencies"]:
                fail(f"{slug}, {caller}: answers {run['statuses']}, {run['errors']} "
                     f"socket errors")
            server = server_times(log, logged)
            print(row(f"{slug}, {caller}", run["latencies"], server), flush=True)
            every.extend(run["latencies"])
            every_server.extend(server)
    every.sort()
    every_server.sort()
    print(row("overall", every, every_server))
    return every, every_server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per run")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections")
    parser.add_argument("--endpoint", default="/api/validate/?live=1",
                        help="or /api/estimate/live/")
    parser.add_argument("--log", type=Path, help="keep gunicorn's log there")
    args = parser.parse_args()

    wrk = ensure_wrk()
    admin_url = os.environ.get("BENCH_POSTGRES_URL",
                               "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_LIVE_REDIS_URL", "redis://127.0.0.1:6379/11")
    database_url = with_database(admin_url, BENCH_DATABASE)
    recreate_database(admin_url, BENCH_DATABASE)
    empty_redis(redis_url)
    port = free_port()

    with ExitStack() as stack:
        stack.callback(drop_database, admin_url, BENCH_DATABASE)
        stack.callback(empty_redis, redis_url)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        env = stack_env(database_url, redis_url, folder / "static", port)
        env.update({"DJANGO_SETTINGS_MODULE": "config.settings",
                    "API_THROTTLE_ANON_EDITOR": UNLIMITED})
        os.environ.update(env)

        import django
        from django.core.management import call_command

        django.setup()
        print("preparing: migrate ...", flush=True)
        call_command("migrate", verbosity=0, stdout=io.StringIO())
        from designs.example_files import example_paths

        documents = {path.stem: json.loads(path.read_text()) for path in example_paths()}
        callers = {"anonymous": {}, "signed in": signed_in_headers()}

        log = folder / "gunicorn.log"
        server = stack.enter_context(process(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], env, log))
        base_url = f"http://127.0.0.1:{port}"
        wait_healthy(base_url, server, log)
        print("\n".join(machine()))
        print(versions(database_url, redis_url))
        workers = os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1
        load = os.getloadavg()
        print(f"POST {args.endpoint}: {args.clients} clients (wrk), {workers} gunicorn "
              f"workers, {args.duration:g} s per run; load average before "
              f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}", flush=True)
        url = base_url + args.endpoint
        booted = log.read_text(errors="replace").count("Booting worker")
        cpu = cpu_seconds(server.pid)
        tcp = tcp_counters()
        every, _ = measure(wrk, url, folder, documents, callers, args.clients,
                           args.duration, log)
        cpu = cpu_seconds(server.pid) - cpu
        text = log.read_text(errors="replace")
        print(f"processor time of gunicorn (master and workers): {cpu * 1000 / len(every):.2f} ms "
              f"a request (PostgreSQL, Redis and wrk not counted)")
        tcp = {name: count - tcp[name] for name, count in tcp_counters().items()}
        print(f"during the runs: {text.count('Booting worker') - booted} gunicorn workers "
              f"started (recycled), {tcp.get('ListenDrops', 0)} connections dropped by a "
              f"full listen queue, {tcp.get('TCPSynRetrans', 0)} SYNs sent again (this "
              f"machine's), {text.count('WARNING')} warnings in the server's log")
        if args.log:
            shutil.copy(log, args.log)

    overall = percentile(every, 99)
    print(f"\noverall p99 {overall:.1f} ms, target under {TARGET_P99_MS:g} ms: "
          f"{'met' if overall < TARGET_P99_MS else 'MISSED'}; "
          f"mean {statistics.fmean(every):.1f} ms")
    return 0 if overall < TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
