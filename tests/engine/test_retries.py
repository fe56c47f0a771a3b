"""Timeouts and retries on route steps (engine.retries): attempt failure, attempts per call,
calls lost, the load they add, and the latency of the requests served, against values
worked out by hand in the comments."""

import copy
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.engine import DesignError, estimate, what_if
from estimator.engine.estimate import estimate_design
from estimator.engine.model import parse_design
from estimator.engine.result import EstimateView
from estimator.engine.version import ENGINE_VERSION
from estimator.present.whatif import with_texts
from tests.engine.test_properties import assert_sound, timed
from tests.hypothesis_profiles import ci_examples
from tests.strategies import scenarios, valid_documents

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"


def one_server(step, *, rate=50.0, capacity=100.0, latency=10.0, availability=1.0):
    """A read at `rate`/s (peak factor 1) from a client to one service instance: an M/M/1
    queue at mu = `capacity`/s with a constant `latency` ms."""
    return {
        "name": "one server", "assumptions": {"peak_factor": 1.0},
        "workloads": [{"name": "get", "kind": "read", "rate": rate, "per": "second",
                       "route": ["client", step]}],
        "components": [{"key": "client", "kind": "client"},
                       {"key": "api", "kind": "service", "capacity_rps": capacity,
                        "latency_ms": latency, "availability": availability}],
    }


def run(document) -> dict:
    return estimate_design(parse_design(document))


def only_step(result) -> dict:
    [workload] = result["retries"]["workloads"]
    [step] = workload["steps"]
    return step


def api_row(result) -> dict:
    return next(r for r in result["components"] if r["key"] == "api")


def test_an_mm1_step_with_a_timeout_fails_as_the_closed_form_says():
    # lambda = 50/s, mu = 100/s, one server: rho = 0.5 = C (Erlang C of one server is rho);
    # the wait of those who wait is exponential at mu - lambda = 50/s = 0.05/ms. T = 30 ms,
    # L = 10 ms: an attempt times out when W > 20 ms: q = 0.5 e^(-0.05 x 20) = 0.5 / e
    # = 0.183940. No retries: 1 attempt per call, q of the calls lost.
    result = run(one_server({"key": "api", "timeout_ms": 30}))
    step = only_step(result)
    q = 0.5 / math.e
    assert step["timeout_share"] == pytest.approx(q, rel=1e-12)
    assert step["attempt_failure"] == pytest.approx(0.183940, abs=1e-6)
    assert step["attempts_per_call"] == 1.0
    assert step["call_failure"] == pytest.approx(q, rel=1e-12)
    assert api_row(result)["peak_load_rps"] == pytest.approx(50.0)
    # The calls lost leave the served share and the availability of requests served.
    [workload] = result["overload"]["workloads"]
    assert workload["served_share"] == pytest.approx(1 - q, rel=1e-12)
    assert workload["lost_rps"] == pytest.approx(50 * q, rel=1e-12)
    assert result["availability"]["requests_served"] == pytest.approx(1 - q, rel=1e-12)
    assert result["availability"]["overall"] == 1.0  # components up: unchanged


