"""Exact latency distributions: Erlang C against published tables, the M/M/c wait's closed
forms, and each route's whole-request distribution (issue 13)."""

import math

import numpy as np
import pytest
from hypothesis import given

from estimator.engine import estimate
from estimator.engine.errors import DesignError
from estimator.engine.estimate import estimate_design
from estimator.engine.model import parse_design
from estimator.engine.queueing import Step, erlang_c, route_distribution, wait_quantile
from tests import strategies

# ---- Erlang C against published tables ------------------------------------------------------


@pytest.mark.parametrize(("servers", "erlangs", "waiting"), [
    (8, 4.0, 0.0590),  # the classic call-centre table: 8 agents, 4 Erlangs
    (2, 1.0, 1 / 3),  # M/M/2 at rho = 0.5: 2 rho^2 / (1 + rho)
    (1, 0.7, 0.7),  # M/M/1: the utilisation
    (3, 2.0, 0.4444),  # 3 servers, 2 Erlangs: 4/9
    (10, 8.0, 0.4092),  # 10 servers, 8 Erlangs
])
def test_erlang_c_matches_published_values(servers, erlangs, waiting):
    assert erlang_c(servers, erlangs) == pytest.approx(waiting, abs=1e-3)


# ---- one component: the M/M/c wait in closed form -------------------------------------------


def test_mm1_p99_wait_is_ln_100_rho_over_mu_minus_lambda():
    mu, arrival = 10.0, 8.0  # per second
    rho = arrival / mu
    assert wait_quantile(rho, mu - arrival, 0.99) == pytest.approx(
        math.log(100 * rho) / (mu - arrival))
    # P(W > t) = rho exp(-(mu - lambda) t) at that t is one in a hundred
    t = wait_quantile(rho, mu - arrival, 0.99)
    assert rho * math.exp(-(mu - arrival) * t) == pytest.approx(0.01)


def test_a_wait_rarer_than_the_percentile_leaves_only_the_constant():
    assert wait_quantile(0.04, 1.0, 0.95) == 0.0
    assert wait_quantile(0.04, 1.0, 0.99) > 0.0


def _one_server(latency_ms=5.0, capacity=1000, rate=800.0) -> dict:
    """A single M/M/1 service behind the client, at `rate` requests per second (peak 1x)."""
    return {
        "name": "one server",
        "assumptions": {"peak_factor": 1.0},
        "workloads": [{"name": "read", "kind": "read", "rate": rate, "route": ["client", "api"]}],
        "components": [{"key": "client", "kind": "client"},
                       {"key": "api", "kind": "service", "capacity_rps": capacity,
                        "latency_ms": latency_ms}],
    }


def test_an_mm1_component_reports_its_closed_form_percentiles():
    latency = estimate(_one_server())["latency"]
    api = next(c for c in latency["components"] if c["key"] == "api")
    rho, rate_per_ms = 0.8, (1000 - 800) / 1000
    assert api["wait_probability"] == pytest.approx(rho)
    assert api["mean_latency_ms"] == pytest.approx(5 + rho / rate_per_ms)
    assert api["p50_ms"] == pytest.approx(5 + math.log(rho / 0.5) / rate_per_ms)
    assert api["p95_ms"] == pytest.approx(5 + math.log(rho / 0.05) / rate_per_ms)
    assert api["p99_ms"] == pytest.approx(5 + math.log(100 * rho) / rate_per_ms)


def test_a_route_of_one_queueing_step_has_that_components_percentiles():
    latency = estimate(_one_server())["latency"]
    api = next(c for c in latency["components"] if c["key"] == "api")
    route = latency["workloads"][0]
    assert route["mean_ms"] == pytest.approx(api["mean_latency_ms"])
    for name in ("p50_ms", "p95_ms", "p99_ms"):
        assert route[name] == pytest.approx(api[name], rel=2e-3)


# ---- routes: sums, fan-outs, cache-hit mixtures ---------------------------------------------


def _constant(ms: float) -> Step:
    return Step(ms, 0.0, math.inf)


def test_a_route_of_constant_steps_has_their_sum_at_every_percentile():
    figures = route_distribution([(_constant(3.0), 0.0), (_constant(7.0), 1.0)])
    assert figures == {"mean_ms": 10.0, "p50_ms": 10.0, "p95_ms": 10.0, "p99_ms": 10.0}


def test_constant_only_steps_of_a_design_add_up():
    document = _one_server(rate=0.0)  # no load: no queueing anywhere
    document["components"][0]["latency_ms"] = 2.0
    route = estimate(document)["latency"]["workloads"][0]
    assert route["p50_ms"] == route["p95_ms"] == route["p99_ms"] == pytest.approx(7.0)


