"""Every write to designs goes through here: validated, atomic, versioned."""

import copy
import json
import logging
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import kombu.exceptions
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from designs.models import Design, Estimate, PracticeAttempt, Report
from estimator.engine import DesignError, parse_design, parse_json, practice
from estimator.engine import estimate as engine_estimate
from estimator.engine.model import Design as EngineDesign
from estimator.engine.model import size_error

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


class VersionUnknown(Exception):
    """The design has no stored document of that version: it never existed."""

    def __init__(self, *, version: int, current: int):
        self.version = version
        self.current = current
        super().__init__(f"the design has no version {version} (its versions: 1 to {current})")


class SlugTaken(Exception):
    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(f"slug {slug!r} is already taken")


def _validated(document: dict) -> EngineDesign:
    """The engine's reading of a valid document, from which the row takes its name and
    description (text, never null); DesignError naming every field otherwise. One pass:
    the size limit first, then every field, as estimator.engine.validate checks."""
    too_large = size_error(document)
    if too_large is not None:
        raise DesignError([too_large])
    return parse_design(document)


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
    valid = _validated(document)
    if slug is None:
        slug = _unique_slug(valid.name)
    elif Design.objects.filter(slug=slug).exists():
        raise SlugTaken(slug)
    design = Design.objects.create(
        owner=owner,
        name=valid.name,
        slug=slug,
        description=valid.description,
        is_public=is_public,
        is_example=is_example,
        document=document,
    )
    design.saved_estimate = estimate_request(design=design)
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

    The design returned is the version this call wrote, as it wrote it, with that version's
    estimate (`saved_estimate`): never read again, since another save may commit between
    this one's commit and the caller's answer.
    """
    valid = _validated(document)
    locked = Design.objects.select_for_update().values("version", "is_public").get(pk=design.pk)
    current = locked["version"]
    if expected_version is not None and expected_version != current:
        raise VersionConflict(expected=expected_version, current=current)
    written = {
        "name": valid.name,
        "description": valid.description,
        "document": document,
        "is_public": locked["is_public"] if is_public is None else is_public,
        "version": current + 1,
        "updated_at": timezone.now(),
    }
    # Conditional on the version read: two writers can never both produce version n+1.
    if not Design.objects.filter(pk=design.pk, version=current).update(**written):
        latest = Design.objects.values_list("version", flat=True).get(pk=design.pk)
        raise VersionConflict(expected=current, current=latest)
    for field, value in written.items():
        setattr(design, field, value)
    design.saved_estimate = estimate_request(design=design)
    return design


@transaction.atomic
def design_fork(*, design: Design, owner: AbstractBaseUser) -> Design:
    """A private copy of the design owned by `owner`: how a user starts from an example."""
    return design_create(owner=owner, document=copy.deepcopy(design.document))


@transaction.atomic
def design_delete(*, design: Design) -> None:
    design.delete()


def estimate_request(
    *, design: Design, version: int | None = None, retry_failed: bool = False
) -> Estimate:
    """The estimate of one version of the design (the current one by default): the existing
    one, or, for the current version, a new one queued.

    Asking twice never computes the same version twice. Only with `retry_failed` (an
    explicit request, not a page view) is a failed or stuck estimate queued again (stuck:
    queued or running past its deadline, see _stuck), with all its attempts again.
    Queued twice is harmless: one worker claims it. Raises VersionUnknown for a version
    the design never had.
    """
    with transaction.atomic():
        estimate, created = _estimate_of(design, version)
        if created:
            _enqueue(estimate.pk)
        elif retry_failed and _queued_again(estimate):
            _enqueue(estimate.pk)
        else:
            return estimate
    # Computed already when in-process: without a broker, or (once the outermost
    # transaction has committed) when the broker was unreachable. Only what the work
    # changes is read again: not the input, nor the design. Inside a caller's transaction
    # (a save), read again once it commits too, after the publish (on_commit keeps order).
    estimate.refresh_from_db(fields=_WORK_FIELDS)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: estimate.refresh_from_db(fields=_WORK_FIELDS), robust=True)
    return estimate


_WORK_FIELDS = ["status", "result", "error", "attempts", "sweeps", "queued_at", "started_at",
                "finished_at", "engine_ms"]


def _estimate_of(design: Design, version: int | None) -> tuple[Estimate, bool]:
    """The stored estimate of that version (created for the current version), and whether it
    was created. Every version saved through these services has one: it keeps the version's
    document, so an older version can be estimated again."""
    if version is None or version == design.version:
        estimate, created = Estimate.objects.get_or_create(
            design=design, design_version=design.version, defaults={"input": design.document}
        )
    else:
        estimate, created = design.estimates.filter(design_version=version).first(), False
        if estimate is None:
            raise VersionUnknown(version=version, current=design.version)
    estimate.design = design  # its staleness is against the version the caller holds
    return estimate, created


def _queued_again(estimate: Estimate) -> bool:
    """Queue a failed or stuck estimate again; False when it is neither (any more)."""
    now = timezone.now()
    return bool(
        Estimate.objects.filter(
            Q(status=Estimate.Status.FAILED) | _stuck(now), pk=estimate.pk
        ).update(status=Estimate.Status.QUEUED, error="", queued_at=now, sweeps=0)
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


def _abandoned_before(now) -> datetime:
    """Work claimed before this has outlived the hard time limit: its worker was killed by
    it, or died. Another worker may claim it."""
    return now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def _claimable(now) -> Q:
    return Q(status=Estimate.Status.QUEUED) | Q(
        status=Estimate.Status.RUNNING, started_at__lt=_abandoned_before(now)
    )


def _stuck(now) -> Q:
    """Estimates or reports past their deadline: queued WORK_QUEUED_TIMEOUT seconds ago and
    never started (the task was lost: a Redis that lost its data), or running past the hard
    time limit (the worker was killed or died)."""
    lost = now - timedelta(seconds=settings.WORK_QUEUED_TIMEOUT)
    return Q(status=Estimate.Status.QUEUED, queued_at__lt=lost) | Q(
        status=Estimate.Status.RUNNING, started_at__lt=_abandoned_before(now)
    )


def _stopped(what: str, *, killed: bool = False) -> str:
    """Why work stopped by the soft time limit (or killed by the hard one) failed, for
    people."""
    limit = settings.CELERY_TASK_TIME_LIMIT if killed else settings.CELERY_TASK_SOFT_TIME_LIMIT
    seconds = f"{limit:g}"
    advice = {
        "estimate": "this design takes the engine too long. Fewer components, workloads or "
        "alternative paths make it quicker; or try again",
        "report": "the PDF took too long to build. Try again, or use the HTML report",
    }[what]
    return f"stopped after {seconds} s, the time limit: {advice}."


def estimate_run(*, estimate_id: int) -> Estimate | None:
    """Compute one queued estimate with the engine and store the result.

    Idempotent: the estimate is claimed with a conditional update, so a version is never
    computed by two workers at once. A running estimate whose claim is older than the task
    time limit was left by a worker that died, and may be claimed again. Past the soft time
    limit it ends failed, saying so.
    """
    now = timezone.now()
    claimed = Estimate.objects.filter(_claimable(now), pk=estimate_id).update(
        status=Estimate.Status.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None  # done, failed, deleted, or being computed elsewhere
    try:
        estimate = Estimate.objects.get(pk=estimate_id)
        if settings.ESTIMATE_DELAY_SECONDS:
            time.sleep(settings.ESTIMATE_DELAY_SECONDS)
        outcome = _computed(estimate.input)
    except SoftTimeLimitExceeded:  # a few seconds before the kill: say why, then stop
        estimate = Estimate.objects.defer("input").get(pk=estimate_id)
        outcome = {"status": Estimate.Status.FAILED, "error": _stopped("estimate")}
    except DatabaseError:
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
    except SoftTimeLimitExceeded:
        raise
    except Exception as error:  # an engine bug: the user sees that it failed, the log why
        logger.exception("the engine failed on an estimate")
        return {"status": Estimate.Status.FAILED,
                "error": f"the engine failed ({type(error).__name__}): please report it"}
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
            content = _report_content(report)
            Report.objects.filter(pk=report.pk).update(
                status=Report.Status.DONE, content=content, error="", finished_at=timezone.now()
            )
            report.refresh_from_db()
        return report
    now = timezone.now()
    again = Q(status=Report.Status.FAILED) | _stuck(now)
    if created or Report.objects.filter(again, pk=report.pk).update(
        status=Report.Status.QUEUED, error="", queued_at=now, sweeps=0
    ):
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
    claimed = Report.objects.filter(_claimable(now), pk=report_id).update(
        status=Report.Status.RUNNING, started_at=now
    )
    if not claimed:
        return None  # done, failed, deleted, or being built elsewhere
    report = Report.objects.select_related("design").defer("content").get(pk=report_id)
    try:
        outcome = {"status": Report.Status.DONE, "content": _report_content(report), "error": ""}
    except DesignError as error:
        outcome = {"status": Report.Status.FAILED, "error": "\n".join(map(str, error.errors))}
    except SoftTimeLimitExceeded:  # a few seconds before the kill: say why, then stop
        outcome = {"status": Report.Status.FAILED, "error": _stopped("report")}
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


# ---- stuck work: the sweep (designs.tasks.sweep_work, run by Celery beat) -------------------


def work_sweep() -> dict[str, int]:
    """Find the estimates and PDF reports stuck past their deadline (see _stuck) and queue
    them again; one handed out WORK_MAX_ATTEMPTS times in all ends failed, saying why.
    Returns how many of each it queued again or failed ("estimate queued", ...)."""
    now = timezone.now()
    done: Counter = Counter()
    for model in (Estimate, Report):
        for work in model.objects.filter(_stuck(now)).only("pk", "status", "sweeps"):
            outcome = _sweep(model, work, now)
            if outcome:
                done[f"{model.__name__.lower()} {outcome}"] += 1
    return dict(done)


def _sweep(model: type[Estimate | Report], work: Estimate | Report, now) -> str:
    """Queue one stuck estimate or report again, or fail it: "queued", "failed", or "" when
    a worker moved it on meanwhile (the update is conditional on what the sweep saw)."""
    seen = model.objects.filter(_stuck(now), pk=work.pk, status=work.status, sweeps=work.sweeps)
    if work.status == model.Status.QUEUED:
        # Still waiting is no failure (the queue may be long, or its task lost with Redis's
        # data): it is queued again, without counting an attempt, and never given up on.
        if not seen.update(queued_at=now):
            return ""
    elif work.sweeps + 1 >= settings.WORK_MAX_ATTEMPTS:
        failed = seen.update(status=model.Status.FAILED, error=_gave_up(), finished_at=now)
        return "failed" if failed else ""
    elif not seen.update(status=model.Status.QUEUED, queued_at=now, sweeps=F("sweeps") + 1):
        return ""
    (_enqueue if model is Estimate else _enqueue_report)(work.pk)
    return "queued"


def _gave_up() -> str:
    """Why work found running past its time limit after its last attempt ends failed."""
    times = settings.WORK_MAX_ATTEMPTS
    tries = f"{times} attempt{'s' if times > 1 else ''}"
    return (f"stopped: still running at the {settings.CELERY_TASK_TIME_LIMIT} s time limit "
            f"(its worker was stopped or died), after {tries}. Try again later.")


def work_give_up(*, model: type[Estimate | Report], pk: int, error: BaseException) -> None:
    """A task that failed for good (its retries used up, or an error no retry mends): its
    estimate or report ends failed saying why, instead of waiting for the sweep."""
    if isinstance(error, SoftTimeLimitExceeded | TimeLimitExceeded):
        # TimeLimitExceeded: killed at the hard limit (Celery reports it from the parent).
        killed = isinstance(error, TimeLimitExceeded)
        reason = _stopped(model.__name__.lower(), killed=killed)
    elif isinstance(error, DatabaseError):
        reason = "the database did not answer, after several tries. Try again later."
    else:
        reason = f"the work failed ({type(error).__name__}): please report it."
    unfinished = [model.Status.QUEUED, model.Status.RUNNING]
    model.objects.filter(pk=pk, status__in=unfinished).update(
        status=model.Status.FAILED, error=reason, finished_at=timezone.now()
    )


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


# ---- sharing (the pages of designs/sharing_views.py) --------------------------


@transaction.atomic
def design_set_public(*, design: Design, is_public: bool) -> Design:
    """Publish the design (a read-only link for anyone) or make it private again.

    A save like any other: the version goes up by one (docs/api.md).
    """
    return design_update(design=design, document=design.document, is_public=is_public)


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
