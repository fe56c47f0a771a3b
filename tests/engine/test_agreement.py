"""estimator.engine.agreement: the analytic figures beside a simulation's, with hand-made
simulation documents set against the estimate of the minimal sample (one workload, "read",
through one component, "api": mean 10.02 ms, p50 and p95 10 ms, p99 10.71 ms, 2% used)."""

import copy

import pytest

from estimator.engine import estimate
from estimator.engine.agreement import Reason, _model_reasons, agreement, relative_difference
from tests.samples import sample_document


@pytest.fixture(scope="module")
def analytic() -> dict:
    return estimate(sample_document("minimal"))


def _simulation(**changes) -> dict:
    """A simulation document of the minimal sample that agrees with the estimate; `changes`
    replace workload figures (mean_ms=...), component figures (utilization=...) or settings
    (multiple=..., failed=...), or say it stopped early (stopped="wall time")."""
    workload = {"name": "read", "arrivals": 9000, "served": 9000, "lost": 0,
                "served_share": 1.0, "throughput_rps": 20.0, "mean_ms": 10.0, "p50_ms": 10.0,
                "p95_ms": 10.0, "p99_ms": 10.7, "timeouts": 0, "retries": 0}
    component = {"key": "api", "utilization": 0.02, "attempts": 9000, "timeouts": 0,
                 "retries": 0, "lost": 0, "mean_wait_ms": 0.02}
    settings = {"requests": 10000, "multiple": 1.0, "seed": 0, "failed": []}
    for name, value in changes.items():
        for part in (workload, component, settings):
            if name in part:
                part[name] = value
    return {"engine_version": 1, "settings": settings,
            "stopped": changes.get("stopped", "complete"),
            "requests_simulated": changes.get("requests_simulated", 10000),
            "warmup_requests": 1000, "simulated_seconds": 500.0, "wall_seconds": 0.4,
            "workloads": [workload], "components": [component],
            "totals": {"arrivals": 9000, "served": 9000, "lost": 0, "served_share": 1.0,
                       "timeouts": 0, "retries": 0}}


def test_a_simulation_within_every_tolerance_agrees(analytic):
    beside = agreement(analytic, _simulation())

    assert beside.comparable and beside.reasons == () and beside.disagreements == 0
    (read,) = beside.workloads
    assert read.name == "read"
    assert read.latency["mean"].analytic == pytest.approx(10.0204, abs=1e-3)
    assert read.latency["mean"].difference == pytest.approx(10.0 / 10.0204 - 1, abs=1e-4)
    assert read.served_share.difference == 0
    (api,) = beside.components
    assert api.utilization.analytic == pytest.approx(0.02)
    assert api.utilization.difference == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("figure", "inside", "outside"),
    [("mean", 10.0204 * 1.09, 10.0204 * 1.11),  # 10%
     ("p95", 10 * 0.86, 10 * 0.84),  # 15%
     ("p99", 10.7073 * 1.19, 10.7073 * 1.21)],  # 20%
)
def test_each_latency_figure_disagrees_only_past_its_tolerance(analytic, figure, inside, outside):
    assert not agreement(analytic, _simulation(**{f"{figure}_ms": inside})).disagreements

    beside = agreement(analytic, _simulation(**{f"{figure}_ms": outside}))

    assert beside.disagreements == 1 and beside.workloads[0].latency[figure].disagrees


def test_the_median_is_shown_but_never_flagged(analytic):
    beside = agreement(analytic, _simulation(p50_ms=30.0))

    assert beside.workloads[0].latency["p50"].difference == pytest.approx(2.0)
    assert beside.workloads[0].latency["p50"].tolerance is None
    assert beside.disagreements == 0


def test_utilisation_disagrees_past_five_points(analytic):
    assert not agreement(analytic, _simulation(utilization=0.069)).disagreements

    beside = agreement(analytic, _simulation(utilization=0.071))

    assert beside.components[0].utilization.disagrees
    assert beside.components[0].utilization.difference == pytest.approx(0.051)


