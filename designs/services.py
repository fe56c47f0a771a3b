"""Every write to designs goes through here: validated, atomic, versioned."""

import copy
import json
import logging
import time
from datetime import timedelta
from pathlib import Path

import kombu.exceptions
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from rest_framework.authtoken.models import Token

from designs.models import Design, Estimate, PracticeAttempt, Report
from estimator.engine import DesignError, parse_json, practice, validate
from estimator.engine import estimate as engine_estimate

logger = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
# The handbook's order (chapter V); examples not listed here load after these.
EXAMPLE_ORDER = ("url-shortener", "whatsapp", "twitter", "netflix", "uber")
SLUG_MAX_LENGTH = 80
RESERVED_SLUGS = {"new"}


class VersionConflict(Exception):
    """The design was saved by someone else since the caller read it."""

    def __init__(self, *, expected: int, current: int):
        self.expected = expected
        self.current = current
        super().__init__(f"design is at version {current}, not {expected}: reload and retry")


class SlugTaken(Exception):
    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(f"slug {slug!r} is already taken")


def _validated(document: dict) -> dict:
    errors = validate(document)
    if errors:
        raise DesignError(errors)
    return document


def _example_slugs() -> set[str]:
    return {path.stem for path in EXAMPLES_DIR.glob("*.json")}


