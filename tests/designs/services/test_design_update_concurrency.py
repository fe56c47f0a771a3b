"""Concurrent saves through real connections: versions never repeat, stale writers lose.

Needs row locks and concurrent connections, so it runs on PostgreSQL (the
second run of `python3 dev.py test`); SQLite serialises writers anyway.
"""

import threading

import pytest
from django.db import connection

from designs.models import Design
from designs.services.designs import VersionConflict, design_create, design_update

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]
THREADS = 4


def _in_threads(work) -> list:
    """Run work() in THREADS threads started together; return what each returned or raised."""
    start = threading.Barrier(THREADS)
    outcomes = []

    def run() -> None:
        start.wait()
        try:
            outcomes.append(work())
        except Exception as error:  # collected for the assertions below
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_saves_each_get_their_own_version(user, document):
    design = design_create(owner=user, document=document)

    def save_five_times() -> list[int]:
        return [
            design_update(design=Design.objects.get(pk=design.pk), document=document).version
            for _ in range(5)
        ]

    outcomes = _in_threads(save_five_times)

    versions = sorted(v for outcome in outcomes for v in outcome)
    assert versions == list(range(2, 2 + 5 * THREADS))
    assert Design.objects.get(pk=design.pk).version == 1 + 5 * THREADS


def test_only_one_of_several_writers_of_the_same_version_wins(user, document):
    design = design_create(owner=user, document=document)

    outcomes = _in_threads(
        lambda: design_update(
            design=Design.objects.get(pk=design.pk), document=document, expected_version=1
        )
    )

    assert sum(isinstance(o, Design) for o in outcomes) == 1
    assert sum(isinstance(o, VersionConflict) for o in outcomes) == THREADS - 1
    assert Design.objects.get(pk=design.pk).version == 2
