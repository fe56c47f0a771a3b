"""The discrete-event simulator (estimator/engine/simulate.py): its document, its settings,
and the model it runs, each checked against numbers worked out by hand."""

import json
import math

import pytest

from estimator.engine.errors import DesignError
from estimator.engine.simulate import (
    DEFAULT_REQUESTS,
    MAX_MULTIPLE,
    MAX_REQUESTS,
    SimulationError,
    simulate,
)


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


def fixed(key="ext", latency=5.0, kind="external") -> dict:
    """A component without capacity: its constant alone."""
    return {"key": key, "kind": kind, "latency_ms": latency}


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
    assert result["components"][1]["attempts"] == 1800


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
    ({"requests": True}, "requests"),
    ({"requests": "100"}, "requests"),
    ({"multiple": 0}, "multiple"),
    ({"multiple": -1}, "multiple"),
    ({"multiple": MAX_MULTIPLE * 2}, "multiple"),
    ({"multiple": math.nan}, "multiple"),
    ({"multiple": math.inf}, "multiple"),
    ({"multiple": "2"}, "multiple"),
    ({"seed": -1}, "seed"),
    ({"seed": 2**64}, "seed"),
    ({"seed": 1.5}, "seed"),
    ({"failed": "api"}, "failed"),
    ({"failed": [1]}, "failed"),
    ({"failed": ["nowhere"]}, "failed"),
    ({"wall_seconds": 0}, "wall_seconds"),
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
