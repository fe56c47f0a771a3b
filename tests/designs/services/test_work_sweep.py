"""No stuck work (issue 11): time limits end work failed saying why; the sweep queues work
stuck past its deadline again, a bounded number of times, then ends it failed saying why."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.db import OperationalError
from django.utils import timezone

from designs import tasks
from designs.models import Estimate, Report
from designs.services import estimates, reports
from designs.services.designs import design_create
from designs.services.estimates import estimate_request, estimate_run
from designs.services.reports import report_run
from designs.services.work import work_sweep

pytestmark = pytest.mark.django_db

QUEUED, RUNNING = Estimate.Status.QUEUED, Estimate.Status.RUNNING
DONE, FAILED = Estimate.Status.DONE, Estimate.Status.FAILED


@pytest.fixture
def estimate(user, document) -> Estimate:
    """A design's estimate, computed in-process (no broker) when saved."""
    return design_create(owner=user, document=document).estimates.get()


@pytest.fixture
def report(estimate) -> Report:
    return Report.objects.create(design=estimate.design, design_version=1, format="pdf")


@pytest.fixture
def handed_out(monkeypatch) -> list:
    """What the sweep hands to the workers, as (kind, id), instead of running it."""
    handed: list = []
    monkeypatch.setattr(estimates, "estimate_enqueue", lambda pk: handed.append(("estimate", pk)))
    monkeypatch.setattr(reports, "report_enqueue", lambda pk: handed.append(("report", pk)))
    return handed


def _ago(seconds: float):
    return timezone.now() - timedelta(seconds=seconds)


def _stuck_queued(work, settings) -> None:
    type(work).objects.filter(pk=work.pk).update(
        status=QUEUED, queued_at=_ago(settings.WORK_QUEUED_TIMEOUT + 1)
    )


def _stuck_running(work, settings) -> None:
    type(work).objects.filter(pk=work.pk).update(
        status=RUNNING, started_at=_ago(settings.CELERY_TASK_TIME_LIMIT + 1)
    )


# ---- the sweep ------------------------------------------------------------------------------


def test_it_queues_again_an_estimate_queued_too_long_and_it_is_then_done(estimate, settings):
    _stuck_queued(estimate, settings)

    assert work_sweep() == {"estimate queued": 1}

    estimate.refresh_from_db()  # queued again, then (no broker) computed in-process
    assert (estimate.status, estimate.sweeps, estimate.attempts) == (DONE, 0, 2)
    assert estimate.queued_at > _ago(5)


def test_it_queues_again_an_estimate_running_past_the_time_limit(estimate, settings, handed_out):
    _stuck_running(estimate, settings)

    assert work_sweep() == {"estimate queued": 1}

    estimate.refresh_from_db()
    assert (estimate.status, estimate.sweeps) == (QUEUED, 1)
    assert handed_out == [("estimate", estimate.pk)]


def test_it_leaves_work_within_its_deadline_and_finished_work_alone(
    estimate, settings, handed_out
):
    design = estimate.design
    Report.objects.create(design=design, design_version=1, format="pdf", status=QUEUED)
    Report.objects.create(design=design, design_version=1, format="md", status=DONE)
    Estimate.objects.create(design=design, design_version=2, input={}, status=FAILED,
                            queued_at=_ago(10**6))
    Estimate.objects.create(design=design, design_version=3, input={}, status=RUNNING,
                            started_at=_ago(settings.CELERY_TASK_TIME_LIMIT - 5))
    Estimate.objects.create(design=design, design_version=4, input={}, status=QUEUED)
    Estimate.objects.filter(pk=estimate.pk).update(queued_at=_ago(10**6))  # done long ago

    assert work_sweep() == {}
    assert handed_out == []


def test_after_the_last_attempt_a_stuck_estimate_ends_failed_saying_why(
    estimate, settings, handed_out
):
    settings.WORK_MAX_ATTEMPTS = 3
    _stuck_running(estimate, settings)
    Estimate.objects.filter(pk=estimate.pk).update(sweeps=2)  # handed out 3 times already

    assert work_sweep() == {"estimate failed": 1}

    estimate.refresh_from_db()
    assert estimate.status == FAILED and handed_out == []
    assert estimate.error.startswith(f"stopped: still running at the "
                                     f"{settings.CELERY_TASK_TIME_LIMIT} s time limit")
    assert "after 3 attempts" in estimate.error and estimate.finished_at > _ago(5)


def test_a_never_started_estimate_is_queued_again_however_often_without_counting_attempts(
    estimate, settings, handed_out
):
    # A long queue, or a task lost with Redis's data: waiting is no failure.
    settings.WORK_MAX_ATTEMPTS = 1
    for _ in range(3):
        _stuck_queued(estimate, settings)
        assert work_sweep() == {"estimate queued": 1}

    estimate.refresh_from_db()
    assert (estimate.status, estimate.sweeps, estimate.error) == (QUEUED, 0, "")
    assert handed_out == [("estimate", estimate.pk)] * 3


