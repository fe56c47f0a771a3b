"""GET /healthz: is the database reachable, and with REDIS_URL, Redis and a worker?

200 when everything configured answers; 503 when the database, or a configured
Redis, does not (a load balancer takes the process out of rotation). No worker
answering is reported but does not fail the check: pages and reads still work,
and estimates wait in Redis until a worker comes.
"""

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app

WORKER_PING_SECONDS = 1.0


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}


def _redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        return {"ok": True, "configured": True}
    except redis.RedisError as error:
        return {"ok": False, "configured": True, "error": type(error).__name__}


def _workers(redis_ok: bool) -> dict:
    if not settings.REDIS_URL:
        return {"configured": False, "answering": None, "note": "estimates run in-process"}
    if not redis_ok:
        return {"configured": True, "answering": 0}
    replies = celery_app.control.ping(timeout=WORKER_PING_SECONDS) or []
    return {"configured": True, "answering": len(replies)}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database, broker = _database(), _redis()
    healthy = database["ok"] and broker["ok"]
    body = {"status": "ok" if healthy else "unavailable", "database": database,
            "redis": broker, "workers": _workers(broker["ok"])}
    return JsonResponse(body, status=200 if healthy else 503)
