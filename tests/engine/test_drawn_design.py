"""A design built as people draw it (issue 13, done-when): a client, a load balancer, a
service of 3 instances, a primary database with a read replica, a flaky payment API called
with a timeout and retries, and the design's SLOs. Every expected value is worked out by
hand in the comments, not with the engine's helpers."""

import copy
import math

import pytest

from estimator.engine import estimate, what_if

# browse: 600 reads/s, checkout: 50 writes/s; peak factor 2 -> 1,200/s and 100/s at peak.
# No bytes: storage and egress cost nothing, so the cost is the instances alone.
DRAWN = {
    "name": "Shop as drawn",
    "assumptions": {"peak_factor": 2.0},
    "workloads": [
        {"name": "browse", "kind": "read", "rate": 600, "per": "second",
         "route": ["client", "lb", "api", "db"]},
        {"name": "checkout", "kind": "write", "rate": 50, "per": "second",
         "route": ["client", "lb", "api",
                   {"key": "payments", "timeout_ms": 300, "retries": 2}, "db"]},
    ],
    "components": [
        {"key": "client", "kind": "client"},
        {"key": "lb", "kind": "load_balancer", "instances": 2},
        {"key": "api", "kind": "service", "instances": 3, "capacity_rps": 1000,
         "availability": 0.999, "latency_ms": 10},
        {"key": "db", "kind": "database", "capacity_rps": 2000, "availability": 0.9995,
         "latency_ms": 10, "redundancy": "active-passive"},
        {"key": "db_replica", "kind": "database", "capacity_rps": 2000,
         "availability": 0.9995, "latency_ms": 10, "replica_of": "db"},
        {"key": "payments", "kind": "external", "availability": 0.99, "latency_ms": 100},
    ],
    "links": [{"from": "client", "to": "lb"}, {"from": "lb", "to": "api"},
              {"from": "api", "to": "db"}, {"from": "api", "to": "payments"},
              {"from": "db", "to": "db_replica"}],
    "slos": {"availability": 0.9999, "p99_ms": {"browse": 20, "checkout": 150},
             "monthly_budget": 600},
}

# Availabilities, by hand: lb two instances in parallel 1 - (1e-4)^2 = 1 - 1e-8 (a load
# balancer's default 99.99%); api 1 - (1e-3)^3 = 1 - 1e-9; the replica group (reads: any
# member up; writes too, the primary failing over, active-passive) 1 - (5e-4)^2
# = 1 - 2.5e-7.
LB, API, GROUP = 1 - 1e-8, 1 - 1e-9, 1 - 2.5e-7
ROUTE = LB * API * GROUP  # 1 - 2.61e-7, both routes without payments
# payments: q = 0.01 (down 1%) + the timeout share: at 100 x 1.0101 = 101.01/s against
# 1,000/s one server, C = rho = 0.10101 and P(W > 300 - 100 ms) = 0.10101 e^(-898.99/s x
# 0.2 s) = 0.10101 e^(-179.8), about 1e-79: q = 0.01.
Q = 0.01


def rows_by_key(result) -> dict:
    return {r["key"]: r for r in result["components"]}


@pytest.fixture(scope="module")
def result():
    return estimate(copy.deepcopy(DRAWN))


def test_reads_spread_over_the_primary_and_the_replica(result):
    # Equal capacities (2,000/s x 1 each): reads split 50/50, 600/s each at peak; writes go
    # to the primary: 600 + 100 = 700/s on db, 600/s on db_replica.
    rows = rows_by_key(result)
    assert rows["db"]["peak_load_rps"] == pytest.approx(700.0)
    assert rows["db_replica"]["peak_load_rps"] == pytest.approx(600.0)
    assert rows["db"]["load_rps"] == pytest.approx(350.0)  # 300 reads + 50 writes
    assert rows["db"]["utilization"] == pytest.approx(0.35)
    assert rows["api"]["peak_load_rps"] == pytest.approx(1300.0)  # every request once
    assert rows["api"]["utilization"] == pytest.approx(1300 / 3000)


