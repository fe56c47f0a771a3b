"""Chaos on the real stack: 50 clients saving and re-estimating shared designs for a minute on
gunicorn (production settings), PostgreSQL, Redis and a Celery worker that is killed once.

    .venv/bin/python bench/chaos.py [--clients N] [--duration S] [--kill-at S] [--settle S]

It makes a database of its own (`bench_chaos`, dropped and made again on every run, dropped at
the end) on the PostgreSQL at BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/postgres) and uses Redis database 12 at CHAOS_REDIS_URL
(default redis://127.0.0.1:6379/12), which it empties. The stack is started as bench/stack.py
starts it (bench/realstack.py), with the app's own settings.

Users with API tokens own designs (handbook examples and small documents); several clients
share each design, so their saves conflict (409s are expected). Each client, in a loop: reads
the design (or, as the editor does, keeps what its last save answered), then saves a changed
document with the version it read (PUT), sometimes without a version, sometimes with PATCH,
or asks for the estimate again (POST /api/designs/{id}/estimate/, also of an older version
with {"version": N}), and polls estimates. Every --rounds-every seconds all clients save at
once without a version. Every save writes a unique marker in the document's description.
At --kill-at seconds, as soon as an estimate is running, the Celery worker is killed with
SIGKILL (its whole process group, as a crash would) and a new one started a second later (as
a supervisor would). With a CELERY_BEAT_SCHEDULE in the settings, `celery beat` runs too.

Checks, all measured in this run:
- no 5xx and no request without an answer;
- every 200/201 answer to a save carries the version, ETag and document that save wrote (the
  truth is each version's estimate input, the document as that version was saved), and every
  save with a version changed the version its client had read (no lost update);
- after the load, within --settle seconds, the estimate of every saved version is `done`;
- re-estimating an older version: whether it is supported is detected and said.

Exit status 0 when every check passes, 1 when one fails, 2 when the bench cannot run.
"""

import argparse
import copy
import json
import os
import random
import secrets
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.realstack import (  # noqa: E402  (after the path is set)
    access_log_entries,
    drop_database,
    empty_redis,
    fail,
    free_port,
    kill_group,
    machine,
    process,
    recreate_database,
    stack_env,
    versions,
    wait_healthy,
    with_database,
)

CHAOS_DATABASE = "bench_chaos"
REQUEST_TIMEOUT = 60  # seconds; gunicorn's own worker timeout is 30
RESTART_DELAY = 1.0  # seconds between the kill and the new worker
FINISHED = ("done", "failed")

# What a client does after reading, with its weight.
ACTIONS = {
    "PUT with version": 40,
    "PUT without version": 8,
    "PATCH with version": 12,
    "PATCH without version": 4,
    "POST estimate": 18,
    "POST estimate of an older version": 18,
}
# Every --rounds-every seconds all clients save at once, without a version (as API clients
# or several editors' "publish" would): the saves that race for one design's row.
ROUND = "PUT without version, all at once"
SAVES = ("POST design", "PUT with version", "PUT without version", "PATCH with version",
         "PATCH without version", ROUND)
ROWS = ("POST design", "GET design", *ACTIONS, ROUND, "GET estimate")


@dataclass
class Answer:
    """One request and what came back."""

    kind: str
    design: int
    client: int
    started: float  # seconds since the load began (negative: before it)
    ms: float
    status: int | None  # None: no answer (timeout, connection reset)
    error: str = ""
    # saves
    marker: str = ""
    base_marker: str = ""  # the description of the document the client changed
    sent_version: int | None = None
    version: int | None = None
    etag: str = ""
    document_ok: bool | None = None
    # estimates
    asked_version: int | None = None
    estimate_version: int | None = None


class Log:
    """Every answer of every client (list.append is atomic under the GIL)."""

    def __init__(self, origin: float):
        self.origin = origin
        self.wall_origin = time.time()
        self.answers: list[Answer] = []

    def call(self, session, method: str, url: str, answer: Answer, **kwargs):
        started = time.monotonic()
        answer.started = started - self.origin
        try:
            response = session.request(method, url, timeout=REQUEST_TIMEOUT, **kwargs)
        except Exception as error:  # requests' errors and anything else on the wire
            answer.ms = 1000 * (time.monotonic() - started)
            answer.status, answer.error = None, f"{type(error).__name__}: {error}"[:300]
            self.answers.append(answer)
            return None
        answer.ms = 1000 * (time.monotonic() - started)
        answer.status = response.status_code
        if response.status_code >= 500:
            answer.error = response.text[:300]
        self.answers.append(answer)
        return response


