"""Reports (the Report model: a design version exported as Markdown, HTML, PDF or JSON).

Markdown, HTML and JSON are built during the request; a PDF is queued for a worker.
The formats themselves live in designs.reports.
"""

import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from designs import reports as report_formats
from designs.models import Design, Report
from designs.selectors.estimates import design_version_documents
from designs.selectors.simulations import design_version_latest_done_simulation
from designs.services.deadlines import claimable, stopped_reason, stuck
from designs.services.queueing import hand_to_worker
from estimator.engine import DesignError

logger = logging.getLogger(__name__)

TASK = "designs.tasks.render_report"


@transaction.atomic
def report_request(*, design: Design, fmt: str) -> Report:
    """The report of the design's current version in `fmt` (md, html, pdf, json): the one
    kept from an earlier request, or a new one.

    Markdown, HTML and JSON take milliseconds: they are built now and kept. A PDF is queued
    for a worker (built now without one) and the caller polls it; a failed or stuck one is
    queued again. Reports of older versions are dropped: only the current version's are kept.
    Raises DesignError when a report built now cannot be (the design cannot be estimated).
    """
    Report.objects.filter(design=design, design_version__lt=design.version).delete()
    report, created = Report.objects.get_or_create(
        design=design, design_version=design.version, format=fmt
    )
    if fmt != Report.Format.PDF:
        if report.status != Report.Status.DONE:
            _build_now(report)
        return report
    now = timezone.now()
    again = Q(status=Report.Status.FAILED) | stuck(now)
    if created or Report.objects.filter(again, pk=report.pk).update(
        status=Report.Status.QUEUED, error="", queued_at=now, sweeps=0
    ):
        report_enqueue(report.pk)
        report.refresh_from_db()  # built already when in-process
    return report


def _build_now(report: Report) -> None:
    """Build a quick format (Markdown, HTML, JSON) during the request and keep it."""
    content = report_file(report)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE, content=content, error="", finished_at=timezone.now()
    )
    report.refresh_from_db()


def report_file(report: Report) -> bytes:
    """The report's file, rendered from its version's design and estimate documents, and
    its newest finished simulation's (a simulation done later drops the kept reports)."""
    document, estimate = design_version_documents(report.design, report.design_version)
    simulated = design_version_latest_done_simulation(report.design, report.design_version)
    return report_formats.render(report.format, document=document, estimate=estimate,
                                 version=report.design_version, slug=report.design.slug,
                                 simulation=simulated.result if simulated else None)


def report_enqueue(report_id: int) -> None:
    """Hand the report to a worker (build it in-process without a broker)."""
    hand_to_worker(TASK, lambda pk: report_run(report_id=pk), report_id)


def report_run(*, report_id: int) -> Report | None:
    """Build one queued report (the PDF task) and keep its file, or why it failed.

    Claimed with a conditional update as estimate_run claims estimates: never built by two
    workers at once; one left running past the task time limit may be claimed again.
    """
    now = timezone.now()
    claimed = Report.objects.filter(claimable(now), pk=report_id).update(
        status=Report.Status.RUNNING, started_at=now
    )
    if not claimed:
        return None  # done, failed, deleted, or being built elsewhere
    report = Report.objects.select_related("design").defer("content").get(pk=report_id)
    try:
        outcome = {"status": Report.Status.DONE, "content": report_file(report), "error": ""}
    except DesignError as error:
        outcome = {"status": Report.Status.FAILED, "error": "\n".join(map(str, error.errors))}
    except SoftTimeLimitExceeded:  # a few seconds before the kill: say why, then stop
        outcome = {"status": Report.Status.FAILED, "error": stopped_reason("report")}
    except DatabaseError:
        # Hand it back so that the task's retry can claim it again.
        Report.objects.filter(pk=report_id).update(status=Report.Status.QUEUED)
        raise
    except Exception as error:  # a rendering failure: the user sees why, the log the trace
        logger.exception("report %s could not be built", report_id)
        outcome = {"status": Report.Status.FAILED, "error": f"the report failed to render: {error}"}
    Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
        **outcome, finished_at=timezone.now()
    )
    report.refresh_from_db()
    return report
