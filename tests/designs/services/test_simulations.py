"""designs.services.simulations: a simulation asked for (settings checked, queued), run by
a worker (progress written as it goes, the document stored), and stuck ones swept."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from designs import tasks
from designs.models import Report, Simulation
from designs.services import simulations
from designs.services.designs import design_create, design_update
from designs.services.simulations import (
    ProgressWriter,
    simulation_request,
    simulation_run,
    simulation_settings,
)
from designs.services.work import work_sweep
from estimator.engine import DesignError
from estimator.engine.simulate import SimulationError

pytestmark = pytest.mark.django_db

QUICK = {"requests": 2000, "seed": 1}


@pytest.fixture
def design(user, document):
    return design_create(owner=user, document=document)


@pytest.fixture
def queued(design, settings) -> Simulation:
    """A simulation queued for a worker that has not come yet."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return simulation_request(design=design, **QUICK)


def test_without_a_broker_it_runs_in_process_and_stores_the_document(design, document):
    simulation = simulation_request(design=design, **QUICK)

    assert simulation.status == Simulation.Status.DONE and simulation.progress == 1
    assert simulation.design_version == design.version and simulation.input == document
    assert simulation.settings == {"requests": 2000, "multiple": 1.0, "seed": 1, "failed": []}
    assert simulation.result["settings"]["requests"] == 2000
    assert simulation.result["stopped"] == "complete"
    assert simulation.attempts == 1 and simulation.finished_at >= simulation.started_at


def test_the_same_seed_simulates_the_same(design):
    first = simulation_request(design=design, **QUICK).result
    second = simulation_request(design=design, **QUICK).result

    assert first["workloads"] == second["workloads"]
    assert design.simulations.count() == 2  # every request is a simulation of its own


def test_it_is_of_the_current_version(design, document):
    document["name"] = "Renamed"
    design = design_update(design=design, document=document)

    assert simulation_request(design=design, **QUICK).design_version == 2


def test_a_worker_runs_a_queued_simulation_once(queued):
    assert queued.status == Simulation.Status.QUEUED and queued.result is None

    done = simulation_run(simulation_id=queued.pk)

    assert done.status == Simulation.Status.DONE and done.result["workloads"]
    assert simulation_run(simulation_id=queued.pk) is None  # done: not run again
    assert Simulation.objects.get(pk=queued.pk).attempts == 1


@pytest.mark.parametrize(
    ("asked", "field"),
    [({"requests": 0}, "requests"), ({"requests": 1_000_001}, "requests"),
     ({"requests": 2.5}, "requests"), ({"requests": True}, "requests"),
     ({"multiple": 0}, "multiple"), ({"multiple": float("nan")}, "multiple"),
     ({"multiple": 101}, "multiple"), ({"multiple": "2"}, "multiple"),
     ({"seed": -1}, "seed"), ({"seed": 2**63}, "seed"),
     ({"failed": "db"}, "failed"), ({"failed": ["nowhere"]}, "failed"),
     ({"failed": ["db", "db"]}, "failed"), ({"failed": [3]}, "failed")],
)
def test_a_bad_setting_is_refused_naming_it_and_nothing_is_queued(design, asked, field):
    with pytest.raises(SimulationError) as refused:
        simulation_request(design=design, **asked)

    assert refused.value.field == field
    assert not Simulation.objects.exists()


def test_a_whole_float_is_a_whole_number(document):
    assert simulation_settings(document, requests=2000.0, seed=3.0)["requests"] == 2000


def test_the_settings_default_to_the_engines(document):
    assert simulation_settings(document) == {
        "requests": 100_000, "multiple": 1.0, "seed": 0, "failed": []}


def test_a_document_the_engine_refuses_is_refused_with_its_fields(user, document):
    design = design_create(owner=user, document=document)
    broken = dict(document, components=[{**document["components"][0], "instances": -1},
                                        *document["components"][1:]])
    type(design).objects.filter(pk=design.pk).update(document=broken)
    design.refresh_from_db()

    with pytest.raises(DesignError) as refused:
        simulation_request(design=design, **QUICK)

    assert refused.value.errors[0].path == "components[0].instances"