def test_the_latency_of_a_served_call_is_its_attempt_conditioned_on_the_timeout():
    # Served calls only: W given W <= b = 20 ms. P(W <= 20) = 1 - 0.5/e = 0.816060.
    # E[W; W <= b] = C ((1 - e^(-rb)) / r - b e^(-rb)) = 0.5 ((1 - 1/e) / 0.05 - 20 / e)
    # = 0.5 (12.642411 - 7.357589) = 2.642411; E[W | W <= b] = 2.642411 / 0.816060 = 3.238010;
    # mean = 10 + 3.238010 = 13.238010 ms.
    # p99: (1 - 0.5 e^(-0.05 y)) / 0.816060 = 0.99 -> 0.5 e^(-0.05 y) = 0.192100 ->
    # y = ln(0.5 / 0.192100) / 0.05 = 19.1318 -> 29.1318 ms. p50: 0.5 e^(-0.05 y) = 0.591970
    # > 0.5 at y = 0: half the served calls do not wait: 10 ms.
    [route] = run(one_server({"key": "api", "timeout_ms": 30}))["latency"]["workloads"]
    assert route["mean_ms"] == pytest.approx(13.238010, abs=1e-5)
    assert route["p99_ms"] == pytest.approx(29.1318, abs=0.02)
    assert route["p50_ms"] == pytest.approx(10.0, abs=0.02)
    # Without the timeout the same route is the M/M/1 time: mean 10 + C / (mu - lambda)
    # = 10 + 0.5 / 50 s = 20 ms, and nothing is lost.
    plain = run(one_server("api"))
    assert plain["latency"]["workloads"][0]["mean_ms"] == pytest.approx(20.0, rel=1e-9)
    assert plain["retries"] == {"workloads": [], "components": [], "settled": True}


def fixed_point(retries: int) -> float:
    """q = rho e^(-(mu - lambda) x 0.02 s) with lambda = 50 (1 + q + ... + q^R), mu = 100,
    found by bisection on q (independently of the engine's iteration)."""
    def gap(q):
        load = 50 * sum(q**k for k in range(retries + 1))
        return load / 100 * math.exp(-(100 - load) * 0.02) - q

    low, high = 0.0, 0.5
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if gap(middle) > 0 else (low, middle)
    return low


def test_one_retry_raises_the_load_and_the_load_raises_q():
    # With R = 1 each call makes 1 + q attempts, so lambda = 50 (1 + q), which raises q:
    # the fixed point of q = (lambda / 100) e^(-(100 - lambda) 0.02) is q = 0.356202
    # (lambda = 67.81/s; check: 0.6781 x e^(-0.6438) = 0.6781 x 0.5253 = 0.3562).
    result = run(one_server({"key": "api", "timeout_ms": 30, "retries": 1}))
    step = only_step(result)
    q = fixed_point(1)
    assert q == pytest.approx(0.356202, abs=1e-6)
    assert step["attempt_failure"] == pytest.approx(q, abs=1e-9)
    assert step["attempts_per_call"] == pytest.approx(1 + q, abs=1e-9)
    assert step["call_failure"] == pytest.approx(q**2, abs=1e-9)
    # Every figure reads the amplified load: the component's row, its utilisation, the
    # instances it needs (67.8 / (100 x 0.7) -> 1), and the overload's offered rate.
    assert api_row(result)["peak_load_rps"] == pytest.approx(50 * (1 + q), abs=1e-6)
    assert api_row(result)["utilization"] == pytest.approx(0.5 * (1 + q), abs=1e-8)
    offered = {c["key"]: c["offered_rps"] for c in result["overload"]["components"]}
    assert offered["api"] == pytest.approx(50 * (1 + q), abs=1e-6)
    [amplified] = result["retries"]["components"]
    assert amplified == pytest.approx({"key": "api", "peak_load_rps_without_retries": 50.0,
                                       "peak_load_rps": 50 * (1 + q), "amplification": 1 + q})
    assert result["overload"]["workloads"][0]["served_share"] == pytest.approx(1 - q**2)
    # Latency of a served call: no failed attempt with P (1 - q) / (1 - q^2) = 1 / (1 + q),
    # one timed-out attempt (30 ms) with P q / (1 + q); then an attempt conditioned on
    # W <= 20 ms at lambda = 67.81: C = rho, rate = (100 - lambda) / 1000 per ms.
    load = 50 * (1 + q)
    c, r, b = load / 100, (100 - load) / 1000, 20.0
    within = 1 - c * math.exp(-r * b)
    conditioned = c * ((1 - math.exp(-r * b)) / r - b * math.exp(-r * b)) / within
    mean = 10 + q / (1 + q) * 30 + conditioned
    assert result["latency"]["workloads"][0]["mean_ms"] == pytest.approx(mean, rel=1e-9)
    # The bottleneck report says the retries multiply the load (1.36 attempts per call).
    [entry] = [b for b in result["bottlenecks"] if b["kind"] == "retries"]
    assert entry["component"] == "api" and "1.4 attempts per call" in entry["message"]
    assert "retries multiply its load" in entry["message"]


