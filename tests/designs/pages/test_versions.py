import copy

import pytest

from designs.models import Estimate
from designs.pages.versions import default_pair, version_compare_page, versions_page
from designs.services.designs import design_create, design_update
from designs.services.examples import examples_load

pytestmark = pytest.mark.django_db


def test_a_version_whose_estimate_is_not_ready_says_estimating(user, document):
    design = design_create(owner=user, document=document)
    changed = copy.deepcopy(document)
    changed["assumptions"]["daily_active_users"] = 2_000_000
    design = design_update(design=design, document=changed)
    old, new = design.estimates.get(design_version=1), design.estimates.get(design_version=2)
    Estimate.objects.filter(pk=old.pk).update(status=Estimate.Status.QUEUED, result=None)
    old.refresh_from_db()

    page = version_compare_page(design, old, new)

    assert [c["estimating"] for c in page["columns"]] == [True, False]
    assert page["table"]  # figures computed now meanwhile, with their differences
    assert page["differences"] == [{"section": "Assumptions", "item": "daily_active_users",
                                    "field": "", "old": "1,000,000", "new": "2,000,000"}]


def test_a_single_version_compares_with_itself_by_default(user, document):
    design = design_create(owner=user, document=document)
    assert default_pair(design) == (1, 1)
    estimate = design.estimates.get()
    assert version_compare_page(design, estimate, estimate)["differences"] == []


def test_an_examples_versions_say_it_shipped():
    example = examples_load()[0]
    rows = versions_page(example)["versions"]
    assert rows and {row["saved_by"] for row in rows} == {"shipped example"}