# ---- the documents -------------------------------------------------------------------------

def small_document(number: int) -> dict:
    return {
        "name": f"Chaos small {number}",
        "description": "",
        "assumptions": {"daily_active_users": 10_000 * (number + 1), "peak_factor": 2},
        "workloads": [
            {"name": "read", "kind": "read", "per_user_per_day": 20, "response_bytes": 2000,
             "route": ["lb", "api", "cache", "db"]},
            {"name": "write", "kind": "write", "per_user_per_day": 2, "request_bytes": 1000,
             "route": ["lb", "api", "db"]},
        ],
        "components": [
            {"key": "lb", "kind": "load_balancer"},
            {"key": "api", "kind": "service", "instances": 2},
            {"key": "cache", "kind": "cache"},
            {"key": "db", "kind": "database"},
        ],
        "links": [{"from": "lb", "to": "api"}, {"from": "api", "to": "cache"},
                  {"from": "api", "to": "db"}],
    }


def starting_documents(count: int) -> list[dict]:
    """Half handbook examples (designs/examples/), half small documents."""
    examples = [json.loads(path.read_text(encoding="utf-8"))
                for path in sorted((ROOT / "designs" / "examples").glob("*.json"))]
    documents = []
    for number in range(count):
        if number % 2 == 0 and examples:
            document = copy.deepcopy(examples[(number // 2) % len(examples)])
            document["name"] = f"Chaos {document['name']} {number}"
        else:
            document = small_document(number)
        documents.append(document)
    return documents


def changed(document: dict, marker: str, rng: random.Random) -> dict:
    """The document with this save's marker as its description and one figure changed."""
    document = copy.deepcopy(document)
    document["description"] = marker
    document.setdefault("assumptions", {})["peak_factor"] = rng.choice([1.5, 2, 2.5, 3, 4])
    return document


# ---- the clients ---------------------------------------------------------------------------

class Client:
    """One client (a thread) working on one design with its owner's token."""

    def __init__(self, number: int, base_url: str, token: str, design_id: int, log: Log,
                 stop: threading.Event, rounds: list[threading.Barrier], every: float,
                 seed: int):
        import requests

        self.number, self.design_id, self.log, self.stop = number, design_id, log, stop
        self.rounds, self.every = rounds, every
        self.rng = random.Random(seed * 1000 + number)
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Token {token}",
                                     "Accept": "application/json"})
        self.url = f"{base_url}/api/designs/{design_id}/"
        self.known: tuple[int, dict] | None = None  # (version, document) last read or saved
        self.document: dict | None = None  # the last document read or saved
        self.versions_seen = 1
        self.sequence = 0

    def run(self) -> None:
        next_round = 0
        while not self.stop.is_set():
            due = (next_round + 1) * self.every
            if next_round < len(self.rounds) and time.monotonic() - self.log.origin >= due:
                barrier, next_round = self.rounds[next_round], next_round + 1
                try:
                    barrier.wait()  # every client, then all save at once
                except threading.BrokenBarrierError:
                    continue
                if self.document is not None and not self.stop.is_set():
                    self.save(ROUND, None, self.document)
                continue
            if self.known is None or self.rng.random() < 0.5:  # else: the save's answer
                if not self.read():
                    time.sleep(0.1)
                    continue
            action = self.rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
            if action.startswith("POST estimate"):
                self.estimate(action)
                continue
            version, document = self.known
            self.save(action, version if action.endswith("with version") else None, document)

    def read(self) -> bool:
        answer = Answer("GET design", self.design_id, self.number, 0, 0, None)
        response = self.log.call(self.session, "GET", self.url, answer)
        if response is None or response.status_code != 200:
            self.known = None
            return False
        body = response.json()
        answer.version, answer.etag = body["version"], response.headers.get("ETag", "")
        answer.base_marker = body["document"].get("description", "")
        self.remember(body)
        return True

    def remember(self, body: dict) -> None:
        self.known = (body["version"], body["document"])
        self.document = body["document"]
        self.versions_seen = max(self.versions_seen, body["version"])

    def save(self, action: str, version: int | None, base: dict) -> None:
        """PUT or PATCH the base document changed, with this save's marker."""
        self.sequence += 1
        marker = (f"chaos design {self.design_id} client {self.number} save {self.sequence} "
                  f"{secrets.token_hex(4)}")
        document = changed(base, marker, self.rng)
        payload = {"document": document}
        if version is not None:
            payload["version"] = version
        if action.startswith("PATCH") and self.rng.random() < 0.3:
            payload["is_public"] = self.rng.random() < 0.5
        answer = Answer(action, self.design_id, self.number, 0, 0, None, marker=marker,
                        base_marker=base.get("description", ""), sent_version=version)
        method = "PATCH" if action.startswith("PATCH") else "PUT"
        response = self.log.call(self.session, method, self.url, answer, json=payload)
        if response is None or response.status_code != 200:
            self.known = None  # 409 and the rest: read again
            return
        body = response.json()
        answer.version, answer.etag = body.get("version"), response.headers.get("ETag", "")
        answer.document_ok = body.get("document") == document
        # As the editor does: its own document, at the version the answer gave.
        self.remember({"version": body["version"], "document": document})
        if body.get("estimate") and self.rng.random() < 0.3:
            poll_estimate(self.session, self.log, body["estimate"], self.design_id,
                          self.number, self.rng, times=1)

    def estimate(self, action: str) -> None:
        """POST .../estimate/: of the current version, or with {"version": N} of an older one."""
        payload = {}
        if action == "POST estimate of an older version":
            if self.versions_seen < 2:
                action = "POST estimate"
            else:
                payload = {"version": self.rng.randrange(1, self.versions_seen)}
        answer = Answer(action, self.design_id, self.number, 0, 0, None,
                        asked_version=payload.get("version"))
        response = self.log.call(self.session, "POST", f"{self.url}estimate/", answer,
                                 json=payload or None)
        if response is not None and response.status_code in (200, 202):
            body = response.json()
            answer.estimate_version = body.get("design_version")
            poll_estimate(self.session, self.log, body, self.design_id, self.number, self.rng)


def poll_estimate(session, log: Log, estimate: dict, design_id: int, client: int,
                  rng: random.Random, times: int = 3) -> None:
    """GET the estimate's url until it is finished, a few times at most."""
    for _ in range(times):
        if estimate.get("status") in FINISHED or not estimate.get("url"):
            return
        time.sleep(rng.uniform(0.05, 0.2))
        answer = Answer("GET estimate", design_id, client, 0, 0, None)
        response = log.call(session, "GET", estimate["url"], answer)
        if response is None or response.status_code != 200:
            return
        estimate = response.json()
        answer.estimate_version = estimate.get("design_version")


# ---- the run -------------------------------------------------------------------------------

def create_designs(base_url: str, tokens: list[str], documents: list[dict], log: Log
                   ) -> list[tuple[int, str]]:
    """POST each document as a design of a user (in turn): (design id, its owner's token)."""
    import requests

    designs = []
    for number, document in enumerate(documents):
        token = tokens[number % len(tokens)]
        marker = f"chaos create {number} {secrets.token_hex(4)}"
        document = {**document, "description": marker}
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        answer = Answer("POST design", 0, -1, 0, 0, None, marker=marker)
        response = log.call(session, "POST", f"{base_url}/api/designs/", answer,
                            json={"document": document})
        if response is None or response.status_code != 201:
            fail(f"POST /api/designs/ answered {answer.status}: "
                 f"{response.text[:500] if response is not None else answer.error}")
        body = response.json()
        answer.design = body["id"]
        answer.version, answer.etag = body["version"], response.headers.get("ETag", "")
        answer.document_ok = body["document"] == document
        designs.append((body["id"], token))
    return designs


def estimate_counts(design_ids: list[int]) -> tuple[Counter, int]:
    """The status of the estimate of every saved version (1 to each design's current one),
    "missing" when a version has none; and how many versions there are."""
    from designs.models import Design, Estimate

    current = dict(Design.objects.filter(pk__in=design_ids).values_list("pk", "version"))
    statuses = {(design, version): status for design, version, status in
                Estimate.objects.filter(design_id__in=design_ids)
                .values_list("design_id", "design_version", "status")}
    counts = Counter()
    for design, latest in current.items():
        for version in range(1, latest + 1):
            counts[statuses.get((design, version), "missing")] += 1
    return counts, sum(current.values())


def settle(design_ids: list[int], seconds: float) -> dict:
    """Wait until the estimate of every saved version is finished, `seconds` at most."""
    started = time.monotonic()
    while True:
        counts, total = estimate_counts(design_ids)
        elapsed = time.monotonic() - started
        if counts["done"] + counts["failed"] == total or elapsed > seconds:
            return {"counts": counts, "total": total, "seconds": elapsed,
                    "all_finished": counts["done"] + counts["failed"] == total}
        time.sleep(1)


def kill_while_busy(worker, log: Log, redis_url: str, wait: float = 5.0) -> dict:
    """SIGKILL the worker's process group as soon as it is computing an estimate (looked for
    every 2 ms, `wait` seconds at most): what it held is what a crash loses."""
    import redis
    from django.db import connection

    from designs.models import Estimate

    running_sql = (f"SELECT 1 FROM {Estimate._meta.db_table} WHERE status = 'running' "
                   "LIMIT 1")
    deadline = time.monotonic() + wait
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(running_sql)
            if cursor.fetchone():
                break
            time.sleep(0.002)
    kill_group(worker)
    at = time.monotonic() - log.origin
    running = list(Estimate.objects.filter(status="running").values_list("pk", flat=True))
    try:
        unacked = redis.Redis.from_url(redis_url, socket_connect_timeout=3).hlen("unacked")
    except redis.RedisError:
        unacked = "?"
    return {"at": at, "running": running, "unacked": unacked}


def killed_estimates(ids: list[int], origin: float) -> list[str]:
    """What became of the estimates the kill left running."""
    from designs.models import Estimate

    lines = []
    for e in Estimate.objects.filter(pk__in=ids).order_by("pk"):
        finished = ("" if e.finished_at is None
                    else f" at {e.finished_at.timestamp() - origin:.1f} s")
        lines.append(f"left running by the kill: design {e.design_id} v{e.design_version}, "
                     f"now {e.status}{finished} (attempts {e.attempts}"
                     + (f", sweeps {e.sweeps})" if hasattr(e, "sweeps") else ")"))
    return lines


def unfinished(design_ids: list[int], origin: float, redis_url: str) -> list[str]:
    """The estimates not finished (a few), their times in seconds since the load began, and
    what Redis holds: what a failed check needs to be understood."""
    import redis

    from designs.models import Estimate

    def at(moment) -> str:
        return "-" if moment is None else f"{moment.timestamp() - origin:.1f} s"

    rows = (Estimate.objects.filter(design_id__in=design_ids)
            .exclude(status__in=FINISHED).order_by("queued_at"))
    lines = [f"design {e.design_id} v{e.design_version} {e.status}: queued at "
             f"{at(e.queued_at)}, started at {at(e.started_at)}, attempts {e.attempts}"
             + (f", sweeps {e.sweeps}" if hasattr(e, "sweeps") else "")
             for e in rows[:5]]
    if len(rows) > 5:
        lines.append(f"and {len(rows) - 5} more")
    try:
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=3)
        lines.append(f"Redis: {client.llen('celery')} tasks in the queue, "
                     f"{client.hlen('unacked')} delivered and not acknowledged")
    except redis.RedisError as error:
        lines.append(f"Redis: {error}")
    return lines


