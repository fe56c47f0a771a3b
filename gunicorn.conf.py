"""gunicorn's configuration: `gunicorn -c gunicorn.conf.py config.wsgi` (docs/deploy.md).

PORT (default 8000) and WEB_CONCURRENCY (default 2 x cores + 1) come from the environment;
the access log is JSON lines on stdout, beside the app's own logs.
"""

import json
import logging
import multiprocessing
import os
import sys
from datetime import UTC, datetime

from gunicorn.glogging import Logger

wsgi_app = "config.wsgi:application"
bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{int(os.environ.get('PORT') or 8000)}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, staggered, so that no slow leak grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Import the app once, in the master, before forking: a recycled worker then serves at
# once instead of spending a second importing Django and Plotly (at a few hundred
# requests a second a worker is recycled every few seconds), and the workers share the
# imported code's memory. Django opens no connection at import. New code needs a restart,
# not a HUP.
preload_app = True
# Behind a load balancer: trust its X-Forwarded-* headers (set FORWARDED_ALLOW_IPS to its
# address; "*" when only it can reach this port).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"


def worker_exit(server, worker) -> None:
    """A worker that ends cleanly (recycled after max_requests, or stopped) ends at once.

    Left to Python, a worker's exit took 2 to 4 s of processor time on this 2-core machine
    (docs/benchmarks.md, "The editor's live estimate under load"): the interpreter's teardown
    frees every object the worker inherited from the preloaded master, writing to each of
    their memory pages, which copies them all. The master starts the replacement only once
    the old worker is gone, so each recycle took a worker away for seconds while it burned
    a core: the one-second p99s of bench/stack.py and bench/live_load.py. Its database
    connections are closed and its logs flushed first. An exit with an error status (a
    worker that could not boot) keeps Python's own way, so the master sees the status.
    """
    leaving = sys.exc_info()[1]  # gunicorn calls this while the worker's SystemExit unwinds
    if not isinstance(leaving, SystemExit) or leaving.code not in (0, None):
        return
    from django.db import connections

    connections.close_all()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


class JsonAccessLogger(Logger):
    """The access log as one JSON object a line (values escaped, unlike access_log_format)."""

    def access(self, resp, req, environ, request_time) -> None:
        if not self.cfg.accesslog:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        self.access_log.info(json.dumps({
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "remote": atoms["h"],
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": int(atoms["s"]),
            "bytes": atoms["B"],
            "duration_ms": round(request_time.total_seconds() * 1000, 2),
            "agent": atoms["a"],
            "request_id": atoms.get("{x-request-id}o", "-"),
        }))


logger_class = JsonAccessLogger