def test_a_retry_storm_on_a_saturating_component_ends_at_one_plus_r_attempts():
    # R = 3: below saturation q stays above the curve (at q = 0.4, lambda = 50 x 1.624
    # = 81.2, and 0.812 e^(-18.8 x 0.02) = 0.557 > 0.4; at q = 0.544, 1 + q + q^2 + q^3
    # = 2 and lambda = 100): there is no fixed point with the queue stable. The storm ends
    # at q = 1: every attempt times out, 4 attempts per call, lambda = 200 = 2x capacity.
    result = run(one_server({"key": "api", "timeout_ms": 30, "retries": 3}))
    step = only_step(result)
    assert step["attempt_failure"] == 1.0 and step["attempts_per_call"] == 4.0
    assert step["call_failure"] == 1.0
    assert api_row(result)["peak_load_rps"] == pytest.approx(200.0)
    assert api_row(result)["utilization"] == pytest.approx(2.0)
    assert result["overload"]["workloads"][0]["served_share"] == 0.0
    assert result["latency"]["workloads"][0]["mean_ms"] is None  # nothing is served
    assert result["retries"]["settled"] is True


def test_a_saturated_component_with_a_timeout_gets_one_plus_r_attempts():
    # 150/s against 100/s: the queue never drains, every attempt times out: q = 1,
    # R = 2 -> 3 attempts per call, 450/s offered.
    result = run(one_server({"key": "api", "timeout_ms": 50, "retries": 2}, rate=150))
    step = only_step(result)
    assert (step["attempt_failure"], step["attempts_per_call"]) == (1.0, 3.0)
    assert api_row(result)["peak_load_rps"] == pytest.approx(450.0)


def test_retries_of_shed_requests_serve_no_more_than_the_capacity():
    # No timeout: an attempt fails only when shed. 150/s against 100/s with R = 2:
    # q = s = 1 - 100 / lambda and lambda = 150 (1 + q + q^2). The component serves
    # lambda (1 - q) = 100/s, and each served call has one successful attempt, so the calls
    # served are 100/s too: 150 (1 - q^3) = 100 -> q^3 = 1/3, q = 0.693361, a = 2.174 ...
    # 1 + q + q^2 = 1 + 0.693361 + 0.480750 = 2.174111, lambda = 326.12.
    result = run(one_server({"key": "api", "retries": 2}, rate=150))
    step = only_step(result)
    q = 3 ** (-1 / 3)
    assert step["attempt_failure"] == pytest.approx(q, abs=1e-9)
    assert step["timeout_share"] == 0.0
    assert step["attempts_per_call"] == pytest.approx(2.174111, abs=1e-6)
    assert result["overload"]["workloads"][0]["served_share"] == pytest.approx(2 / 3)
    served = {c["key"]: c["served_rps"] for c in result["overload"]["components"]}
    assert served["api"] == pytest.approx(100.0)


def flaky_payment():
    """10 payments/s through an api to a payment API (availability 0.99, 100 ms, capacity
    1,000/s) with a 300 ms timeout and 2 retries."""
    return {
        "name": "payments", "assumptions": {"peak_factor": 1.0},
        "workloads": [{"name": "pay", "kind": "write", "rate": 10, "per": "second",
                       "route": ["client", "api",
                                 {"key": "psp", "timeout_ms": 300, "retries": 2}]}],
        "components": [{"key": "client", "kind": "client"},
                       {"key": "api", "kind": "service", "instances": 3,
                        "availability": 0.999},
                       {"key": "psp", "kind": "external", "availability": 0.99,
                        "latency_ms": 100}],
    }