def truth(design_ids: list[int]) -> dict[tuple[int, int], str]:
    """(design, version) -> the description of the document saved as that version, from
    each version's estimate input (the document exactly as that version was saved)."""
    from designs.models import Estimate

    return {(design, version): description or "" for design, version, description in
            Estimate.objects.filter(design_id__in=design_ids)
            .values_list("design_id", "design_version", "input__description")}


# ---- the checks and the report -------------------------------------------------------------

def percentile(values: list[float], point: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[point - 1]


def check_saves(answers: list[Answer], versions_of: dict) -> dict:
    saved = [a for a in answers if a.kind in SAVES and a.status in (200, 201)]
    where = {marker: key for key, marker in versions_of.items()}
    counts = Counter()
    claimed = Counter((a.design, a.version) for a in saved)
    examples = []
    for a in saved:
        own = versions_of.get((a.design, a.version)) == a.marker
        if not own:
            counts["another save's version"] += 1
            if len(examples) < 3:
                examples.append(f"{a.kind} by client {a.client} answered version {a.version},"
                                f" which is {versions_of.get((a.design, a.version), '?')!r}; "
                                f"its own is {where.get(a.marker, 'none')}")
        if a.etag.removeprefix("W/").strip('"') != str(a.version):
            counts["ETag not its version"] += 1
        if not a.document_ok:
            counts["document not the one sent"] += 1
        if a.marker not in where:
            counts["no version holds it"] += 1
        if a.sent_version is not None and a.version != a.sent_version + 1:
            counts["not version read + 1"] += 1
        if a.sent_version is not None and versions_of.get((a.design, a.sent_version)) \
                != a.base_marker:
            # It changed a document that was not the version it sent: someone's save is lost.
            counts["lost update"] += 1
    counts["answered the same version twice"] = sum(n - 1 for n in claimed.values() if n > 1)
    return {"saved": len(saved), "counts": counts, "examples": examples,
            "versions": set(claimed)}


def check_reads(answers: list[Answer], versions_of: dict) -> Counter:
    counts = Counter()
    for a in answers:
        if a.kind == "GET design" and a.status == 200:
            if versions_of.get((a.design, a.version)) != a.base_marker:
                counts["document not its version's"] += 1
            if a.etag.strip('"') != str(a.version):
                counts["ETag not its version"] += 1
    return counts


def older_estimates(answers: list[Answer]) -> tuple[str, bool]:
    """Whether POST /api/designs/{id}/estimate/ with {"version": N} estimates version N."""
    asked = [a for a in answers if a.kind == "POST estimate of an older version"]
    if not asked:
        return "not tried (no design reached version 2)", True
    answered = [a for a in asked if a.status in (200, 202)]
    refused = [a for a in asked if a.status is not None and 400 <= a.status < 500]
    right = [a for a in answered if a.estimate_version == a.asked_version]
    if answered and len(right) == len(answered):
        return f"supported: all {len(right)} answers were of the version asked", True
    if right:
        return (f"INCONSISTENT: {len(right)} of {len(answered)} answers were of the version "
                "asked, the others of another", False)
    if refused and not answered:
        return f"not supported: all {len(refused)} were refused ({refused[0].status})", True
    return (f"not supported: the body is ignored, {len(answered)} answers were of the "
            "current version, not the one asked", True)


def report(args, answers: list[Answer], duration: float, kill: dict, settled: dict,
           versions_of: dict, access: list[dict], sweep: str) -> list[str]:
    failed = []
    load = [a for a in answers if 0 <= a.started < duration]
    statuses = Counter(a.status for a in answers)
    print(f"\n{len(load)} requests in {duration:.0f} s by {args.clients} clients on "
          f"{args.designs} designs, {args.web_workers} gunicorn workers: "
          f"{len(load) / duration:.0f} req/s; latency p50 "
          f"{percentile([a.ms for a in load], 50):.0f} ms, p99 "
          f"{percentile([a.ms for a in load], 99):.0f} ms")
    print(f"{'request':<36}{'count':>7}{'2xx':>7}{'409':>6}{'4xx':>5}{'5xx':>5}{'none':>5}"
          f"{'p50 ms':>8}{'p99 ms':>8}")
    for kind in ROWS:
        rows = [a for a in answers if a.kind == kind]
        if not rows:
            continue
        by = Counter("none" if a.status is None else "2xx" if a.status < 300 else
                     "409" if a.status == 409 else "4xx" if a.status < 500 else "5xx"
                     for a in rows)
        ms = [a.ms for a in rows]
        print(f"{kind:<36}{len(rows):>7}{by['2xx']:>7}{by['409']:>6}{by['4xx']:>5}"
              f"{by['5xx']:>5}{by['none']:>5}{percentile(ms, 50):>8.0f}{percentile(ms, 99):>8.0f}")
    print("statuses: " + ", ".join(f"{status or 'no answer'}: {count}" for status, count in
                                   sorted(statuses.items(), key=lambda item: item[0] or 0)))
    print(f"worker: SIGKILL (its process group) at {kill['at']:.1f} s, with "
          f"{len(kill['running'])} estimates running and {kill['unacked']} tasks delivered "
          f"to it unacknowledged; a new worker at {kill['restarted']:.1f} s; {sweep}")

    def check(label: str, value: int, ok: bool, note: str = "") -> None:
        if not ok:
            failed.append(label.strip())
        print(f"  {label:<58}{value:>7}  {'ok' if ok else 'FAILED'}{note}")

    print("\nchecks")
    fives = sum(count for status, count in statuses.items() if status and status >= 500)
    check("5xx answers (must be 0)", fives, fives == 0)
    server_fives = sum(1 for entry in access if entry.get("status", 0) >= 500)
    if server_fives != fives:
        print(f"  (gunicorn's access log has {server_fives} answers of 5xx)")
    none = statuses[None]
    check("requests without an answer (must be 0)", none, none == 0)
    saves = check_saves(answers, versions_of)
    counts = saves["counts"]
    print(f"  save answers 200/201: {saves['saved']} (409: {statuses[409]})")
    check("  carrying another save's version (must be 0)",
          counts["another save's version"], counts["another save's version"] == 0)
    for label in ("document not the one sent", "ETag not its version", "not version read + 1",
                  "answered the same version twice", "no version holds it"):
        check(f"  {label} (must be 0)", counts[label], counts[label] == 0)
    check("saves that overwrote a version they had not read (lost)", counts["lost update"],
          counts["lost update"] == 0)
    for example in saves["examples"]:
        print(f"    e.g. {example}")
    reads = check_reads(answers, versions_of)
    for label, value in sorted(reads.items()):
        check(f"reads: {label} (must be 0)", value, value == 0)

    finished, total = settled["counts"], settled["total"]
    reported = len(saves["versions"])
    all_done = finished["done"] == total
    if all_done:
        note = f"  (all done {settled['seconds']:.1f} s after the load stopped)"
    else:
        note = f"  (after {settled['seconds']:.0f} s)"
    check(f"saved versions with an estimate done within {args.settle:.0f} s", finished["done"],
          all_done, note)
    print(f"    of {total} saved versions ({reported} reported by answers): "
          + ", ".join(f"{finished[state]} {state}" for state in
                      ("done", "failed", "running", "queued", "missing")))
    for line in settled["killed"] + settled["unfinished"]:
        print(f"    {line}")
    older, consistent = older_estimates(answers)
    if not consistent:
        failed.append("re-estimate of an older version")
    print(f"  re-estimate of an older version ({{\"version\": N}}): {older}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (threads)")
    parser.add_argument("--designs", type=int, default=10, help="designs the clients share")
    parser.add_argument("--users", type=int, default=5, help="users owning the designs")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--kill-at", type=float, default=20,
                        help="seconds into the load when the worker is killed")
    parser.add_argument("--settle", type=float, default=120,
                        help="seconds the estimates have to finish after the load")
    parser.add_argument("--rounds-every", type=float, default=10,
                        help="seconds between rounds of saves by every client at once (0: none)")
    parser.add_argument("--web-workers", type=int,
                        default=int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1)
                                    + 1),
                        help="gunicorn's worker processes (default: as deployed, 2 x cores + 1)")
    parser.add_argument("--seed", type=int, default=1, help="the clients' random choices")
    parser.add_argument("--logs", type=Path,
                        help="keep the servers' logs in this folder (default: a temporary one)")
    args = parser.parse_args()

    admin_url = os.environ.get("BENCH_POSTGRES_URL",
                               "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("CHAOS_REDIS_URL", "redis://127.0.0.1:6379/12")
    database_url = with_database(admin_url, CHAOS_DATABASE)
    recreate_database(admin_url, CHAOS_DATABASE)
    empty_redis(redis_url)
    port = free_port()
    began = time.monotonic()

    def stop_on_sigterm(signum, frame):
        raise KeyboardInterrupt  # unwinds the ExitStack below: every process is stopped

    signal.signal(signal.SIGTERM, stop_on_sigterm)
    stop = threading.Event()
    with ExitStack() as stack:
        stack.callback(drop_database, admin_url, CHAOS_DATABASE)
        stack.callback(empty_redis, redis_url)
        if args.logs:
            args.logs.mkdir(parents=True, exist_ok=True)
            folder = args.logs.resolve()
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="chaos-")))
        env = stack_env(database_url, redis_url, folder / "static", port)
        env["DJANGO_SETTINGS_MODULE"] = "config.settings"  # the app's own, no floors
        env["WEB_CONCURRENCY"] = str(args.web_workers)
        os.environ.update(env)  # this process reads the same database

        import django
        from django.core.management import call_command

        django.setup()
        from django.conf import settings
        from django.db import connections

        stack.callback(connections.close_all)
        print("preparing: migrate ...", flush=True)
        call_command("migrate", verbosity=0)
        # No collectstatic (minutes of compression on this machine): only the API is used,
        # which serves no static file and renders no template.
        (folder / "static").mkdir(exist_ok=True)

        from django.contrib.auth.models import User
        from rest_framework.authtoken.models import Token

        tokens = []
        for number in range(args.users):
            user = User.objects.create_user(f"chaos{number}",
                                            password=secrets.token_urlsafe(16))
            tokens.append(Token.objects.create(user=user).key)

        gunicorn_log = folder / "gunicorn.log"
        # Every server in a session of its own: Ctrl-C reaches this process only, which
        # then stops them in order (a gunicorn worker quitting mid-request answers 500).
        server = stack.enter_context(process(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], env, gunicorn_log,
            group=True))

        def start_worker(number: int):
            return stack.enter_context(process(
                [sys.executable, "-m", "celery", "-A", "config.celery", "worker", "--loglevel",
                 "INFO", "--hostname", f"chaos-{port}-{number}@%h"],
                env, folder / f"worker{number}.log", group=True))

        worker = start_worker(1)
        sweep = "no periodic sweep configured (CELERY_BEAT_SCHEDULE is empty)"
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if schedule:
            stack.enter_context(process(
                [sys.executable, "-m", "celery", "-A", "config.celery", "beat", "--loglevel",
                 "INFO", "--schedule", str(folder / "beat-schedule")],
                env, folder / "beat.log", group=True))
            sweep = f"celery beat started for {', '.join(schedule)}"
        base_url = f"http://127.0.0.1:{port}"
        wait_healthy(base_url, server, gunicorn_log)
        print(f"the stack is up after {time.monotonic() - began:.0f} s")
        print("\n".join(machine()))
        print(versions(database_url, redis_url))
        log = Log(time.monotonic())
        designs = create_designs(base_url, tokens, starting_documents(args.designs), log)
        design_ids = [design for design, _ in designs]
        print(f"load: {args.clients} clients on {len(designs)} designs of {args.users} users "
              f"for {args.duration:g} s; the worker killed at {args.kill_at:g} s ...",
              flush=True)

        threads = []
        every = args.rounds_every or args.duration + 1
        rounds = [threading.Barrier(args.clients, timeout=REQUEST_TIMEOUT)
                  for _ in range(int((args.duration - 1) // every))]
        log.origin, log.wall_origin = time.monotonic(), time.time()
        for number in range(args.clients):
            design, token = designs[number % len(designs)]
            client = Client(number, base_url, token, design, log, stop, rounds, every,
                            args.seed)
            thread = threading.Thread(target=client.run, daemon=True)
            thread.start()
            threads.append(thread)
        try:
            time.sleep(max(0.0, log.origin + args.kill_at - time.monotonic()))
            kill = kill_while_busy(worker, log, redis_url)
            time.sleep(RESTART_DELAY)
            worker = start_worker(2)
            kill["restarted"] = time.monotonic() - log.origin
            time.sleep(max(0.0, log.origin + args.duration - time.monotonic()))
        finally:
            stop.set()
            for barrier in rounds:
                barrier.abort()
        deadline = time.monotonic() + REQUEST_TIMEOUT + 10
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        print(f"load stopped; waiting for the estimates (at most {args.settle:g} s) ...",
              flush=True)
        settled = settle(design_ids, args.settle)
        settled["unfinished"] = ([] if settled["all_finished"] else
                                 unfinished(design_ids, log.wall_origin, redis_url))
        settled["killed"] = killed_estimates(kill["running"], log.wall_origin)
        print(f"the estimates waited for {settled['seconds']:.0f} s", flush=True)
        versions_of = truth(design_ids)
        failed = report(args, log.answers, args.duration, kill, settled, versions_of,
                        access_log_entries(gunicorn_log), sweep)
        if args.logs:
            with open(folder / "answers.jsonl", "w") as out:
                for answer in log.answers:
                    out.write(json.dumps(answer.__dict__) + "\n")
        stopping = time.monotonic()
    print(f"stopped and cleaned up in {time.monotonic() - stopping:.0f} s")

    if failed:
        print(f"\nFAILED: {'; '.join(failed)}")
        return 1
    print("\nevery check passed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: every process was stopped on the way out
        print("bench/chaos.py: interrupted", file=sys.stderr)
        sys.exit(130)
