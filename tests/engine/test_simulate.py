"""The discrete-event simulator (estimator/engine/simulate.py): its document, its settings,
and the model it runs, each checked against numbers worked out by hand."""

import json
import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.engine.errors import DesignError
from estimator.engine.simulate import (
    DEFAULT_REQUESTS,
    MAX_MULTIPLE,
    MAX_REQUESTS,
    SimulationError,
    simulate,
)
from tests.strategies import valid_documents


def chain(*components, route=None, rate=1000.0, kind="read", workloads=None) -> dict:
    """A design: one workload (`rate` per second at peak: the peak factor is 1) along the
    components in order, unless `route` or `workloads` say otherwise."""
    components = [{"key": "client", "kind": "client"}, *components]
    if workloads is None:
        workloads = [{"name": "w", "kind": kind, "rate": rate, "per": "second",
                      "route": route or [c["key"] for c in components]}]
    return {"name": "sim", "assumptions": {"peak_factor": 1.0}, "workloads": workloads,
            "components": components}


def service(key="api", instances=1, capacity=1000.0, latency=0.0, **more) -> dict:
    return {"key": key, "kind": "service", "instances": instances, "capacity_rps": capacity,
            "latency_ms": latency, **more}


def fixed(key="ext", latency=5.0, kind="external", **more) -> dict:
    """A component that never makes anyone wait: its constant alone (a hundred servers of a
    billion requests a second each)."""
    return {"key": key, "kind": kind, "latency_ms": latency, "instances": 100,
            "capacity_rps": 1e9, **more}


# --- the document -------------------------------------------------------------------------

def test_the_document_has_every_key_in_order_and_is_plain_json():
    design = chain(service(capacity=2000, latency=3), fixed())
    result = simulate(design, requests=2000, seed=1)
    assert list(result) == ["engine_version", "settings", "stopped", "requests_simulated",
                            "warmup_requests", "simulated_seconds", "wall_seconds",
                            "workloads", "components", "totals"]
    assert result["settings"] == {"requests": 2000, "multiple": 1.0, "seed": 1, "failed": []}
    assert result["stopped"] == "complete"
    assert result["requests_simulated"] == 2000 and result["warmup_requests"] == 200
    assert list(result["workloads"][0]) == [
        "name", "arrivals", "served", "lost", "served_share", "throughput_rps", "mean_ms",
        "p50_ms", "p95_ms", "p99_ms", "timeouts", "retries"]
    assert [c["key"] for c in result["components"]] == ["client", "api", "ext"]
    assert list(result["components"][0]) == ["key", "utilization", "attempts", "timeouts",
                                             "retries", "lost", "mean_wait_ms"]
    assert list(result["totals"]) == ["arrivals", "served", "lost", "served_share", "timeouts",
                                      "retries"]
    json.dumps(result, allow_nan=False)
    workload = result["workloads"][0]
    assert workload["arrivals"] == workload["served"] == 1800
    assert result["totals"]["served_share"] == 1.0
    # 1,000 requests a second: 1,800 measured ones take about 1.8 s.
    assert workload["throughput_rps"] == pytest.approx(1000, rel=0.1)
    assert result["components"][0]["utilization"] is None  # no capacity: no queue
    assert result["components"][0]["mean_wait_ms"] == 0.0
    assert result["components"][1]["attempts"] == 1800


def test_whole_floats_are_whole_numbers():
    result = simulate(chain(service()), requests=1e3, seed=2.0)
    assert result["settings"]["requests"] == 1000 and result["settings"]["seed"] == 2
    assert isinstance(result["settings"]["seed"], int)


def test_the_defaults_are_the_contracts():
    assert DEFAULT_REQUESTS == 100_000 and MAX_REQUESTS == 1_000_000 and MAX_MULTIPLE == 100.0


