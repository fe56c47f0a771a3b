"""The shipped examples (designs.services.examples loads them)."""

from django.db.models import QuerySet

from designs.models import Design
from designs.selectors.designs import designs_visible


def examples_list() -> QuerySet[Design]:
    """The shipped examples in the order they were loaded (the handbook's), with their
    newest estimate's summary."""
    return designs_visible(user=None).filter(is_example=True).order_by("id")


def examples_in_order() -> list[Design]:
    """The shipped examples in the order they were loaded, as plain rows."""
    return list(Design.objects.filter(is_example=True).order_by("id"))
