"""Redis stopped while the app runs (docs/deploy.md, "When Redis is down").

Pages and API reads keep answering quickly; throttles and the login limit let requests
through; a save or an estimate request is computed in-process and answers done; /healthz
names Redis; nothing saved is lost; once Redis is back, estimates go to the worker again.
"""

import copy
import json
import signal
import time

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from config.settings import redis_cache
from designs.models import Design
from estimator.engine import estimate as engine_estimate
from tests.celery_broker import publishing_to
from tests.workers.conftest import Worker, wait_for

# PostgreSQL only: the worker process and this one write the database at the same moments,
# which SQLite serialises with a lock (and a wait) that this test would be timing.
pytestmark = pytest.mark.postgresql

QUICK = 5.0  # seconds a request may take while Redis is down; a hang takes far longer
SLOW = 10.0  # the first save after Redis hangs waits for the broker's socket timeouts


@pytest.fixture
def app_on(redis_server, transactional_db, settings):
    """This process's broker, cache and health check use the test's own Redis."""
    settings.REDIS_URL = redis_server.url
    settings.CACHES = {"default": redis_cache(redis_server.url)}
    with publishing_to(redis_server.url, settings):
        yield redis_server


def _timed(call, *args, limit: float = QUICK, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < limit, f"{args[0]} took {elapsed:.1f} s"
    return response


def _with_users(document: dict, users: int) -> dict:
    changed = copy.deepcopy(document)
    changed["assumptions"]["daily_active_users"] = users
    return changed


def _expected(document: dict) -> dict:
    return json.loads(json.dumps(engine_estimate(document)))


def _by_worker(worker: Worker) -> int:
    """Estimates the worker computed: its log names each task twice (received, succeeded)."""
    return worker.log.read_text(errors="replace").count("designs.tasks.compute_estimate[") // 2


def _done(design: Design, version: int):
    def done():
        """the estimate to be done"""
        return design.estimates.filter(design_version=version, status="done").first()

    return done


def test_the_app_keeps_working_while_redis_is_down(
    app_on, user, document, client, tmp_path, caplog
):
    server = app_on
    worker = Worker(server.url, tmp_path / "worker.log")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    client.force_login(user)
    try:
        # Redis up: the worker computes the estimate of a new design (received + succeeded).
        created = api.post("/api/designs/", {"document": document}, format="json").json()
        other = api.post("/api/designs/", {"document": _with_users(document, 5)}, format="json")
        design = Design.objects.get(pk=created["id"])
        first = wait_for(_done(design, 1))
        wait_for(lambda: _by_worker(worker) == 2)

        server.stop()

        # Reads: pages, the API (token and anonymous), the login form.
        for url in ("/", f"/designs/{design.slug}/",
                    f"/compare/?designs={design.slug},{other.json()['slug']}"):
            page = _timed(client.get, url)
            assert page.status_code == 200, url
            assert "Photo sharing" in page.content.decode()
        listed = _timed(api.get, "/api/designs/")
        assert listed.status_code == 200
        assert created["id"] in [row["id"] for row in listed.json()["results"]]
        retrieved = _timed(api.get, f"/api/designs/{design.pk}/")
        assert retrieved.json()["estimate"]["status"] == "done"
        estimate = _timed(api.get, f"/api/estimates/{first.pk}/")
        assert estimate.json()["result"] == _expected(document)
        assert _timed(api.get, "/api/examples/").status_code == 200
        assert _timed(APIClient().get, "/api/examples/").status_code == 200  # anonymous throttle
        assert b"openapi" in _timed(api.get, "/api/schema/").content
        login = _timed(Client().post, "/account/login/",
                       {"username": user.username, "password": "wrong"})
        assert login.status_code == 200 and b"Please enter a correct" in login.content

        health = _timed(client.get, "/healthz")
        assert health.status_code == 503
        assert health.json()["redis"]["ok"] is False
        assert health.json()["database"]["ok"] is True

        # Writes: the save answers with the new version's estimate done, computed in-process.
        changed = _with_users(document, 2_000_000)
        saved = _timed(api.patch, f"/api/designs/{design.pk}/", {"document": changed},
                       format="json")
        assert saved.status_code == 200, saved.content
        assert saved.json()["version"] == 2
        assert saved.json()["estimate"]["status"] == "done"
        # An estimate that had failed, asked for again: computed now, and the answer says so.
        design.estimates.filter(design_version=2).update(status="failed", result=None)
        requested = _timed(api.post, f"/api/designs/{design.pk}/estimate/")
        assert requested.status_code == 200, requested.content
        assert requested.json()["status"] == "done"
        assert requested.json()["design_version"] == 2
        assert requested.json()["result"] == _expected(changed)
        new = _timed(api.post, "/api/designs/", {"document": _with_users(document, 7)},
                     format="json")
        assert new.status_code == 201, new.content
        assert new.json()["estimate"]["status"] == "done"
        # Nothing lost: both versions' estimates, and the new design, are in the database.
        assert Design.objects.get(pk=design.pk).document == changed
        assert sorted(design.estimates.values_list("design_version", "status")) == [
            (1, "done"), (2, "done")
        ]
        assert Design.objects.get(pk=new.json()["id"]).estimates.get().status == "done"
        assert _by_worker(worker) == 2  # none of those reached the worker
        logged = caplog.text
        assert "Redis cache unreachable" in logged and "broker unreachable" in logged

        # Redis back on the same port: the next save is queued and the worker computes it.
        server.start()
        again = _with_users(document, 3_000_000)
        saved = api.patch(f"/api/designs/{design.pk}/", {"document": again}, format="json")
        assert saved.status_code == 200, saved.content
        assert saved.json()["estimate"]["status"] in ("queued", "running")
        done = wait_for(_done(design, 3))
        assert done.result == _expected(again)
        assert done.attempts == 1
        wait_for(lambda: _by_worker(worker) == 3)
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json()["workers"]["answering"] >= 1
    finally:
        worker.stop()


def test_a_hung_redis_does_not_hold_requests_for_long(app_on, user, document, client):
    """Redis that accepts connections but never answers (hung, or cut off by the network)."""
    api = APIClient()
    api.force_authenticate(user)
    design = Design.objects.get(pk=api.post("/api/designs/", {"document": document},
                                            format="json").json()["id"])
    app_on.process.send_signal(signal.SIGSTOP)
    try:
        health = _timed(client.get, "/healthz")
        assert health.status_code == 503 and health.json()["redis"]["ok"] is False
        assert _timed(api.get, f"/api/designs/{design.pk}/").status_code == 200
        for users in (2_000_000, 3_000_000):  # the first waits on the broker, the next not
            changed = _with_users(document, users)
            saved = _timed(api.patch, f"/api/designs/{design.pk}/", {"document": changed},
                           format="json", limit=SLOW if users == 2_000_000 else QUICK)
            assert saved.status_code == 200, saved.content
            assert saved.json()["estimate"]["status"] == "done"
    finally:
        app_on.process.send_signal(signal.SIGCONT)