def test_a_flaky_dependency_counts_its_downtime_per_attempt():
    # q = 0.01 (down) + a timeout share of about 0: at 10.1/s against 1,000/s,
    # C = 0.0101 and P(W > 200 ms) = 0.0101 e^(-989.9 x 0.2) ~ 1e-88. Attempts per call
    # 1 + 0.01 + 0.0001 = 1.0101; calls lost 0.01^3 = 1e-6.
    result = run(flaky_payment())
    step = only_step(result)
    assert step["down_share"] == pytest.approx(0.01)
    assert step["attempt_failure"] == pytest.approx(0.01, rel=1e-9)
    assert step["attempts_per_call"] == pytest.approx(1.0101, rel=1e-9)
    assert step["call_failure"] == pytest.approx(1e-6, rel=1e-6)
    psp = next(r for r in result["components"] if r["key"] == "psp")
    assert psp["peak_load_rps"] == pytest.approx(10.101, rel=1e-9)
    # Requests served: the api's three instances (1 - 0.001^3) times the calls served
    # (1 - 1e-6); psp's 99% is in the calls, not counted again. The components-up figure
    # still has psp's 99%: (1 - 1e-9) x 0.99.
    assert result["availability"]["overall"] == pytest.approx((1 - 1e-9) * 0.99, rel=1e-12)
    assert result["availability"]["requests_served"] == pytest.approx(
        (1 - 1e-9) * (1 - 1e-6), rel=1e-12)
    # The api passes every served call on once: it is offered 10/s, not 10.101.
    api = api_row(result)
    assert api["peak_load_rps"] == pytest.approx(10.0)
    # 1% more load is no bottleneck.
    assert not [b for b in result["bottlenecks"] if b["kind"] == "retries"]


def test_a_down_component_gets_one_plus_r_attempts_per_call_in_a_what_if():
    answer = what_if(flaky_payment(), {"failed": ["psp"]})
    assert answer["stopped_workloads"] == ["pay"]
    [step] = answer["retries"]["steps"]
    assert step["key"] == "psp" and step["retries"] == 2
    assert step["attempts_per_call_before"] == pytest.approx(1.0101, rel=1e-9)
    assert step["attempts_per_call_after"] == 3.0  # 1 + R: every attempt fails at once
    assert step["call_failure_after"] == 1.0
    [load] = answer["retries"]["components"]
    assert load["key"] == "psp"
    assert load["peak_load_rps_before"] == pytest.approx(10.101, rel=1e-9)
    assert load["peak_load_rps_after"] == pytest.approx(30.0)
    assert answer["availability"]["requests_served"] == 0.0
    texts = with_texts(answer)["retries"]
    assert texts["steps"][0]["attempts_per_call_before_text"] == "1.01"
    assert texts["steps"][0]["attempts_per_call_after_text"] == "3"
    assert texts["steps"][0]["call_failure_after_text"] == "100%"
    assert texts["components"][0]["peak_load_rps_after_text"] == "30.0/s"


def test_a_what_if_without_retries_has_empty_amplification():
    document = flaky_payment()
    document["workloads"][0]["route"][2] = "psp"
    answer = what_if(document, {"lost_instances": {"api": 1}})
    assert answer["retries"] == {"steps": [], "components": []}


def test_losing_instances_raises_q_and_the_attempts():
    # Two api instances at 100/s each, 120/s with a 30 ms timeout (L = 10 ms) and 1 retry.
    # Losing one leaves one instance for at least 120/s: saturated, so every attempt times
    # out: 2 attempts per call after, against about 1.0 before.
    document = one_server({"key": "api", "timeout_ms": 30, "retries": 1}, rate=120)
    document["components"][1]["instances"] = 2
    answer = what_if(document, {"lost_instances": {"api": 1}})
    [step] = answer["retries"]["steps"]
    assert step["attempts_per_call_before"] < 1.2
    assert step["attempts_per_call_after"] == 2.0
    [load] = answer["retries"]["components"]
    assert load["peak_load_rps_after"] == pytest.approx(240.0)


