"""estimator.present.simulation: a simulation's settings, totals and the analytic figures
beside it as text."""

import pytest

from estimator.engine import estimate
from estimator.engine.agreement import Reason, agreement
from estimator.present.simulation import (
    beside_tables,
    progress_text,
    reason_text,
    requested_text,
    simulation_summary,
)
from tests.engine.test_agreement import _simulation
from tests.samples import sample_document


@pytest.fixture(scope="module")
def analytic() -> dict:
    return estimate(sample_document("minimal"))


def test_the_tables_put_each_figure_beside_its_analytic_one(analytic):
    tables = beside_tables(agreement(analytic, _simulation(p95_ms=12.0)))

    (read,) = tables["workloads"]
    rows = {row["figure"]: row for row in read["rows"]}
    assert list(rows) == ["Mean", "p50", "p95", "p99", "Served"]
    assert rows["p95"] == {"figure": "p95", "analytic": "10.0 ms", "simulated": "12.0 ms",
                           "difference": "+20.0%", "tolerance": "±15%", "disagrees": True}
    assert rows["p50"]["tolerance"] == "" and not rows["p50"]["disagrees"]
    assert rows["Served"]["analytic"] == "100.0%" and rows["Served"]["difference"] == "0.0 pts"
    assert read["throughput"] == "20.0/s" and read["lost"] == "0"
    (api,) = tables["components"]
    assert api["analytic"] == "2.0%" and api["tolerance"] == "±5 pts"
    assert tables["disagreements"] == 1
    assert tables["verdict"] == "1 figure disagrees past its tolerance: marked below."


def test_agreement_within_tolerance_says_so(analytic):
    tables = beside_tables(agreement(analytic, _simulation()))

    assert tables["verdict"].startswith("The simulation agrees")
    assert tables["reasons"] == []


def test_nothing_simulated_is_a_dash_not_saturated(analytic):
    tables = beside_tables(agreement(analytic, _simulation(mean_ms=None)))

    mean = tables["workloads"][0]["rows"][0]
    assert mean["simulated"] == "—" and mean["difference"] == "—"


def test_a_component_no_request_reached_has_no_wait_not_saturated(analytic):
    tables = beside_tables(agreement(analytic, _simulation(attempts=0, mean_wait_ms=None)))

    assert tables["components"][0]["wait"] == "none reached it"


@pytest.mark.parametrize(
    ("reason", "words"),
    [(Reason("saturated", components=("api", "db")), "past capacity at peak (api, db)"),
     (Reason("stopped", simulated=4200, requested=10000), "after 4,200 of 10,000 requests"),
     (Reason("multiple", multiple=2.5), "at 2.5x the peak traffic"),
     (Reason("failed", components=("db",)), "with db down"),
     (Reason("fan_out", workloads=("feed",)), "A fan-out on the route of feed"),
     (Reason("retries", workloads=("feed",)), "Retries after a timeout on the route of feed")],
)
def test_each_reason_is_worded(reason, words):
    assert words in reason_text(reason)


def test_the_summary_says_what_was_simulated_and_how_it_ended(analytic):
    summary = simulation_summary(_simulation(stopped="wall time", requests_simulated=4200,
                                             multiple=2.0, failed=["api"]))

    assert summary["asked"] == "10,000 requests at 2x the peak traffic, seed 0, with api down"
    assert summary["ended_early"] == "Stopped at its time bound after 4,200 of 10,000 requests."
    assert summary["served"] == "100.00%" and summary["lost"] == "0"


@pytest.mark.parametrize(("p95", "difference"),
                         [(10.0, "0.0%"), (9.9999, "0.0%"), (10.49, "+4.9%"), (9.5, "-5.0%")])
def test_a_difference_has_its_sign_but_none_when_it_rounds_to_zero(analytic, p95, difference):
    tables = beside_tables(agreement(analytic, _simulation(p95_ms=p95)))

    assert tables["workloads"][0]["rows"][2]["difference"] == difference


def test_requested_and_progress_texts():
    assert requested_text(requests=100000, multiple=1.0, seed=0) == (
        "100,000 requests at 1x the peak traffic, seed 0")
    assert [progress_text(p) for p in (0, 0.426, 1, 1.2)] == ["0%", "43%", "100%", "100%"]
