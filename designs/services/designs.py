"""Saving designs: create, update (optimistically locked), fork, delete, publish.

Every save validates the document with the engine, bumps the version and queues the new
version's estimate (designs.services.estimates).
"""

import copy

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from designs.example_files import example_slugs
from designs.models import Design, DesignOldSlug
from designs.problem_files import problem_slugs
from designs.services.estimates import estimate_request
from estimator.engine import DesignError, parse_design
from estimator.engine.limits import MAX_NAME_LENGTH
from estimator.engine.model import Design as EngineDesign
from estimator.engine.model import size_error

SLUG_MAX_LENGTH = 80
COPY_SUFFIX = " (copy)"
RESERVED_SLUGS = {"new", "start", "import"}


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


def _validated(document: dict) -> EngineDesign:
    """The engine's reading of a valid document, from which the row takes its name and
    description (text, never null); DesignError naming every field otherwise. One pass:
    the size limit first, then every field, as estimator.engine.validate checks."""
    too_large = size_error(document)
    if too_large is not None:
        raise DesignError([too_large])
    return parse_design(document)


def _unique_slug(name: str, *, design: Design | None = None) -> str:
    """The name's slug, with -2, -3, ... when taken; never an example's or a problem's slug,
    nor a word that a page's URL uses in its place (/designs/new/ is the editor, /designs/start/ the
    templates), nor another design's old address (it redirects there). `design`, when
    renaming, may keep its own slug or take back one of its old ones."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 10].strip("-") or "design"
    reserved = example_slugs() | problem_slugs() | RESERVED_SLUGS
    others = Design.objects.exclude(pk=design.pk) if design else Design.objects.all()
    old = DesignOldSlug.objects.exclude(design=design) if design else DesignOldSlug.objects

    def taken(slug: str) -> bool:
        return slug in reserved or others.filter(slug=slug).exists() or old.filter(
            slug=slug).exists()

    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _slug_after_rename(design: Design, stored: dict, name: str) -> str:
    """The address for the design's new name; the one it leaves (`stored`: the row's name
    and slug as locked, not the caller's copy, which may be older) is kept as an old slug,
    so it redirects. Examples keep theirs (load_examples finds them by it)."""
    if design.is_example or name == stored["name"]:
        return stored["slug"]
    slug = _unique_slug(name, design=design)
    if slug != stored["slug"]:
        DesignOldSlug.objects.filter(design=design, slug=slug).delete()  # taken back
        DesignOldSlug.objects.create(design=design, slug=stored["slug"])
    return slug


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
    locked = (Design.objects.select_for_update()
              .values("version", "is_public", "name", "slug").get(pk=design.pk))
    current = locked["version"]
    if expected_version is not None and expected_version != current:
        raise VersionConflict(expected=expected_version, current=current)
    written = {
        "name": valid.name,
        "slug": _slug_after_rename(design, locked, valid.name),
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
    """A private copy of the design owned by `owner`, named "… (copy)", or "… (copy 2)" and
    on when they have that name already: how a user starts from an example."""
    document = copy.deepcopy(design.document)
    original = str(document.get("name", design.name))
    names = set(Design.objects.filter(owner=owner).values_list("name", flat=True))
    number = 1
    while (name := copy_name(original, number)) in names:
        number += 1
    document["name"] = name
    return design_create(owner=owner, document=document)


def copy_name(name: str, number: int = 1) -> str:
    """The name of a copy: "… (copy)", the second "… (copy 2)", the original shortened to
    keep within the limit."""
    suffix = COPY_SUFFIX if number == 1 else f" (copy {number})"
    return f"{name[: MAX_NAME_LENGTH - len(suffix)].rstrip()}{suffix}"


@transaction.atomic
def design_delete(*, design: Design) -> None:
    design.delete()


@transaction.atomic
def design_set_public(*, design: Design, is_public: bool) -> Design:
    """Publish the design (a read-only link for anyone) or make it private again.

    A save like any other: the version goes up by one (docs/api.md).
    """
    return design_update(design=design, document=design.document, is_public=is_public)