def test_one_seed_gives_one_document_and_another_seed_another():
    design = chain(service(instances=2, capacity=600, latency=2), fixed())
    first = simulate(design, requests=3000, seed=7)
    again = simulate(design, requests=3000, seed=7)
    other = simulate(design, requests=3000, seed=8)
    for result in (first, again, other):
        result.pop("wall_seconds")
    assert first == again
    assert first["workloads"] != other["workloads"]


@pytest.mark.parametrize(("settings", "field"), [
    ({"requests": 0}, "requests"),
    ({"requests": MAX_REQUESTS + 1}, "requests"),
    ({"requests": 10.5}, "requests"),
    ({"requests": 10**400}, "requests"),
    ({"requests": math.nan}, "requests"),
    ({"requests": True}, "requests"),
    ({"requests": "100"}, "requests"),
    ({"multiple": 0}, "multiple"),
    ({"multiple": -1}, "multiple"),
    ({"multiple": MAX_MULTIPLE * 2}, "multiple"),
    ({"multiple": math.nan}, "multiple"),
    ({"multiple": math.inf}, "multiple"),
    ({"multiple": "2"}, "multiple"),
    ({"multiple": 10**400}, "multiple"),
    ({"seed": -1}, "seed"),
    ({"seed": 2**64}, "seed"),
    ({"seed": 1.5}, "seed"),
    ({"failed": "api"}, "failed"),
    ({"failed": [1]}, "failed"),
    ({"failed": ["nowhere"]}, "failed"),
    ({"wall_seconds": 0}, "wall_seconds"),
    ({"wall_seconds": 10**400}, "wall_seconds"),
])
def test_bad_settings_name_their_field(settings, field):
    with pytest.raises(SimulationError) as raised:
        simulate(chain(service()), **settings)
    assert raised.value.field == field
    assert field in str(raised.value)


def test_an_invalid_design_is_a_design_error():
    with pytest.raises(DesignError):
        simulate({"name": "x", "components": [{"key": "a", "kind": "nonsense"}]})


# --- bounds -------------------------------------------------------------------------------

def test_the_multiple_scales_the_arrival_rate():
    design = chain(service(capacity=100_000))
    once = simulate(design, requests=5000)
    twice = simulate(design, requests=5000, multiple=2.0)
    assert twice["workloads"][0]["throughput_rps"] == pytest.approx(
        2 * once["workloads"][0]["throughput_rps"], rel=0.1)
    assert twice["settings"]["multiple"] == 2.0


def test_an_unstable_design_comes_back_saturated_and_slow():
    # 1,000 requests a second at a server of 500: the queue grows without end.
    result = simulate(chain(service(capacity=500)), requests=20_000)
    assert result["stopped"] == "complete"
    assert result["components"][1]["utilization"] == pytest.approx(1.0, abs=0.02)
    # The last requests wait about half the run: 20 s of work for 10 s of arrivals.
    assert result["workloads"][0]["p99_ms"] > 5000
    assert result["workloads"][0]["served"] == result["workloads"][0]["arrivals"]


def test_the_wall_time_stops_the_run_with_what_it_has():
    design = chain(*(service(f"s{i}", capacity=5000) for i in range(8)))
    seen = []
    result = simulate(design, requests=MAX_REQUESTS, wall_seconds=0.3, progress=seen.append)
    assert result["stopped"] == "wall time"
    assert result["requests_simulated"] < MAX_REQUESTS
    assert result["wall_seconds"] < 3
    # The first tenth of the requests asked for warm the queues up: a run stopped sooner
    # has none measured.
    assert result["warmup_requests"] <= MAX_REQUESTS // 10
    measured = result["requests_simulated"] - result["warmup_requests"]
    assert result["totals"]["served"] <= measured
    assert seen[-1] == 1.0 and all(0 <= x <= 1 for x in seen)
    json.dumps(result, allow_nan=False)


