import re
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from estimator.engine.result import engine_version_of
from estimator.engine.version import ENGINE_VERSION


def visible(user, via: str = "") -> Q:
    """Examples and public designs for everyone; private designs for their owner only.
    `via` is the path from another model to its design ("design__"): a join, no subquery."""
    shared = Q(**{f"{via}is_example": True}) | Q(**{f"{via}is_public": True})
    if user is not None and user.is_authenticated:
        return shared | Q(**{f"{via}owner": user})
    return shared


class DesignQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DesignQuerySet":
        """The designs this user may see (see visible)."""
        return self.filter(visible(user))


class Design(models.Model):
    """A system design: one validated design document plus who may see it.

    The document (docs/design-document.md) is the single stored form of the
    graph and its assumptions. The engine reads and writes the graph whole, so
    a document keeps the contract exact (what is saved is what the API, the
    CLI and the engine exchange, unknown fields and all rejected up front) and
    makes every save one atomic row write: there is no half-written graph.
    `name` and `description` are copies of the document's, for listing.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="designs",
        help_text="Empty for the shipped examples.",
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    is_example = models.BooleanField(default=False)
    document = models.JSONField()
    version = models.PositiveIntegerField(default=1, help_text="Goes up by one on every save.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DesignQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def summary(self) -> str:
        """The description's first sentence (of its first line), for lists and cards."""
        lines = self.description.strip().splitlines()
        return re.split(r"(?<=[.!?])\s+", lines[0], maxsplit=1)[0] if lines else ""


class VersionWork:
    """What an estimate and a report share: work on one version of a design, with a status.

    Work stuck past its deadline (queued too long, or running past the time limit) is queued
    again by the sweep (designs.services.work.work_sweep), at most settings.WORK_MAX_ATTEMPTS
    times in all; `sweeps` counts how often it was.
    """

    @property
    def is_stale(self) -> bool:
        """True when the design has been saved since this version."""
        return self.design_version < self.design.version

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Estimate(VersionWork, models.Model):
    """The estimate of one version of a design, computed by a Celery worker.

    `input` is the design document exactly as it stood at that version, so a
    later save never changes what an older estimate was computed from.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="estimates")
    design_version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    input = models.JSONField(help_text="The design document of that version.")
    result = models.JSONField(null=True, blank=True, help_text="The estimate document.")
    error = models.TextField(blank=True, help_text="Why it failed, for people.")
    attempts = models.PositiveIntegerField(default=0, help_text="Times a worker started it.")
    sweeps = models.PositiveIntegerField(
        default=0, help_text="Times the sweep found it stuck and queued it again."
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    engine_ms = models.FloatField(null=True, blank=True, help_text="The engine's own time.")

    class Meta:
        ordering = ["-design_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["design", "design_version"], name="one_estimate_per_design_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.design} v{self.design_version}: {self.status}"

    @property
    def is_outdated(self) -> bool:
        """True when done by an engine older than today's: its document may lack what the
        engine now computes, so it is computed again rather than read."""
        if self.status != self.Status.DONE:
            return False
        return engine_version_of(self.result) < ENGINE_VERSION


class Report(VersionWork, models.Model):
    """The interview report of one version of a design in one format, built once and kept.

    Markdown, HTML and JSON are built during the request that asks for them; a PDF by a
    Celery task (designs.tasks.render_report), so its status goes queued, running, then done
    or failed. See designs/reports/ for the content.
    """

    Status = Estimate.Status

    class Format(models.TextChoices):
        MD = "md", "Markdown"
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"
        JSON = "json", "JSON"

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="reports")
    design_version = models.PositiveIntegerField()
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    content = models.BinaryField(default=b"", help_text="The file, once done.")
    error = models.TextField(blank=True, help_text="Why it failed, for people.")
    sweeps = models.PositiveIntegerField(
        default=0, help_text="Times the sweep found it stuck and queued it again."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(default=timezone.now, help_text="Last queued for a worker.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-design_version", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["design", "design_version", "format"],
                name="one_report_per_design_version_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.design} v{self.design_version} {self.format}: {self.status}"


class Simulation(VersionWork, models.Model):
    """A discrete-event simulation of one version of a design (estimator.engine.simulate),
    run by a Celery worker: its status goes queued, running (with `progress` from 0 to 1),
    then done with the simulation document, or failed saying why.

    `settings` are those it was asked with (requests, multiple, seed, failed), checked
    before it was queued; `input` is the design document of that version, as an estimate
    keeps it. A design may have any number, the newest first.
    """

    Status = Estimate.Status

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="simulations")
    design_version = models.PositiveIntegerField()
    settings = models.JSONField(help_text="requests, multiple, seed, failed.")
    input = models.JSONField(help_text="The design document of that version.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0, help_text="0 to 1 while running.")
    result = models.JSONField(null=True, blank=True, help_text="The simulation document.")
    error = models.TextField(blank=True, help_text="Why it failed, for people.")
    attempts = models.PositiveIntegerField(default=0, help_text="Times a worker started it.")
    sweeps = models.PositiveIntegerField(
        default=0, help_text="Times the sweep found it stuck and queued it again."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(default=timezone.now, help_text="Last queued for a worker.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["design", "design_version", "status"])]

    def __str__(self) -> str:
        return f"{self.design} v{self.design_version} simulation: {self.status}"


class PracticeAttempt(models.Model):
    """One go at practice mode: a user's own estimates of a design's figures, and their scores.

    `guesses` and `scores` are keyed by estimator.engine.practice.FIGURE_PATHS keys: the guess in
    raw units (requests per second, bytes, a fraction) and "within 2x", "within an order of
    magnitude" or "off". Only the figures the user estimated are present.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts"
    )
    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="practice_attempts")
    design_version = models.PositiveIntegerField()
    guesses = models.JSONField()
    scores = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} on {self.design} v{self.design_version}"


class DesignOldSlug(models.Model):
    """An address a design had before a rename: /designs/<slug>/… redirects to its address
    now (designs.slug_redirects), so links shared or bookmarked keep working. Never given to
    another design (designs.services.designs picks slugs around them)."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=80, unique=True)
    renamed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-renamed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.slug} -> {self.design.slug}"


class Problem(models.Model):
    """An interview problem of the library (designs/problems/*.json): what the interviewer
    asks, the givens, where they come from, and its reference design (a public design owned
    by nobody, loaded with the examples). The file is the source; this row is its copy for
    links and attempts, updated by designs.services.problems.problems_load."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500)
    difficulty = models.CharField(max_length=10)
    # Easiest first, then by title: the library's order and the order "next problem" follows.
    position = models.PositiveIntegerField(default=0)
    statement = models.TextField()
    scale = models.JSONField(default=list)
    sources = models.JSONField(default=list)
    reference = models.OneToOneField(Design, on_delete=models.PROTECT, related_name="problem")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class DesignAttempt(models.Model):
    """One go at design practice: a user's design for a problem, started (with an optional
    time box), then submitted and scored by the engine (estimator.engine.design_score)
    against the problem's reference. `result` is the scorer's answer for the version
    submitted; empty until then."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="design_attempts"
    )
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="attempts")
    design = models.ForeignKey(
        Design, null=True, on_delete=models.SET_NULL, related_name="design_attempts",
        help_text="The candidate's design; empty once they delete it (the score stays).",
    )
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    design_version = models.PositiveIntegerField(null=True, blank=True)
    score = models.PositiveIntegerField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} on {self.problem}: {self.score if self.submitted_at else 'open'}"

    @property
    def deadline(self):
        if self.time_limit_minutes is None:
            return None
        return self.started_at + timedelta(minutes=self.time_limit_minutes)