def test_the_view_reads_the_retries_section():
    result = estimate(one_server({"key": "api", "timeout_ms": 30, "retries": 1}))
    assert result["engine_version"] == ENGINE_VERSION >= 5
    view = EstimateView.from_document(result)
    assert view.retries.stated and view.retries.settled
    [workload] = view.retries.workloads
    assert workload.name == "get"
    [step] = workload.steps
    assert (step.key, step.index, step.retries, step.timeout_ms) == ("api", 1, 1, 30.0)
    assert step.attempts_per_call == pytest.approx(1 + step.attempt_failure)
    assert view.retries.components[0].amplification == pytest.approx(step.attempts_per_call)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_the_examples_have_no_retries_and_their_figures_stay(name):
    document = json.loads((EXAMPLES / name).read_text())
    result = run(document)
    assert result["retries"] == {"workloads": [], "components": [], "settled": True}
    # A retry with nothing failing changes nothing: 0 retries, no timeout on every step.
    guarded = copy.deepcopy(document)
    for workload in guarded["workloads"]:
        workload["route"] = [{"key": s, "retries": 0} if isinstance(s, str) else s
                             for s in workload["route"]]
    again = run(guarded)
    assert again["components"] == result["components"]
    assert again["latency"] == result["latency"]


# ---- any design, with timeouts and retries on any steps ------------------------------------

@st.composite
def guarded_documents(draw) -> dict:
    """A valid design whose route steps (outside alternatives) take, now and then, a timeout
    from 1 microsecond to an hour and 0 to 10 retries."""
    document = copy.deepcopy(draw(valid_documents()))
    timeouts = st.one_of(st.none(), st.sampled_from([1e-3, 1.0, 5.0, 30.0, 300.0, 3_600_000]))
    for workload in document["workloads"]:
        route = []
        for step in workload.get("route", []):
            if isinstance(step, dict) and "any_of" in step or not draw(st.booleans()):
                route.append(step)
                continue
            step = {"key": step} if isinstance(step, str) else dict(step)
            timeout = draw(timeouts)
            if timeout is not None:
                step["timeout_ms"] = timeout
            step["retries"] = draw(st.integers(0, 10))
            route.append(step)
        workload["route"] = route
    return document


# 20 under ci (0.3 s each, the slowest engine property); the long profile keeps 10,000.
@ci_examples(20)
@given(st.data())
def test_any_design_with_retries_is_sound(data):
    document = data.draw(guarded_documents())
    result = timed(estimate, document)
    assert_sound(result, document)
    for workload in result["retries"]["workloads"]:
        for step in workload["steps"]:
            q, r = step["attempt_failure"], step["retries"]
            assert 0.0 <= q <= 1.0
            assert 1.0 <= step["attempts_per_call"] <= 1 + r + 1e-9
            assert step["call_failure"] == pytest.approx(q ** (r + 1), abs=1e-12)
    for workload in result["overload"]["workloads"]:
        assert 0.0 <= workload["served_share"] <= 1.0
    assert 0.0 <= result["availability"]["requests_served"] <= 1.0
    for route in result["latency"]["workloads"]:
        if route["mean_ms"] is not None:
            assert route["p50_ms"] <= route["p95_ms"] + 1e-9 <= route["p99_ms"] + 2e-9
    scenario = data.draw(scenarios(document))
    try:
        answer = timed(what_if, document, scenario)
    except DesignError:  # a scenario may be refused, naming its field
        return
    assert_sound(answer, document)
    for step in answer["retries"]["steps"]:
        assert 1.0 <= step["attempts_per_call_after"] <= 1 + step["retries"] + 1e-9