def test_an_explicit_request_queues_a_swept_out_estimate_with_all_its_attempts(
    estimate, settings
):
    settings.WORK_MAX_ATTEMPTS = 1
    _stuck_running(estimate, settings)
    work_sweep()

    again = estimate_request(design=estimate.design, retry_failed=True)

    assert (again.status, again.sweeps, again.error) == (DONE, 0, "")


def test_it_queues_again_a_pdf_report_queued_too_long_or_running_past_the_time_limit(
    report, settings, handed_out
):
    other = Report.objects.create(design=report.design, design_version=1, format="html")
    _stuck_queued(report, settings)
    _stuck_running(other, settings)

    assert work_sweep() == {"report queued": 2}

    assert sorted(handed_out) == [("report", report.pk), ("report", other.pk)]
    assert {r.pk: r.sweeps for r in Report.objects.all()} == {report.pk: 0, other.pk: 1}


def test_after_the_last_attempt_a_stuck_report_ends_failed_saying_why(
    report, settings, handed_out
):
    settings.WORK_MAX_ATTEMPTS = 2
    _stuck_running(report, settings)
    Report.objects.filter(pk=report.pk).update(sweeps=1)

    assert work_sweep() == {"report failed": 1}

    report.refresh_from_db()
    assert report.status == FAILED and report.error.startswith("stopped: still running")


def test_the_beat_task_calls_the_sweep(estimate, settings, handed_out):
    _stuck_running(estimate, settings)

    tasks.sweep_work.apply()

    assert handed_out == [("estimate", estimate.pk)]


def test_beat_runs_the_sweep_every_interval(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-stuck-work"]
    assert entry["task"] == tasks.sweep_work.name
    assert entry["schedule"] == settings.WORK_SWEEP_INTERVAL


# ---- time limits and failures for good -----------------------------------------------------


def test_the_soft_time_limit_is_a_little_under_the_hard_one(settings):
    assert settings.CELERY_TASK_TIME_LIMIT - 5 <= settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT


def test_an_estimate_stopped_by_the_soft_time_limit_ends_failed_saying_so(
    estimate, settings, monkeypatch
):
    def too_slow(document):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(estimates, "engine_estimate", too_slow)
    Estimate.objects.filter(pk=estimate.pk).update(status=QUEUED, result=None)

    stopped = estimate_run(estimate_id=estimate.pk)

    limit = f"{settings.CELERY_TASK_SOFT_TIME_LIMIT:g}"
    assert stopped.status == FAILED
    assert stopped.error.startswith(f"stopped after {limit} s, the time limit: ")
    assert Estimate.objects.get(pk=estimate.pk).error == stopped.error


def test_a_pdf_report_stopped_by_the_soft_time_limit_ends_failed_saying_so(
    report, monkeypatch
):
    def too_slow(report):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(reports, "report_file", too_slow)

    stopped = report_run(report_id=report.pk)

    assert stopped.status == FAILED and stopped.error.startswith("stopped after ")
    assert "the PDF took too long" in stopped.error


def test_an_engine_error_ends_the_estimate_failed_instead_of_queued(estimate, monkeypatch):
    def broken(document):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(estimates, "engine_estimate", broken)
    Estimate.objects.filter(pk=estimate.pk).update(status=QUEUED, result=None)

    failed = estimate_run(estimate_id=estimate.pk)

    assert failed.status == FAILED
    assert failed.error == "the engine failed (ZeroDivisionError): please report it"


@pytest.mark.parametrize(
    ("task", "kind"), [(tasks.compute_estimate, "estimate"), (tasks.render_report, "report")]
)
@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OperationalError("server closed the connection"),  # its retries used up
         "the database did not answer, after several tries. Try again later."),
        (TimeLimitExceeded(60), "stopped after 60 s, the time limit: "),  # killed
        (KeyError("sizes"), "the work failed (KeyError): please report it."),
    ],
)
def test_a_task_that_failed_for_good_ends_its_work_failed_saying_why(
    task, kind, error, reason, estimate, report, settings
):
    """Failed, not left queued or running for ever."""
    settings.CELERY_TASK_TIME_LIMIT = 60
    work = estimate if kind == "estimate" else report
    type(work).objects.filter(pk=work.pk).update(status=RUNNING)

    task.on_failure(error, "id", (work.pk,), {}, None)

    work.refresh_from_db()
    assert work.status == FAILED and work.error.startswith(reason)


def test_a_task_failing_after_its_work_finished_leaves_it_alone(estimate):
    tasks.compute_estimate.on_failure(KeyError("x"), "id", (estimate.pk,), {}, None)

    estimate.refresh_from_db()
    assert estimate.status == DONE and estimate.error == ""
