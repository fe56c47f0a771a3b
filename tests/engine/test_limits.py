"""The engine accepts only what it can compute, and computes it in bounded time and memory
(issue 11): each test here is a document that once crashed, hung, overflowed or ran away."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from estimator.engine import capacity, estimate, queueing, validate, what_if
from estimator.engine.availability import k_of_n, nines
from estimator.engine.errors import DesignError
from estimator.engine.limits import MAX_INSTANCES, MAX_RETENTION_YEARS, MAX_YEAR_ROWS

ROOT = Path(__file__).resolve().parents[2]


def design(**component) -> dict:
    return {
        "name": "one service",
        "workloads": [{"name": "r", "kind": "read", "rate": 1000, "route": ["api"]}],
        "components": [{"key": "api", "kind": "service", **component}],
    }


def with_assumptions(**assumptions) -> dict:
    return {**design(), "assumptions": assumptions}


def errors_of(document) -> list[str]:
    return [str(error) for error in validate(document)]


def test_k_of_n_of_thousands_of_instances_is_a_number():
    # The binomial sum overflowed from 1,030 instances: "int too large to convert to float".
    assert k_of_n(0.999, 500, 1030) == 1.0
    assert k_of_n(0.5, 500_000, MAX_INSTANCES) == pytest.approx(0.5, abs=1e-3)
    result = estimate(design(instances=MAX_INSTANCES, redundancy="k-of-n", k=999_000))
    assert 0 < result["availability"]["overall"] <= 1


def test_k_of_n_keeps_small_unavailabilities_exact():
    # 2 of 3 at 99%: down when two or three fail, 3 x 0.01^2 x 0.99 + 0.01^3.
    assert 1 - k_of_n(0.99, 2, 3) == pytest.approx(3 * 0.01**2 * 0.99 + 0.01**3, rel=1e-9)


def test_erlang_c_of_a_million_servers_agrees_with_the_recursion():
    # The recursion, one step per server, held a worker for minutes on 10,000 such
    # components; past RECURSION_SERVERS the closed form answers in constant time.
    servers, load = 2_000, 1_990.0
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    assert queueing.erlang_b(servers, load) == pytest.approx(blocking, rel=1e-9)
    assert 0 < queueing.erlang_c(MAX_INSTANCES, 999_000.0) < 1


def test_a_loaded_route_through_the_most_instances_is_estimated():
    document = design(instances=MAX_INSTANCES, capacity_rps=1)
    document["workloads"][0]["rate"] = 499_500  # 999,000/s at peak: 99.9% busy
    latency = estimate(document)["latency"]["components"][0]
    assert latency["utilization"] == pytest.approx(0.999)
    assert latency["mean_latency_ms"] > latency["mean_wait_ms"] > 0


@pytest.mark.parametrize(("document", "field", "words"), [
    (design(instances=MAX_INSTANCES + 1), "components[0].instances", "too large"),
    (design(instances=10**400), "components[0].instances", "too large"),
    (design(instances=10**15), "components[0].instances", "too large"),
    (design(capacity_rps=1e-300), "components[0].capacity_rps", "too small"),
    (with_assumptions(target_utilization=1e-300), "assumptions.target_utilization",
     "too small"),
    (with_assumptions(growth_rate=1e20), "assumptions.growth_rate", "grows traffic"),
    (with_assumptions(growth_rate=0.5, retention_years=1000), "assumptions.growth_rate",
     "grows traffic"),
    (with_assumptions(retention_years=3e5), "assumptions.retention_years", "too large"),
    (with_assumptions(retention_years={"low": 1, "mid": 2, "high": 2000}),
     "assumptions.retention_years.high", "too large"),
    (with_assumptions(daily_active_users=10**5000), "assumptions.daily_active_users",
     "too large"),
    (with_assumptions(daily_active_users=-(10**400)), "assumptions.daily_active_users",
     "negative"),
    (with_assumptions(daily_active_users=float("inf")), "assumptions.daily_active_users",
     "finite"),
    ({**design(), "name": "a\x00b"}, "name", "NUL"),
    ({**design(notes="x\x00")}, "components[0].notes", "NUL"),
    ({**design(position={"x": 10**400, "y": 0})}, "components[0].position.x", "number"),
    ({**design(kind=10**5000)}, "components[0].kind", "unknown value"),
])
def test_what_the_arithmetic_cannot_carry_is_refused_naming_the_field(document, field, words):
    found = errors_of(document)
    assert any(message.startswith(f"{field}: ") and words in message for message in found), found


def test_a_tiny_rate_is_refused_and_a_subnormal_load_has_no_headroom():
    document = design()
    document["workloads"][0]["rate"] = 1e-310
    assert errors_of(document) == [
        "workloads[0].rate: is too small: give 0 or at least 1e-09 (got 1e-310)"]
    row = {"key": "api", "utilization": 1e-310}
    assert capacity.headroom([row], 1000) == {
        "factor": None, "first_saturating": "api", "max_daily_active_users": None}


def test_fan_outs_that_multiply_past_the_limit_are_refused_where_they_do():
    document = design()
    document["workloads"][0]["route"] = [{"key": "api", "fan_out": 1000}] * 4
    assert errors_of(document) == [
        "workloads[0].route[3]: the fan-outs up to this step multiply to 1e+12, at most 1e+09"]


def test_a_long_retention_is_summarised_not_listed_year_by_year():
    # {"retention_years": 3e5} once answered 54 MB; the longest period now lists 100 years.
    document = with_assumptions(retention_years=MAX_RETENTION_YEARS, growth_rate=0.03)
    result = estimate(document)
    assert len(result["growth"]["years"]) == MAX_YEAR_ROWS
    assert len(result["storage"]["by_year"]) == MAX_YEAR_ROWS
    assert result["growth"]["years"][-1]["year"] == MAX_RETENTION_YEARS
    assert len(json.dumps(result)) < 100_000


def test_growth_finds_the_same_years_as_walking_through_them():
    document = with_assumptions(retention_years=40, growth_rate=0.3)
    document["components"][0].update(capacity_rps=100, instances=20)
    limits = estimate(document)["growth"]["limits"]
    utilization, year = 1000 * 2 / (100 * 20), 1
    while utilization * 1.3 ** (year - 1) <= 1:
        year += 1
    assert [(limit["kind"], limit["year"]) for limit in limits] == [("capacity", year)]


def test_no_availability_shows_zero_nines_not_minus_zero():
    assert math.copysign(1, nines(0.0)) == 1


@pytest.mark.parametrize(("scenario", "field"), [
    ({"failed": [["api"]]}, "failed[0]"),
    ({"failed": [{"key": "api"}]}, "failed[0]"),
    ({"zones": [{}]}, "zones[0]"),
    ({"zones": [None]}, "zones[0]"),
    ({"lost_instances": {"api": 10**400}}, "lost_instances.api"),
])
def test_a_what_if_of_the_wrong_shape_is_refused_naming_the_field(scenario, field):
    document = design(instances=2, zone="a")
    with pytest.raises(DesignError) as refused:
        what_if(document, scenario)
    assert [error.path for error in refused.value.errors] == [field]


# Products over sets once followed the hash seed: the last bits of an availability changed
# from one process to the next.
_ESTIMATE_IN_A_PROCESS = """
import json, sys
from estimator.engine import estimate
print(json.dumps(estimate(json.loads(sys.argv[1]))["availability"]))
"""


def test_the_same_design_gives_the_same_availability_under_every_hash_seed():
    # A route of four in series: their product, taken in the order of a frozenset, came out
    # as ...475 or ...476 depending on the process.
    values = [0.913435, 0.984735, 0.97637, 0.925504]
    components = [{"key": f"c{i}", "kind": "service", "availability": a}
                  for i, a in enumerate(values)]
    document = {"name": "seeds", "components": components,
                "workloads": [{"name": "r", "kind": "read", "rate": 1,
                               "route": ["c0", "c1", "c2", "c3"]}]}
    answers = {
        subprocess.run([sys.executable, "-c", _ESTIMATE_IN_A_PROCESS, json.dumps(document)],
                       capture_output=True, text=True, check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
        for seed in range(6)
    }
    assert len(answers) == 1


def test_a_component_that_cannot_matter_has_no_negative_importance():
    # Found by the long Hypothesis run: a dead search node on alternatives only, whose
    # importance came out as -2.8e-17 by rounding.
    components = [
        {"key": "store", "kind": "object_store", "managed": True, "instances": 4,
         "redundancy": "k-of-n", "k": 2},
        {"key": "a", "kind": "client", "availability": 0.3059034642470107, "instances": 3},
        {"key": "search", "kind": "search", "availability": 0.0, "instances": 4},
        {"key": "b", "kind": "client", "availability": 0.2664436443097379, "instances": 4},
    ]
    route = ["store", "b",
             {"any_of": [["store", "search"], ["b", "a", "b"], ["store", "store", "a"],
                         [{"key": "search", "fan_out": 0.5}]]},
             {"any_of": [["store", "a"], ["a"], [{"key": "a", "fan_out": 10.0},
                                                 {"key": "search", "fan_out": 2.0}, "store"]]}]
    document = {"name": "dead search", "components": components, "workloads": [
        {"name": "r", "kind": "read", "route": route, "per_user_per_day": 532518.2443226083},
        {"name": "w", "kind": "write", "route": [], "per_user_per_day": 1000.0}]}
    rows = {row["key"]: row for row in estimate(document)["importance"]["components"]}
    assert (rows["search"]["birnbaum"], rows["search"]["improvement"]) == (0.0, 0.0)


def test_a_thousand_alternative_paths_with_ranged_availabilities_are_solved_exactly():
    # Three stages of ten alternatives and a range on every availability: once 653 s, each
    # of 200 uncertainty samples a Monte Carlo run over 1,000 paths; now one pass a sample.
    components = [{"key": f"c{i}", "kind": "service",
                   "availability": {"low": 0.9, "mid": 0.99, "high": 0.999}} for i in range(30)]
    route = [{"any_of": [[f"c{stage * 10 + i}"] for i in range(10)]} for stage in range(3)]
    document = {"name": "wide", "components": components, "workloads": [
        {"name": "r", "kind": "read", "rate": {"low": 1, "mid": 2, "high": 3}, "route": route}]}
    result = estimate(document)
    [workload] = result["availability"]["workloads"]
    assert (workload["paths"], workload["method"]) == (1000, "exact")
    assert workload["availability"] == pytest.approx((1 - 0.01**10) ** 3)
    assert result["uncertainty"]["samples"] == 200


def test_a_copy_of_a_document_reads_again_only_the_parts_it_changed():
    # Uncertainty samples of a 10,000-component design each validated it whole: 25 s.
    from estimator.engine.model import Parts, parse_design

    document = design(instances=2)
    document["components"].append({"key": "db", "kind": "database"})
    parts = Parts()
    original = parse_design(document, parts)
    changed = {**document, "components": [{**document["components"][0], "instances": 3},
                                          document["components"][1]]}

    copy = parse_design(changed, parts)

    assert copy == parse_design(changed)  # as if read afresh
    assert copy.components[0].instances == 3
    assert copy.components[1] is original.components[1]  # the shared part, not read again
    assert copy.workloads[0] is original.workloads[0]