def test_progress_is_reported_and_ends_at_one():
    seen = []
    simulate(chain(service(capacity=5000)), requests=30_000, progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert seen == sorted(seen)


# --- the model ----------------------------------------------------------------------------

def _workload(result) -> dict:
    return result["workloads"][0]


def _component(result, key) -> dict:
    return next(c for c in result["components"] if c["key"] == key)


def test_constants_add_up_and_a_queue_step_ends_the_users_wait():
    design = chain(fixed("api", 5, "service"), fixed("queue", 2, "queue"),
                   fixed("worker", 100, "worker"), kind="write")
    result = simulate(design, requests=1000)
    workload = _workload(result)
    assert workload["p50_ms"] == pytest.approx(7) and workload["p99_ms"] == pytest.approx(7)
    assert _component(result, "worker")["attempts"] == 900  # still simulated, not timed
    design["workloads"][0]["route"][2] = {"key": "queue", "waits": True}
    assert _workload(simulate(design, requests=1000))["mean_ms"] == pytest.approx(107)


def test_a_cache_answers_its_hits_and_only_misses_go_on():
    design = chain(fixed("cache", 1, "cache", hit_ratio=0.8), fixed("db", 10, "database"))
    result = simulate(design, requests=20_000, seed=3)
    workload = _workload(result)
    misses = _component(result, "db")["attempts"]
    assert misses == pytest.approx(0.2 * 18_000, abs=4 * math.sqrt(18_000 * 0.16))
    assert workload["served"] == 18_000
    assert workload["p50_ms"] == pytest.approx(1)  # a hit: the cache's constant alone
    assert workload["p95_ms"] == pytest.approx(11)  # a miss: the cache's and the database's
    assert workload["mean_ms"] == pytest.approx(1 + 10 * misses / 18_000)
    # Writes pass through a cache.
    design["workloads"][0]["kind"] = "write"
    assert _component(simulate(design, requests=1000), "db")["attempts"] == 900


def test_a_fan_out_makes_its_calls_and_the_request_waits_for_the_slowest():
    design = chain(fixed("shards", 4, "database"), route=["client", {"key": "shards",
                                                                     "fan_out": 3}])
    assert _component(simulate(design, requests=1000), "shards")["attempts"] == 2700
    design["workloads"][0]["route"][1]["fan_out"] = 0.1  # a tenth of the requests call once
    result = simulate(design, requests=20_000)
    attempts = _component(result, "shards")["attempts"]
    assert attempts == pytest.approx(1800, abs=4 * math.sqrt(18_000 * 0.09))
    # Two calls at one server at a trickle of load: the first never waits, the second waits
    # for the first's service (exponential, mean 1 ms at 1,000 a second): the slowest of the
    # two is that wait.
    design = chain(service("one", capacity=1000), route=["client", {"key": "one",
                                                                    "fan_out": 2}], rate=1.0)
    workload = _workload(simulate(design, requests=20_000, seed=5))
    assert workload["mean_ms"] == pytest.approx(1.0, rel=0.05)
    assert workload["p50_ms"] == pytest.approx(math.log(2), rel=0.05)
    # Two servers: each call has its own, and nobody waits.
    design["components"][1]["instances"] = 2
    assert _workload(simulate(design, requests=5000))["p99_ms"] == pytest.approx(0, abs=1e-9)


def test_the_load_after_a_fan_out_multiplies():
    design = chain(fixed("api", 1, "service"), fixed("db", 1, "database"),
                   route=["client", {"key": "api", "fan_out": 2}, {"key": "db", "fan_out": 3}])
    result = simulate(design, requests=1000)
    assert _component(result, "api")["attempts"] == 1800
    assert _component(result, "db")["attempts"] == 5400


def _alternatives():
    return chain(fixed("a", 1, "service"), fixed("b", 3, "service"), fixed("db", 10, "database"),
                 route=["client", {"any_of": [["a"], ["b"]]}, "db"])


def test_a_failed_component_sends_requests_to_the_next_alternative():
    design = _alternatives()
    healthy = simulate(design, requests=1000)
    assert _component(healthy, "a")["attempts"] == 900 and _component(healthy, "b")[
        "attempts"] == 0
    assert _workload(healthy)["mean_ms"] == pytest.approx(11)
    result = simulate(design, requests=1000, failed=["a"])
    assert result["settings"]["failed"] == ["a"]
    assert _component(result, "a")["attempts"] == 0 and _component(result, "b")[
        "attempts"] == 900
    assert _workload(result)["served"] == 900 and _workload(result)["mean_ms"] == pytest.approx(13)


def test_with_no_alternative_left_the_request_is_lost():
    result = simulate(_alternatives(), requests=1000, failed=["b", "a"])
    workload = _workload(result)
    assert workload["served"] == 0 and workload["lost"] == 900
    assert workload["served_share"] == 0.0 and workload["mean_ms"] is None
    assert _component(result, "a")["lost"] == 900  # the primary tried, and failed at once
    assert _component(result, "db")["attempts"] == 0
    assert result["totals"] == {"arrivals": 900, "served": 0, "lost": 900, "served_share": 0.0,
                                "timeouts": 0, "retries": 0}
    json.dumps(result, allow_nan=False)


def test_retries_at_a_failed_component_are_attempts_that_fail_at_once():
    design = chain(fixed("db", 10, "database"), route=["client", {"key": "db", "retries": 2}])
    result = simulate(design, requests=1000, failed=["db"])
    db = _component(result, "db")
    assert (db["attempts"], db["retries"], db["lost"], db["timeouts"]) == (2700, 1800, 900, 0)
    assert _workload(result)["retries"] == 1800 and _workload(result)["lost"] == 900


def _replicas(redundancy="active-active"):
    return chain(service("db", instances=1, capacity=3000, latency=1, redundancy=redundancy),
                 service("db2", instances=1, capacity=1000, latency=1, replica_of="db"),
                 route=["client", "db"])


def test_a_replica_group_spreads_reads_by_capacity_and_a_failed_member_takes_none():
    result = simulate(_replicas(), requests=20_000, seed=2)
    assert _component(result, "db2")["attempts"] == pytest.approx(
        0.25 * 18_000, abs=4 * math.sqrt(18_000 * 0.25 * 0.75))
    result = simulate(_replicas(), requests=2000, failed=["db2"])
    assert _component(result, "db")["attempts"] == 1800 and _workload(result)["served"] == 1800


def test_a_write_to_a_failed_active_passive_primary_goes_to_its_replica():
    design = _replicas("active-passive")
    design["workloads"][0]["kind"] = "write"
    result = simulate(design, requests=1000, failed=["db"])
    assert _component(result, "db2")["attempts"] == 900 and _workload(result)["lost"] == 0
    active = _replicas()
    active["workloads"][0]["kind"] = "write"
    assert _workload(simulate(active, requests=1000, failed=["db"]))["lost"] == 900


def test_a_constant_over_the_timeout_times_out_every_attempt():
    design = chain(fixed("ext", 50), route=["client", {"key": "ext", "timeout_ms": 20,
                                                       "retries": 1}])
    result = simulate(design, requests=1000)
    ext = _component(result, "ext")
    assert (ext["attempts"], ext["timeouts"], ext["retries"], ext["lost"]) == (
        1800, 1800, 900, 900)
    assert _workload(result)["timeouts"] == 1800 and _workload(result)["served"] == 0


def test_an_mm1_with_a_timeout_loses_the_share_its_closed_form_says():
    # M/M/1 at 80%: lambda = 800/s, mu = 1,000/s. An abandoned attempt still holds the server,
    # so the queue is the plain M/M/1 and P(W + L > T) = rho exp(-(mu - lambda)(T - L)).
    latency, timeout = 2.0, 7.0
    design = chain(service(capacity=1000, latency=latency),
                   route=["client", {"key": "api", "timeout_ms": timeout}], rate=800)
    result = simulate(design, requests=100_000, seed=11)
    expected = 0.8 * math.exp(-(1000 - 800) * (timeout - latency) / 1000)
    workload = _workload(result)
    assert workload["lost"] / workload["arrivals"] == pytest.approx(expected, rel=0.08)
    assert workload["timeouts"] == workload["lost"] and workload["retries"] == 0
    assert _component(result, "api")["utilization"] == pytest.approx(0.8, abs=0.03)
    assert workload["p99_ms"] <= timeout  # a served attempt took at most T
    # That M/M/1 with one retry: a timed-out attempt is tried again, which is more load
    # (0.8 x 1.29 > 1): the queue never drains and nearly every request times out twice.
    design["workloads"][0]["route"][1]["retries"] = 1
    result = simulate(design, requests=50_000, seed=11)
    workload, api = _workload(result), _component(result, "api")
    assert api["utilization"] == pytest.approx(1.0, abs=0.01)
    assert workload["lost"] > 0.9 * workload["arrivals"]


def test_retries_are_load_and_meet_the_queue_that_timed_out_their_first_attempt():
    # M/M/1 at 40% (lambda = 400/s, mu = 1,000/s), T - L = 5 ms: alone, a first attempt
    # times out with q = 0.4 exp(-3) = 2% (the closed form above). A retry comes T later
    # into the same FIFO queue, behind the abandoned work still in it and the other callers'
    # retries: it is no independent second chance. (At 50% the same retry tips the queue
    # over in the end: once the backlog passes T everything comes twice, a load of 100%.)
    design = chain(service(capacity=1000, latency=2),
                   route=["client", {"key": "api", "timeout_ms": 7, "retries": 1}], rate=400)
    result = simulate(design, requests=60_000, seed=4)
    workload, api = _workload(result), _component(result, "api")
    q = 0.4 * math.exp(-3)
    assert api["attempts"] == workload["arrivals"] + workload["retries"]
    assert api["timeouts"] == workload["retries"] + workload["lost"]
    assert workload["timeouts"] == api["timeouts"]
    # Retries are load: the busy share is the first attempts' and the retries'.
    assert api["utilization"] == pytest.approx(
        0.4 * api["attempts"] / workload["arrivals"], abs=0.01)
    assert q < workload["retries"] / workload["arrivals"] < 4 * q
    assert 0.9 < workload["served_share"] < 1 - q / 4
    # A served request's time counts its timed-out attempt (T) before the one that served it.
    assert workload["p99_ms"] > 7


# --- any document -------------------------------------------------------------------------

@pytest.mark.property
@given(document=valid_documents(max_components=8), data=st.data())
def test_any_valid_document_simulates_within_its_bounds(document, data):
    keys = [c["key"] for c in document.get("components", [])]
    failed = data.draw(st.lists(st.sampled_from(keys), max_size=2, unique=True)) if keys else []
    started = time.perf_counter()
    result = simulate(document, requests=3000, seed=data.draw(st.integers(0, 2**63 - 1)),
                      failed=failed, wall_seconds=0.5,
                      multiple=data.draw(st.sampled_from([0.5, 1.0, 100.0])))
    assert time.perf_counter() - started < 10  # the clock is read every 2,048 events or calls
    json.dumps(result, allow_nan=False)
    assert result["requests_simulated"] <= 3000
    totals = result["totals"]
    assert totals["served"] + totals["lost"] <= totals["arrivals"]
    for row in result["workloads"]:
        times = [row[name] for name in ("p50_ms", "p95_ms", "p99_ms") if row[name] is not None]
        assert times == sorted(times) and all(t >= 0 for t in times)
    for row in result["components"]:
        assert row["utilization"] is None or 0 <= row["utilization"] <= 1
        assert row["retries"] <= row["attempts"] and row["lost"] <= row["attempts"]
    if result["stopped"] == "complete":
        assert totals["served"] + totals["lost"] == totals["arrivals"]
