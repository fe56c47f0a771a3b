"""designs.services.queueing: work goes to a worker once the transaction commits, found by
name in Celery's registry; without a broker, or when it is unreachable, it runs in-process."""

import kombu.exceptions
import pytest

from designs import tasks
from designs.services.queueing import hand_to_worker

pytestmark = pytest.mark.django_db

TASK = "designs.tasks.compute_estimate"


@pytest.fixture
def with_a_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False


def test_without_a_broker_the_work_runs_at_once(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    ran = []

    hand_to_worker(TASK, ran.append, 7)

    assert ran == [7]


def test_the_registered_task_is_published_once_the_transaction_commits(
    with_a_broker, monkeypatch, django_capture_on_commit_callbacks
):
    published, ran = [], []
    monkeypatch.setattr(tasks.compute_estimate, "delay", published.append)

    with django_capture_on_commit_callbacks(execute=True):
        hand_to_worker(TASK, ran.append, 7)
        assert published == []  # not before the commit: the worker must find the row

    assert published == [7] and ran == []


def test_an_unreachable_broker_runs_the_work_in_process(
    with_a_broker, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(object_id):
        raise kombu.exceptions.OperationalError("connection refused")

    ran = []
    monkeypatch.setattr(tasks.render_report, "delay", unreachable)

    with django_capture_on_commit_callbacks(execute=True):
        hand_to_worker("designs.tasks.render_report", ran.append, 8)

    assert ran == [8]
