"""designs.selectors.reports: reports are visible as their designs are, without files."""

import pytest
from django.contrib.auth.models import AnonymousUser

from designs.models import Report
from designs.selectors.reports import reports_visible
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db


def test_reports_are_visible_as_their_designs_are(user, other_user):
    private = DesignFactory(owner=user)
    public = DesignFactory(owner=user, is_public=True)
    for design in (private, public):
        Report.objects.create(design=design, design_version=1, format="md", content=b"x")

    def seen(viewer):
        return {r.design_id for r in reports_visible(user=viewer)}

    assert seen(user) == {private.pk, public.pk}
    assert seen(other_user) == seen(AnonymousUser()) == {public.pk}


def test_the_files_are_left_unread(user):
    Report.objects.create(design=DesignFactory(owner=user), design_version=1, format="md")

    assert "content" in reports_visible(user=user).get().get_deferred_fields()
