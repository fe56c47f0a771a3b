"""Reports (the Report model: exported files) a user may see."""

from django.db.models import QuerySet

from designs.models import Design, Report


def reports_visible(*, user) -> QuerySet[Report]:
    """Reports of the designs this user may see, without their files."""
    designs = Design.objects.visible_to(user)
    return Report.objects.filter(design__in=designs).select_related("design").defer("content")
