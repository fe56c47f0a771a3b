"""Importing a file as a new design (estimator.formats reads it; this saves it)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from designs.models import Design
from designs.services.designs import design_create
from estimator.formats import import_text
from estimator.formats.base import ImportResult


def design_import_read(*, text: str | bytes, format: str | None = None, filename: str = "",
                       name: str = "") -> ImportResult:
    """The design a file describes, unsaved. Raises FormatError naming the line or element."""
    result = import_text(text, format=format or None, filename=filename)
    if name.strip():
        result.document["name"] = name.strip()[:200]
    return result


@transaction.atomic
def design_import(*, owner: AbstractBaseUser, text: str | bytes, format: str | None = None,
                  filename: str = "", name: str = "") -> tuple[Design, ImportResult]:
    """Save the design a file describes as a new private design of the owner's. Nothing is
    saved when the file cannot be read (FormatError)."""
    result = design_import_read(text=text, format=format, filename=filename, name=name)
    return design_create(owner=owner, document=result.document), result