def test_a_fan_out_of_constant_steps_is_the_constant():
    step = Step(12.0, 0.0, math.inf, fan_out=50)
    assert route_distribution([(step, 1.0)])["p99_ms"] == 12.0
    document = _one_server(rate=0.0)
    document["workloads"][0]["route"][1] = {"key": "api", "fan_out": 8}
    route = estimate(document)["latency"]["workloads"][0]
    assert route["mean_ms"] == route["p99_ms"] == pytest.approx(5.0)


def test_a_fan_out_waits_for_the_slowest_call():
    one = route_distribution([(Step(1.0, 0.5, 0.1), 1.0)])
    many = route_distribution([(Step(1.0, 0.5, 0.1, fan_out=10), 1.0)])
    assert many["p50_ms"] > one["p50_ms"] and many["p99_ms"] > one["p99_ms"]
    # the maximum of N: P(max <= t) = P(one <= t)^N, so its p99 is one call's 0.99^(1/N)
    single_quantile = 1.0 + wait_quantile(0.5, 0.1, 0.99 ** (1 / 10))
    assert many["p99_ms"] == pytest.approx(single_quantile, rel=2e-3)
    # E[max of 2] = E[one] x (2 - C/2) for this wait: (2C - C^2 / 2) / r
    two = route_distribution([(Step(0.0, 0.5, 0.1, fan_out=2), 1.0)])
    assert two["mean_ms"] == pytest.approx((2 * 0.5 - 0.5**2 / 2) / 0.1)


def test_a_fractional_fan_out_mixes_its_two_call_counts():
    # 2.5 calls: 2 calls, and a third with probability 0.5: the mean of the slowest is the
    # mean of the two maxima, half and half, and so is its CDF.
    two, three = Step(1.0, 0.5, 0.05, fan_out=2), Step(1.0, 0.5, 0.05, fan_out=3)
    mixed = Step(1.0, 0.5, 0.05, fan_out=2.5)
    assert mixed.mean_wait() == pytest.approx((two.mean_wait() + three.mean_wait()) / 2)
    x = np.array([0.0, 10.0, 40.0])
    assert mixed.cdf(x) == pytest.approx((two.cdf(x) + three.cdf(x)) / 2)


def test_a_fan_out_under_one_stops_the_requests_it_does_not_call():
    # A share 0.3 of the requests call the database (5 ms + its wait), the rest stop after
    # the api (2 ms): the mean is 2 + 0.3 x (5 + db's mean wait); the median is the api's 2 ms.
    document = _one_server(rate=100.0)
    document["components"].append({"key": "db", "kind": "database", "capacity_rps": 1000.0,
                                    "latency_ms": 5.0})
    document["components"][1]["latency_ms"] = 2.0
    document["workloads"][0]["route"].append({"key": "db", "fan_out": 0.3})
    result = estimate(document)
    db = next(c for c in result["latency"]["components"] if c["key"] == "db")
    api = next(c for c in result["latency"]["components"] if c["key"] == "api")
    route = result["latency"]["workloads"][0]
    assert route["mean_ms"] == pytest.approx(api["mean_latency_ms"] + 0.3 * db["mean_latency_ms"])
    assert route["p50_ms"] < 5.0


def test_independent_waits_add_less_than_their_percentiles():
    step = Step(2.0, 0.8, 0.05)
    one = route_distribution([(step, 1.0)])
    two = route_distribution([(step, 0.0), (step, 1.0)])
    assert two["mean_ms"] == pytest.approx(2 * one["mean_ms"])
    assert one["p99_ms"] < two["p99_ms"] < 2 * one["p99_ms"]


def test_a_half_hit_cache_puts_the_median_between_hit_and_miss():
    cache, db = Step(1.0, 0.1, 1.0), Step(20.0, 0.5, 0.1)
    hit = route_distribution([(cache, 1.0)])
    miss = route_distribution([(cache, 0.0), (db, 1.0)])
    mixed = route_distribution([(cache, 0.5), (db, 0.5)])
    assert hit["p50_ms"] <= mixed["p50_ms"] <= miss["p50_ms"]
    assert mixed["mean_ms"] == pytest.approx((hit["mean_ms"] + miss["mean_ms"]) / 2)
    assert hit["p99_ms"] < mixed["p99_ms"] <= miss["p99_ms"]