def test_an_availability_slo_lost_to_timeouts_says_where_to_look_first():
    # One retry at 50/s with a 30 ms timeout loses q^2 = 12.7% of the calls: a 99.9% target
    # is missed, and the step that loses them is named before any component.
    document = one_server({"key": "api", "timeout_ms": 30, "retries": 1})
    document["slos"] = {"availability": 0.999}
    [row] = run(document)["slos"]
    assert row["met"] is False
    assert row["why"] == ("get → api loses 12.688% of its calls (attempts timed out, "
                          "1 retry): look there first")


@pytest.mark.parametrize("fan_out", [1.0, 2.0])
def test_a_timeout_steps_distribution_matches_a_simulation_of_its_attempts(fan_out):
    # One step: L = 10 ms, the M/M/1 wait of test 1 (C = 0.5, 0.05/ms), T = 30 ms, 2 retries,
    # and 5% of attempts failing at once (down). An attempt times out when W > 20 ms:
    # slow = 0.95 x 0.5 / e. Simulated: attempts one after the other, a served call's time is
    # T per timed-out attempt, 0 per fast failure, L + W for the one that succeeds; calls
    # that fail 3 times are left out; with a fan-out of 2, the slower of 2 served calls.
    from estimator.engine.queueing import Step, TimeoutStep, route_distribution

    rng = np.random.default_rng(7)
    n, timeout, latency, retries = 400_000, 30.0, 10.0, 2

    def served_times(size):
        times = np.zeros(size)
        done = np.zeros(size, dtype=bool)
        for _ in range(retries + 1):
            fast = rng.random(size) < 0.05
            wait = np.where(rng.random(size) < 0.5, rng.exponential(20.0, size), 0.0)
            slow = ~fast & (latency + wait > timeout)
            success = ~done & ~fast & ~slow
            times = np.where(success, times + latency + wait, times)
            times = np.where(~done & slow, times + timeout, times)
            done |= success
        return times[done]

    calls = served_times(n)
    if fan_out == 2.0:
        calls = np.maximum(calls[: len(calls) // 2], calls[len(calls) // 2: 2 * (len(calls) // 2)])
    step = TimeoutStep(Step(latency, 0.5, 0.05), timeout, retries, 0.05,
                       0.95 * 0.5 / math.e, fan_out)
    figures = route_distribution([(step, 1.0)])
    assert figures["mean_ms"] == pytest.approx(calls.mean(), rel=5e-3)
    for name, p in (("p50_ms", 50), ("p95_ms", 95), ("p99_ms", 99)):
        assert figures[name] == pytest.approx(np.percentile(calls, p), abs=0.5)



def _route_text(result) -> str:
    return next(d["text"] for d in result["derivations"]
                if d["key"] == "latency.workloads[get]")


def test_the_route_working_counts_the_timeout_and_its_mean():
    # The route's working names the step's timeout and retries, and the mean it adds up is
    # the one the latency section reports (the TimeoutStep's, not the plain queue's 20 ms:
    # L 10 ms + C / (mu - lambda) = 0.5 / 50/s = 10 ms).
    result = run(one_server({"key": "api", "timeout_ms": 30, "retries": 1}))
    text = _route_text(result)
    mean = result["latency"]["workloads"][0]["mean_ms"]
    assert "api (timeout 30.0 ms, 1 retries" in text
    assert f"= {mean:.1f} ms; percentiles" in text and round(mean, 1) != 20.0


def test_a_route_whose_every_call_fails_says_no_request_is_served():
    # A timeout of 5 ms on a step whose latency_ms alone is 10 ms: every attempt times out
    # (q = 1), 1 + 2 attempts per call, every call lost: no latency to work out.
    result = run(one_server({"key": "api", "timeout_ms": 5, "retries": 2}))
    assert result["latency"]["workloads"][0]["mean_ms"] is None
    assert only_step(result)["attempts_per_call"] == pytest.approx(3.0)
    assert "every call at api fails" in _route_text(result)
    assert "no request is served" in _route_text(result)
