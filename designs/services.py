"""Every write to designs goes through here: validated, atomic, versioned."""

from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from designs.models import Design
from estimator.engine import DesignError, parse_json, validate

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
# The handbook's order (chapter V); examples not listed here load after these.
EXAMPLE_ORDER = ("url-shortener", "whatsapp", "twitter", "netflix", "uber")
SLUG_MAX_LENGTH = 80


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
    """The name's slug, with -2, -3, ... when taken; never an example's slug."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 10].strip("-") or "design"
    reserved = set(EXAMPLE_ORDER) | _example_slugs()
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
    return Design.objects.create(
        owner=owner,
        name=document["name"],
        slug=slug,
        description=document.get("description", ""),
        is_public=is_public,
        is_example=is_example,
        document=document,
    )


@transaction.atomic
def design_update(*, design: Design, document: dict, expected_version: int | None = None) -> Design:
    """Replace the design's document; its version goes up by one.

    With `expected_version`, a design saved since the caller read it raises
    VersionConflict and nothing changes (optimistic locking for editors).
    """
    _validated(document)
    current = Design.objects.select_for_update().values_list("version", flat=True).get(pk=design.pk)
    if expected_version is not None and expected_version != current:
        raise VersionConflict(expected=expected_version, current=current)
    # Conditional on the version read: two writers can never both produce version n+1.
    updated = Design.objects.filter(pk=design.pk, version=current).update(
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
    return design


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
