import copy

import pytest

from designs.pages.versions import versions_page
from designs.services.designs import VersionConflict, design_create, design_update
from designs.services.estimates import VersionUnknown
from designs.services.versions import design_restore

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_twice(user, document):
    """Version 1 the sample; version 2 with a queue added and api at 6 instances."""
    design = design_create(owner=user, document=document)
    changed = copy.deepcopy(document)
    changed["components"].append({"key": "queue", "kind": "queue"})
    changed["components"][1]["instances"] = 6
    return design_update(design=design, document=changed)


def test_restore_saves_the_old_document_as_the_next_version(saved_twice, document):
    restored = design_restore(design=saved_twice, version=1)

    restored.refresh_from_db()
    assert restored.version == 3 and restored.document == document
    stored = {e.design_version: e.input for e in restored.estimates.all()}
    assert stored[1] == document and stored[3] == document
    assert len(stored[2]["components"]) == 5  # history is never rewritten


def test_restore_of_a_version_the_design_never_had_raises(saved_twice):
    with pytest.raises(VersionUnknown):
        design_restore(design=saved_twice, version=7)
    saved_twice.refresh_from_db()
    assert saved_twice.version == 2


def test_restore_with_a_stale_expected_version_changes_nothing(saved_twice):
    with pytest.raises(VersionConflict):
        design_restore(design=saved_twice, version=1, expected_version=1)
    saved_twice.refresh_from_db()
    assert saved_twice.version == 2


def test_the_history_lists_every_version_newest_first_with_what_changed(saved_twice, user):
    design_restore(design=saved_twice, version=1)
    saved_twice.refresh_from_db()

    rows = versions_page(saved_twice)["versions"]

    assert [row["number"] for row in rows] == [3, 2, 1]
    assert rows[0]["is_current"] and not rows[1]["is_current"]
    assert rows[0]["summary"] == "1 component removed (queue); instances of api 6 -> 3"
    assert rows[1]["summary"] == "1 component added (queue); instances of api 3 -> 6"
    assert rows[2]["summary"] == "first version"
    assert {row["saved_by"] for row in rows} == {user.username}