def test_progress_is_written_at_most_every_interval_and_only_that_field(queued):
    Simulation.objects.filter(pk=queued.pk).update(status=Simulation.Status.RUNNING)
    writer = ProgressWriter(queued.pk, interval=60)

    with CaptureQueriesContext(connection) as queries:
        writer(0.25)
        writer(0.5)  # within the interval: not written

    assert Simulation.objects.get(pk=queued.pk).progress == 0.25
    (update,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assigned = update.split(" SET ")[1].split(" WHERE ")[0]
    assert assigned.count("=") == 1 and "progress" in assigned


def test_progress_of_a_simulation_no_longer_running_is_not_written(queued):
    ProgressWriter(queued.pk, interval=0)(0.7)

    assert Simulation.objects.get(pk=queued.pk).progress == 0


def test_the_engine_reports_progress_as_it_runs(queued, monkeypatch):
    seen = []
    monkeypatch.setattr(simulations, "PROGRESS_INTERVAL", 0)
    original = ProgressWriter.__call__

    def watched(self, fraction):
        original(self, fraction)
        seen.append(Simulation.objects.get(pk=self.simulation_id).progress)

    monkeypatch.setattr(ProgressWriter, "__call__", watched)

    simulation_run(simulation_id=queued.pk)

    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_a_setting_the_engine_refuses_at_run_time_fails_the_simulation(queued):
    Simulation.objects.filter(pk=queued.pk).update(settings={**queued.settings,
                                                             "failed": ["nowhere"]})

    failed = simulation_run(simulation_id=queued.pk)

    assert failed.status == Simulation.Status.FAILED and failed.result is None
    assert failed.error.startswith("failed: ")


def test_a_simulator_bug_fails_the_simulation_saying_so(queued, monkeypatch):
    def broken(document, **settings):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(simulations, "simulate", broken)

    failed = simulation_run(simulation_id=queued.pk)

    assert failed.error == "the simulator failed (ZeroDivisionError): please report it"


def test_the_soft_time_limit_ends_it_failed_saying_so(queued, monkeypatch, settings):
    def too_slow(document, **settings):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(simulations, "simulate", too_slow)

    stopped = simulation_run(simulation_id=queued.pk)

    limit = f"{settings.CELERY_TASK_SOFT_TIME_LIMIT:g}"
    assert stopped.status == Simulation.Status.FAILED
    assert stopped.error.startswith(f"stopped after {limit} s, the time limit: the simulation")


def test_the_simulation_stops_well_inside_the_soft_time_limit(settings):
    from estimator.engine.simulate import DEFAULT_WALL_SECONDS

    assert settings.SIMULATION_WALL_SECONDS == DEFAULT_WALL_SECONDS  # 25 s, with the defaults
    assert settings.SIMULATION_WALL_SECONDS + 5 <= settings.CELERY_TASK_SOFT_TIME_LIMIT


def test_a_finished_simulation_drops_the_kept_reports_of_its_version(queued):
    kept = Report.objects.create(design=queued.design, design_version=queued.design_version,
                                 format="md", status=Report.Status.DONE, content=b"# old")
    building = Report.objects.create(design=queued.design,
                                     design_version=queued.design_version, format="pdf")

    simulation_run(simulation_id=queued.pk)

    assert not Report.objects.filter(pk=kept.pk).exists()
    assert Report.objects.filter(pk=building.pk).exists()


# ---- the task and the sweep -----------------------------------------------------------------


def test_the_task_runs_the_simulation(queued):
    tasks.run_simulation.apply(args=[queued.pk])

    assert Simulation.objects.get(pk=queued.pk).status == Simulation.Status.DONE


@pytest.mark.parametrize(
    ("error", "reason"),
    [(TimeLimitExceeded(60), "stopped after 60 s, the time limit: the simulation"),
     (KeyError("x"), "the work failed (KeyError): please report it.")],
)
def test_a_task_failed_for_good_ends_its_simulation_failed(queued, settings, error, reason):
    settings.CELERY_TASK_TIME_LIMIT = 60
    Simulation.objects.filter(pk=queued.pk).update(status=Simulation.Status.RUNNING)

    tasks.run_simulation.on_failure(error, "id", (queued.pk,), {}, None)

    failed = Simulation.objects.get(pk=queued.pk)
    assert failed.status == Simulation.Status.FAILED and failed.error.startswith(reason)


def test_the_sweep_queues_again_a_simulation_stuck_queued_or_running(queued, settings,
                                                                    monkeypatch):
    handed = []
    monkeypatch.setattr(simulations, "simulation_enqueue", handed.append)
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    Simulation.objects.filter(pk=queued.pk).update(status="running", started_at=long_ago)

    assert work_sweep() == {"simulation queued": 1}
    assert handed == [queued.pk]
    again = Simulation.objects.get(pk=queued.pk)
    assert again.status == Simulation.Status.QUEUED and again.sweeps == 1

    Simulation.objects.filter(pk=queued.pk).update(
        queued_at=timezone.now() - timedelta(seconds=settings.WORK_QUEUED_TIMEOUT + 1))
    assert work_sweep() == {"simulation queued": 1}
    assert handed == [queued.pk, queued.pk]