def test_the_route_p99_is_below_the_old_reach_weighted_sum(design):
    design["components"][1].update(instances=3)  # api at 73%: a real wait
    latency = estimate(design)["latency"]
    components = {c["key"]: c for c in latency["components"]}
    read = latency["workloads"][1]  # client, api, cache (80% hits), db
    reach = {"client": 1.0, "api": 1.0, "cache": 1.0, "db": 0.2}
    old_p99 = sum(share * components[key]["mean_latency_ms"] * math.log(100)
                  for key, share in reach.items())
    assert read["p99_ms"] < old_p99
    # a fifth of the reads miss the cache: the p99 read is a miss, whatever the reach-weighted
    # sum (which shrinks the database's share) says
    miss = sum(components[key]["mean_latency_ms"] - components[key]["mean_wait_ms"]
               for key in reach)
    assert read["p50_ms"] < read["p95_ms"] < read["p99_ms"]
    assert read["p99_ms"] >= miss


# ---- a queue ends the user's wait unless the step waits -------------------------------------


def _through_a_queue(waits: bool | None) -> dict:
    queue_step = {"key": "kafka"} if waits is None else {"key": "kafka", "waits": waits}
    return {
        "name": "queued",
        "workloads": [{"name": "post", "kind": "write", "rate": 10,
                       "route": ["client", "api", queue_step, "worker", "db"]}],
        "components": [{"key": "client", "kind": "client"},
                       {"key": "api", "kind": "service", "latency_ms": 10},
                       {"key": "kafka", "kind": "queue", "latency_ms": 5},
                       {"key": "worker", "kind": "worker", "latency_ms": 100},
                       {"key": "db", "kind": "database", "latency_ms": 10}],
    }


def test_a_queue_step_ends_the_users_wait():
    result = estimate(_through_a_queue(None))
    route = result["latency"]["workloads"][0]
    assert route["mean_ms"] == pytest.approx(15.0, abs=0.1)  # api + queue, not the worker
    assert route["p99_ms"] < 20.0
    # the steps after the queue still carry the load
    loads = {c["key"]: c["peak_load_rps"] for c in result["components"]}
    assert loads["worker"] == loads["db"] == loads["api"] > 0


def test_a_saturated_step_after_the_queue_leaves_the_users_latency_alone():
    document = _through_a_queue(None)
    document["components"][3]["capacity_rps"] = 1  # the worker, far past 100%
    latency = estimate(document)["latency"]
    assert next(c for c in latency["components"] if c["key"] == "worker")["p99_ms"] is None
    assert latency["workloads"][0]["mean_ms"] == pytest.approx(15.0, abs=0.1)
    document["workloads"][0]["route"][2] = {"key": "kafka", "waits": True}
    assert estimate(document)["latency"]["workloads"][0]["p99_ms"] is None


def test_a_queue_step_that_waits_counts_what_follows():
    assert estimate(_through_a_queue(False))["latency"] == estimate(
        _through_a_queue(None))["latency"]
    latency = estimate(_through_a_queue(True))["latency"]
    route = latency["workloads"][0]
    means = {c["key"]: c["mean_latency_ms"] for c in latency["components"]}
    assert route["mean_ms"] == pytest.approx(sum(means.values()))  # the worker's wait too
    assert route["p99_ms"] >= 125.0


def test_waits_must_be_a_boolean():
    document = _through_a_queue(None)
    document["workloads"][0]["route"][2] = {"key": "kafka", "waits": "yes"}
    with pytest.raises(DesignError) as raised:
        estimate(document)
    assert [(e.path, e.message) for e in raised.value.errors] == [
        ("workloads[0].route[2].waits", "must be true or false")]


def test_only_a_queue_step_can_wait():
    document = _through_a_queue(None)
    document["workloads"][0]["route"][1] = {"key": "api", "waits": True}
    with pytest.raises(DesignError) as raised:
        estimate(document)
    assert [(e.path, e.message) for e in raised.value.errors] == [
        ("workloads[0].route[1].waits",
         "only a queue step can say the user waits for what follows it ('api' is a service)")]
    document["workloads"][0]["route"][1] = {"key": "api", "waits": False}
    assert estimate(document)["latency"] == estimate(_through_a_queue(None))["latency"]


# ---- any design -----------------------------------------------------------------------------


@pytest.mark.property
@given(strategies.valid_documents(max_components=8))
def test_percentiles_are_ordered_and_the_mean_finite_for_any_stable_design(document):
    latency = estimate_design(parse_design(document))["latency"]  # no uncertainty runs
    for figures in [*latency["workloads"], *latency["components"]]:
        mean = figures.get("mean_ms", figures.get("mean_latency_ms"))
        if mean is None:  # saturated
            assert figures["p99_ms"] is None
            continue
        assert math.isfinite(mean)
        assert figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
        assert math.isfinite(figures["p99_ms"])