def _unique_slug(name: str) -> str:
    """The name's slug, with -2, -3, ... when taken; never an example's slug, nor a word
    that a page's URL uses in its place (/designs/new/ is the editor)."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 10].strip("-") or "design"
    reserved = set(EXAMPLE_ORDER) | _example_slugs() | RESERVED_SLUGS
    candidate, number = base, 1
    while candidate in reserved or Design.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def design_create(
    *,
    owner: AbstractBaseUser | None,
    document: dict,
    is_public: bool = False,
    is_example: bool = False,
    slug: str | None = None,
) -> Design:
    _validated(document)
    if slug is None:
        slug = _unique_slug(document["name"])
    elif Design.objects.filter(slug=slug).exists():
        raise SlugTaken(slug)
    design = Design.objects.create(
        owner=owner,
        name=document["name"],
        slug=slug,
        description=document.get("description", ""),
        is_public=is_public,
        is_example=is_example,
        document=document,
    )
    estimate_request(design=design)
    return design


@transaction.atomic
def design_update(
    *,
    design: Design,
    document: dict,
    expected_version: int | None = None,
    is_public: bool | None = None,
) -> Design:
    """Replace the design's document (and its public flag); its version goes up by one,
    and the new version's estimate is queued.

    With `expected_version`, a design saved since the caller read it raises
    VersionConflict and nothing changes (optimistic locking for editors).
    """
    _validated(document)
    current = Design.objects.select_for_update().values_list("version", flat=True).get(pk=design.pk)
    if expected_version is not None and expected_version != current:
        raise VersionConflict(expected=expected_version, current=current)
    # Conditional on the version read: two writers can never both produce version n+1.
    changes = {} if is_public is None else {"is_public": is_public}
    updated = Design.objects.filter(pk=design.pk, version=current).update(
        **changes,
        name=document["name"],
        description=document.get("description", ""),
        document=document,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        latest = Design.objects.values_list("version", flat=True).get(pk=design.pk)
        raise VersionConflict(expected=current, current=latest)
    design.refresh_from_db()
    estimate_request(design=design)
    return design


@transaction.atomic
def design_fork(*, design: Design, owner: AbstractBaseUser) -> Design:
    """A private copy of the design owned by `owner`: how a user starts from an example."""
    return design_create(owner=owner, document=copy.deepcopy(design.document))


@transaction.atomic
def design_delete(*, design: Design) -> None:
    design.delete()


def estimate_request(*, design: Design, retry_failed: bool = False) -> Estimate:
    """The estimate of the design's current version: the existing one, or a new one queued.

    Asking twice never computes the same version twice. Only with `retry_failed` (an
    explicit request, not a page view) is a failed estimate queued again, and so is one
    still queued past the broker's visibility timeout: its task was lost (a Redis that
    restarted without its data). Queued twice is harmless: one worker claims it.
    """
    with transaction.atomic():
        estimate, created = Estimate.objects.get_or_create(
            design=design, design_version=design.version, defaults={"input": design.document}
        )
        if not created and not (retry_failed and _to_queue_again(estimate)):
            return estimate
        if not created:
            Estimate.objects.filter(pk=estimate.pk).update(
                status=Estimate.Status.QUEUED, error="", queued_at=timezone.now()
            )
        _enqueue(estimate.pk)
    # Computed already when in-process: without a broker, or (once the outermost
    # transaction has committed) when the broker was unreachable. Only what the work
    # changes is read again: not the input, nor the design.
    estimate.refresh_from_db(fields=_WORK_FIELDS)
    return estimate


_WORK_FIELDS = ["status", "result", "error", "attempts", "started_at", "finished_at", "engine_ms"]


def _to_queue_again(estimate: Estimate) -> bool:
    """Failed, or queued so long ago that Redis would have redelivered a task it still held."""
    if estimate.status == Estimate.Status.FAILED:
        return True
    lost_after = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    return estimate.status == Estimate.Status.QUEUED and (
        estimate.queued_at < timezone.now() - timedelta(seconds=lost_after)
    )


def _hand_to_worker(task_name: str, run, object_id: int) -> None:
    """Queue tasks.<task_name>(object_id) once the transaction commits; without a broker,
    or when it is unreachable, call run(object_id) in-process instead."""
    from designs import tasks  # tasks import this module

    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker: do it now, inside the caller's transaction, so it commits with it.
        run(object_id)
        return

    def publish() -> None:
        try:
            getattr(tasks, task_name).delay(object_id)
        except kombu.exceptions.OperationalError:
            logger.warning("broker unreachable: %s(%s) runs in-process", task_name, object_id)
            run(object_id)

    transaction.on_commit(publish)


def _enqueue(estimate_id: int) -> None:
    _hand_to_worker("estimate_design", lambda pk: estimate_run(estimate_id=pk), estimate_id)


def estimate_run(*, estimate_id: int) -> Estimate | None:
    """Compute one queued estimate with the engine and store the result.

    Idempotent: the estimate is claimed with a conditional update, so a version is never
    computed by two workers at once. A running estimate whose claim is older than the task
    time limit was left by a worker that died, and may be claimed again.
    """
    now = timezone.now()
    abandoned = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimable = Q(status=Estimate.Status.QUEUED) | Q(
        status=Estimate.Status.RUNNING, started_at__lt=abandoned
    )
    claimed = Estimate.objects.filter(claimable, pk=estimate_id).update(
        status=Estimate.Status.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None  # done, failed, deleted, or being computed elsewhere
    estimate = Estimate.objects.get(pk=estimate_id)
    if settings.ESTIMATE_DELAY_SECONDS:
        time.sleep(settings.ESTIMATE_DELAY_SECONDS)
    try:
        outcome = _computed(estimate.input)
    except Exception:
        # Hand it back so that the task's retry can claim it again.
        Estimate.objects.filter(pk=estimate_id).update(status=Estimate.Status.QUEUED)
        raise
    outcome["finished_at"] = timezone.now()
    stored = Estimate.objects.filter(pk=estimate_id, status=Estimate.Status.RUNNING).update(
        **outcome
    )
    if not stored:  # deleted, or taken over by another worker meanwhile: theirs stands
        return None
    for field, value in outcome.items():  # as stored, without reading it back
        setattr(estimate, field, value)
    return estimate


def _computed(document: dict) -> dict:
    """The fields of a finished estimate: done with its result, or failed with a reason."""
    started = time.perf_counter()
    try:
        result = engine_estimate(document)
    except DesignError as error:
        # One line per field, as the engine words them.
        return {"status": Estimate.Status.FAILED, "error": "\n".join(map(str, error.errors))}
    engine_ms = (time.perf_counter() - started) * 1000
    try:
        json.dumps(result, allow_nan=False)
    except ValueError:  # an engine bug: report it on the estimate, never store NaN
        logger.error("estimate produced a non-finite number", exc_info=True)
        return {"status": Estimate.Status.FAILED,
                "error": "the engine produced a number that is not finite: please report it"}
    return {"status": Estimate.Status.DONE, "result": result, "engine_ms": engine_ms, "error": ""}



# ---- reports (designs/reports/, designs/api/reports.py, designs/report_views.py) -------------


@transaction.atomic
def report_request(*, design: Design, fmt: str) -> Report:
    """The report of the design's current version in `fmt` (md, html, pdf, json): the one
    kept from an earlier request, or a new one.

    Markdown, HTML and JSON take milliseconds: they are built now and kept. A PDF is queued
    for a worker (built now without one) and the caller polls it; a failed one is queued
    again. Reports of older versions are dropped: only the current version's are kept.
    Raises DesignError when a report built now cannot be (the design cannot be estimated).
    """
    Report.objects.filter(design=design, design_version__lt=design.version).delete()
    report, created = Report.objects.get_or_create(
        design=design, design_version=design.version, format=fmt
    )
    if fmt != Report.Format.PDF:
        if report.status != Report.Status.DONE:
            content = _report_content(report)
            Report.objects.filter(pk=report.pk).update(
                status=Report.Status.DONE, content=content, error="", finished_at=timezone.now()
            )
            report.refresh_from_db()
        return report
    if created or report.status == Report.Status.FAILED:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, error="")
        _enqueue_report(report.pk)
        report.refresh_from_db()  # built already when in-process
    return report


def _report_content(report: Report) -> bytes:
    from designs import reports, selectors  # selectors import the charts; only this needs them

    document, estimate = selectors.design_version_documents(report.design, report.design_version)
    return reports.render(report.format, document=document, estimate=estimate,
                          version=report.design_version, slug=report.design.slug)


def _enqueue_report(report_id: int) -> None:
    _hand_to_worker("build_report", lambda pk: report_run(report_id=pk), report_id)


def report_run(*, report_id: int) -> Report | None:
    """Build one queued report (the PDF task) and keep its file, or why it failed.

    Claimed with a conditional update as estimate_run claims estimates: never built by two
    workers at once; one left running past the task time limit may be claimed again.
    """
    now = timezone.now()
    abandoned = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimable = Q(status=Report.Status.QUEUED) | Q(
        status=Report.Status.RUNNING, started_at__lt=abandoned
    )
    claimed = Report.objects.filter(claimable, pk=report_id).update(
        status=Report.Status.RUNNING, started_at=now
    )
    if not claimed:
        return None  # done, failed, deleted, or being built elsewhere
    report = Report.objects.select_related("design").defer("content").get(pk=report_id)
    try:
        outcome = {"status": Report.Status.DONE, "content": _report_content(report), "error": ""}
    except DesignError as error:
        outcome = {"status": Report.Status.FAILED, "error": "\n".join(map(str, error.errors))}
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

def _example_paths() -> list[Path]:
    def order(path: Path) -> tuple[int, str]:
        known = path.stem in EXAMPLE_ORDER
        return (EXAMPLE_ORDER.index(path.stem) if known else len(EXAMPLE_ORDER), path.stem)

    return sorted(EXAMPLES_DIR.glob("*.json"), key=order)


@transaction.atomic
def examples_load() -> list[Design]:
    """Load designs/examples/*.json as public examples owned by nobody.

    Idempotent: an example already loaded is updated only when its document
    changed. All or nothing: one invalid example loads none.
    """
    loaded = []
    for path in _example_paths():
        document = parse_json(path.read_text(encoding="utf-8"))
        design = Design.objects.filter(slug=path.stem, is_example=True).first()
        if design is None:
            design = design_create(
                owner=None, document=document, is_public=True, is_example=True, slug=path.stem
            )
        elif design.document != document:
            design = design_update(design=design, document=document)
        loaded.append(design)
    return loaded


# ---- sharing and API tokens (the pages of designs/account_views.py) --------------------------


@transaction.atomic
def design_set_public(*, design: Design, is_public: bool) -> Design:
    """Publish the design (a read-only link for anyone) or make it private again.

    A save like any other: the version goes up by one (docs/api.md).
    """
    return design_update(design=design, document=design.document, is_public=is_public)


@transaction.atomic
def token_create(*, user: AbstractBaseUser) -> Token:
    """A new API token for the user; the old one, if any, stops working (one per user)."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user: AbstractBaseUser) -> bool:
    """Delete the user's API token; False when there was none."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


# ---- practice mode (designs/practice_views.py) -----------------------------------------------


@transaction.atomic
def practice_attempt_record(
    *, user: AbstractBaseUser, design: Design, guesses: dict[str, float]
) -> PracticeAttempt:
    """Score the user's estimates against the design's current estimate and keep the attempt.
    Raises ValueError for an unknown figure, DesignError when the design cannot be estimated."""
    from designs import selectors  # selectors import the charts; only this needs them

    estimate = selectors.design_estimate_document(design)
    return PracticeAttempt.objects.create(
        user=user,
        design=design,
        design_version=design.version,
        guesses=guesses,
        scores=practice.grade(guesses, estimate),
    )
