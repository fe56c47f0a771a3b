"""gunicorn's configuration: `gunicorn -c gunicorn.conf.py config.wsgi` (docs/deploy.md).

PORT (default 8000) and WEB_CONCURRENCY (default 2 x cores + 1) come from the environment;
the access log is JSON lines on stdout, beside the app's own logs.
"""

import json
import multiprocessing
import os
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