def test_a_component_without_a_capacity_is_left_out(analytic):
    assert agreement(analytic, _simulation(utilization=None)).components == ()


def test_nothing_served_leaves_the_differences_empty(analytic):
    beside = agreement(analytic, _simulation(mean_ms=None, p50_ms=None, p95_ms=None,
                                             p99_ms=None, served_share=None))

    figures = beside.workloads[0].latency
    assert all(f.simulated is None and f.difference is None for f in figures.values())
    assert beside.disagreements == 0


def test_another_multiple_or_components_down_are_not_compared_figure_by_figure(analytic):
    doubled = agreement(analytic, _simulation(multiple=2.0, mean_ms=40.0))
    down = agreement(analytic, _simulation(failed=["api"], utilization=0.0))

    assert not doubled.comparable and doubled.disagreements == 0
    assert doubled.reasons == (Reason("multiple", multiple=2.0),)
    assert doubled.workloads[0].latency["mean"].difference == pytest.approx(40 / 10.0204 - 1,
                                                                             abs=1e-3)
    assert down.reasons == (Reason("failed", components=("api",)),)


def test_a_simulation_stopped_early_says_so(analytic):
    beside = agreement(analytic, _simulation(stopped="wall time", requests_simulated=4200))

    assert beside.reasons == (Reason("stopped", simulated=4200, requested=10000),)
    assert beside.comparable  # still compared: the reason says what to make of it


def test_a_design_past_capacity_says_its_queues_are_saturated(analytic):
    saturated = copy.deepcopy(analytic)
    for row in saturated["latency"]["components"]:
        row.update(utilization=1.3, mean_latency_ms=None, p95_ms=None, p99_ms=None)
    for row in saturated["latency"]["workloads"]:
        row.update(mean_ms=None, p50_ms=None, p95_ms=None, p99_ms=None)

    beside = agreement(saturated, _simulation(mean_ms=900.0, utilization=1.0))

    assert Reason("saturated", components=("api",)) in beside.reasons
    assert beside.workloads[0].latency["mean"].analytic is None
    assert beside.workloads[0].latency["mean"].difference is None
    assert beside.components[0].utilization.difference == pytest.approx(-0.3)


def test_the_answer_is_plain_json(analytic):
    as_dict = agreement(analytic, _simulation()).as_dict()

    assert as_dict["workloads"][0]["latency"]["p99"]["tolerance"] == 0.2
    assert as_dict["components"][0]["key"] == "api"


@pytest.mark.parametrize(("computed", "measured", "expected"),
                         [(10, 11, 0.1), (10, 9, -0.1), (0, 1, None), (None, 1, None),
                          (1, None, None)])
def test_relative_difference_is_against_the_analytic_figure(computed, measured, expected):
    found = relative_difference(computed, measured)

    assert found is None if expected is None else found == pytest.approx(expected)


def test_with_the_design_it_says_where_the_two_models_part(analytic):
    document = sample_document("minimal")
    document["workloads"][0]["route"] = [{"key": "api", "fan_out": 3, "timeout_ms": 50,
                                          "retries": 1}]

    beside = agreement(analytic, _simulation(), document)

    assert Reason("fan_out", workloads=("read",)) in beside.reasons
    assert Reason("retries", workloads=("read",)) in beside.reasons
    assert agreement(analytic, _simulation(), sample_document("minimal")).reasons == ()



def test_only_a_fan_out_above_one_the_user_waits_for_is_a_reason_to_differ():
    # A share of requests calling once agrees with the simulation (both stop the rest
    # before the step); a fan-out of 2 the user waits for does not (its calls queue together).
    document = sample_document("minimal")
    document["components"].append({"key": "db", "kind": "database"})
    document["workloads"][0]["route"] = ["api", {"key": "db", "fan_out": 0.3}]
    assert not [r for r in _model_reasons(document) if r.kind == "fan_out"]
    document["workloads"][0]["route"] = ["api", {"key": "db", "fan_out": 2}]
    assert [r.workloads for r in _model_reasons(document) if r.kind == "fan_out"] == [("read",)]