def test_the_flaky_step_makes_one_plus_q_plus_q_squared_attempts(result):
    [workload] = result["retries"]["workloads"]
    assert workload["name"] == "checkout"
    [step] = workload["steps"]
    assert (step["key"], step["index"], step["timeout_ms"], step["retries"]) == (
        "payments", 3, 300.0, 2)
    assert step["down_share"] == pytest.approx(Q)
    assert step["timeout_share"] < 1e-70
    assert step["attempt_failure"] == pytest.approx(Q, rel=1e-12)
    # 1 + q + q^2 = 1 + 0.01 + 0.0001 = 1.0101 attempts per call; q^3 = 1e-6 of calls lost.
    assert step["attempts_per_call"] == pytest.approx(1.0101, rel=1e-12)
    assert step["call_failure"] == pytest.approx(1e-6, rel=1e-9)
    # Each attempt is load: 100 x 1.0101 = 101.01/s at payments.
    assert rows_by_key(result)["payments"]["peak_load_rps"] == pytest.approx(101.01)
    # The served share of checkout is 1 - q^3; browse has nothing to lose.
    shares = {w["name"]: w["served_share"] for w in result["overload"]["workloads"]}
    assert shares["checkout"] == pytest.approx(1 - 1e-6, abs=1e-12)
    assert shares["browse"] == 1.0
    # 1% more load on payments is not reported as a bottleneck of retries.
    assert not [b for b in result["bottlenecks"] if b["kind"] == "retries"]


def test_requests_served_count_the_retries_and_overall_does_not(result):
    # Requests served, weighted by average traffic: browse ROUTE, checkout ROUTE x (1 - q^3)
    # (payments' 99% is inside q): ROUTE x (600 + 50 (1 - 1e-6)) / 650
    # = ROUTE x (1 - 7.6923e-8) = 1 - 3.379e-7.
    served = ROUTE * (600 + 50 * (1 - Q**3)) / 650
    assert result["availability"]["requests_served"] == pytest.approx(served, abs=1e-13)
    assert 1 - served == pytest.approx(3.379e-7, rel=1e-3)
    # Components up, as before: checkout's route has payments' 99% in series:
    # ROUTE x (600 + 50 x 0.99) / 650 = ROUTE x (1 - 7.6923e-4) = 0.99923.
    overall = ROUTE * (600 + 50 * 0.99) / 650
    assert result["availability"]["overall"] == pytest.approx(overall, abs=1e-13)
    assert overall == pytest.approx(0.99923, abs=1e-5)


def test_the_slos_met_and_missed_with_their_margins(result):
    rows = {(r["kind"], r["workload"]): r for r in result["slos"]}
    # Availability: 1 - 3.379e-7 against 99.99%: met, margin 1e-4 - 3.379e-7 = 9.966e-5
    # (0.00997 percentage points); nines -log10(3.379e-7) - 4 = 6.471 - 4 = 2.471.
    availability = rows[("availability", None)]
    assert availability["met"] is True
    assert availability["margin"] == pytest.approx(9.9662e-5, abs=1e-8)
    assert availability["margin_nines"] == pytest.approx(2.471, abs=1e-3)
    # (Had the target been compared with components up, 0.99923, it would be missed.)
    # browse p99 against 20 ms: the constants alone are 1 + 10 + 10 = 21 ms: missed, margin
    # at most -1 ms. A union bound puts the p99 under 21 + t_api + t_db with P(W > t) =
    # 0.01 / 3 each: api M/M/3 at a = 1.3 (Erlang B 0.565217, 0.268680, 0.104286;
    # C = 3 x 0.104286 / (3 - 1.3 x 0.895714) = 0.170441, rate 1.7/ms):
    # t_api = ln(0.170441 / 0.003333) / 1.7 = 2.314 ms; db M/M/1 at 0.35 (rate 1.3/ms):
    # t_db = ln(0.35 / 0.003333) / 1.3 = 3.580 ms; lb (C = 0.000334 < 0.003333): 0. So
    # 21 < p99 < 26.9 ms, and the margin is between -6.9 and -1 ms.
    browse = rows[("p99", "browse")]
    assert browse["met"] is False and browse["why"]
    assert 21.0 < browse["actual"] < 26.9
    assert -6.9 < browse["margin"] < -1.0
    assert browse["margin"] == pytest.approx(20 - browse["actual"])
    assert browse["margin_relative"] == pytest.approx(browse["margin"] / 20)
    # The mean is exact: 21 + C_api / 1.7 + 0.35 / 1.3 (+ lb's 0.000334 / 98.7 per ms)
    # = 21 + 0.100259 + 0.269231 = 21.369490 ms.
    routes = {w["name"]: w for w in result["latency"]["workloads"]}
    assert routes["browse"]["mean_ms"] == pytest.approx(21.369490, abs=1e-4)
    # checkout p99 against 150 ms: constants 1 + 10 + 100 + 10 = 121 ms; a failed payment
    # attempt (down) costs ~0; union bound at 0.01 / 4 per step: api ln(0.170441 /
    # 0.0025) / 1.7 = 2.484, payments (C 0.10101, rate 0.899/ms) ln(40.4) / 0.899 = 4.115,
    # db ln(140) / 1.3 = 3.801: p99 < 131.4 ms. Met, margin between 18.6 and 29 ms.
    checkout = rows[("p99", "checkout")]
    assert checkout["met"] is True and checkout["why"] is None
    assert 121.0 < checkout["actual"] < 131.4
    assert 18.6 < checkout["margin"] < 29.0
    # Budget: lb 2 x $25 + api 3 x $70 + db $125 + db_replica $125 + payments $0 = $510
    # against $600: met, margin $90 (15%).
    budget = rows[("budget", None)]
    assert budget["actual"] == pytest.approx(510.0)
    assert budget["met"] is True
    assert budget["margin"] == pytest.approx(90.0)
    assert budget["margin_relative"] == pytest.approx(0.15)


def test_the_replica_takes_the_reads_and_the_writes_fail_over_when_the_primary_fails():
    # db down (active-passive): reads go to the replica alone (1,200/s), and writes fail
    # over to it too (100/s): 1,300/s on db_replica, nothing stops. The group is then the
    # replica alone: 0.9995.
    answer = what_if(copy.deepcopy(DRAWN), {"failed": ["db"]})
    assert answer["stopped_workloads"] == []
    routes = {w["name"]: w["availability"] for w in answer["availability"]["workloads"]}
    assert routes["browse"] == pytest.approx(LB * API * 0.9995, rel=1e-12)
    use = {c["key"]: c["utilization"] for c in answer["components"]}
    assert use["db"] is None  # down
    assert use["db_replica"] == pytest.approx(1300 / 2000)


def test_writes_stop_when_a_primary_that_does_not_fail_over_fails():
    # The same with the primary active-active (no fail-over): writes need the primary, so
    # checkout stops; reads still go to the replica (1,200/s).
    document = copy.deepcopy(DRAWN)
    document["components"][3]["redundancy"] = "active-active"
    answer = what_if(document, {"failed": ["db"]})
    assert answer["stopped_workloads"] == ["checkout"]
    use = {c["key"]: c["utilization"] for c in answer["components"]}
    assert use["db_replica"] == pytest.approx(1200 / 2000)


def test_the_payment_api_down_shows_the_retry_amplification():
    # payments down: every attempt fails at once, 1 + 2 = 3 attempts per call (1.0101
    # before), 300/s at peak against 101.01/s; checkout stops, every call lost.
    answer = what_if(copy.deepcopy(DRAWN), {"failed": ["payments"]})
    assert answer["stopped_workloads"] == ["checkout"]
    [step] = answer["retries"]["steps"]
    assert step["attempts_per_call_before"] == pytest.approx(1.0101, rel=1e-12)
    assert step["attempts_per_call_after"] == 3.0
    assert step["call_failure_after"] == 1.0
    [load] = answer["retries"]["components"]
    assert (load["peak_load_rps_before"], load["peak_load_rps_after"]) == (
        pytest.approx(101.01), pytest.approx(300.0))
    # Requests served: browse alone gets through: ROUTE x 600 / 650.
    assert answer["availability"]["requests_served"] == pytest.approx(
        ROUTE * 600 / 650, abs=1e-12)
    assert math.isclose(answer["availability"]["overall"], ROUTE * 600 / 650, abs_tol=1e-12)


def test_the_working_of_requests_served_counts_payments_in_its_calls(result):
    # The routes as requests served count them: 99.999974% each (1 - 2.61e-7), checkout's
    # served share 99.9999% (payments' calls): the working shows those, not payments' 99%.
    served = next(d for d in result["derivations"]
                  if d["key"] == "availability.requests_served")
    assert ("(600/s x 99.999974% x 100% + 50/s x 99.999974% x 99.9999%) / 650/s"
            in served["text"])
    checkout = next(d for d in result["derivations"]
                    if d["key"] == "overload.workloads[checkout]")
    assert "payments calls served 1 - q^3 (99.9999%)" in checkout["text"]
    step = next(d for d in result["derivations"] if d["key"] == "retries.workloads[checkout][3]")
    assert "attempts per call = 1 + q + q^2 = 1.01" in step["text"]
    assert "calls lost = q^3 = 0.0001%" in step["text"]
