"""Settings for the design-estimation app: one module, read from the environment.

Development defaults are safe to run on a laptop (SQLite file, DEBUG on);
a deployment sets SECRET_KEY, DEBUG=false, ALLOWED_HOSTS and DATABASE_URL.
See the environment table in README.md.
"""

from pathlib import Path

import dj_database_url
import plotly
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from config.env import env_bool, env_list, env_number, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-dev-only-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY)
if SECRET_KEY == _DEV_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")

# Where the site is served from: reports (files read away from the site) link to its pages
# (a remedy's pattern) by full URL.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])


def _database(url: str) -> dict:
    try:
        return dj_database_url.parse(url, conn_max_age=60)
    except ValueError as error:  # unknown scheme, bad port, ...
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from error


DATABASES = {"default": _database(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the Celery worker processes that tests start must see it too.
    # TEST_SQLITE_PATH lets two test runs on one checkout keep apart.
    DATABASES["default"]["TEST"] = {
        "NAME": env_str("TEST_SQLITE_PATH", str(BASE_DIR / "test-db.sqlite3"))
    }
    # A worker and the web process write one file: wait longer than Django's 5 s for
    # SQLite's lock before "database is locked"; and take the write lock when a transaction
    # begins, since two that read first and then both want to write cannot wait for each
    # other: SQLite answers one of them "database is locked" at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

# Celery with Redis as broker and result store. Without REDIS_URL estimates are computed
# in-process, so the app runs on a bare machine.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# A task is acknowledged only when it finished, and a worker that dies mid-task hands it
# back: the estimate is redelivered instead of lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The engine takes milliseconds for the handbook examples and about a second for 10,000
# components; a task past this limit is killed and its estimate may be claimed again.
CELERY_TASK_TIME_LIMIT = int(env_number("ESTIMATE_TIME_LIMIT", 60, minimum=1))
# A little before it (55 s of 60), Celery raises SoftTimeLimitExceeded inside the task: the
# estimate or report ends failed saying so (designs/services/estimates.py and reports.py),
# before the kill.
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - min(5, CELERY_TASK_TIME_LIMIT / 10)
# A simulation (designs.tasks.run_simulation) stops itself after this many seconds of
# simulating and keeps what it measured: 25 s (estimator.engine.simulate's default), or less
# when the time limit is short, so that it ends well inside the soft time limit (5 s before
# it, or half of it), done, never stopped by Celery. Set higher than that, the app stops.
_SIMULATION_WALL_BOUND = CELERY_TASK_SOFT_TIME_LIMIT - min(5, CELERY_TASK_SOFT_TIME_LIMIT / 2)
SIMULATION_WALL_SECONDS = env_number(
    "SIMULATION_WALL_SECONDS", min(25, _SIMULATION_WALL_BOUND), minimum=0.1
)
if SIMULATION_WALL_SECONDS > _SIMULATION_WALL_BOUND:
    raise ImproperlyConfigured(
        f"SIMULATION_WALL_SECONDS={SIMULATION_WALL_SECONDS:g} must be at most "
        f"{_SIMULATION_WALL_BOUND:g} s, inside the soft time limit "
        f"({CELERY_TASK_SOFT_TIME_LIMIT:g} s): lower it, or raise ESTIMATE_TIME_LIMIT"
    )
# Redis redelivers a task not acknowledged within this many seconds (Celery's default is an
# hour): how long the estimate of a worker that died waits for another. Longer than the time
# limit, so a task still running is never delivered twice.
_VISIBILITY_TIMEOUT = int(
    env_number("CELERY_VISIBILITY_TIMEOUT", 2 * CELERY_TASK_TIME_LIMIT, minimum=1)
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # Look for such tasks every few seconds (kombu's default scans about every 100 s).
    "unacked_restore_interval": max(1, min(10, _VISIBILITY_TIMEOUT // 2)),
    "unacked_restore_throttle": 1,
    # A Redis that stops answering without closing the connection (hung, or cut off by the
    # network) would otherwise hold a publish, and the request saving a design, forever.
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Stuck work (docs/deploy.md, "Stuck work"): every WORK_SWEEP_INTERVAL seconds Celery beat
# runs designs.tasks.sweep_work, which queues again an estimate or PDF report still queued
# WORK_QUEUED_TIMEOUT seconds after it was queued (its task lost with a Redis that lost its
# data), however often, and one still running past the time limit (its worker killed or
# dead) at most WORK_MAX_ATTEMPTS times in all, then it ends failed saying why. A lost task is
# thus queued again within 90 s, and an estimate done within two minutes.
WORK_SWEEP_INTERVAL = env_number("WORK_SWEEP_INTERVAL", 30, minimum=1)
WORK_QUEUED_TIMEOUT = env_number("WORK_QUEUED_TIMEOUT", 60, minimum=1)
WORK_MAX_ATTEMPTS = int(env_number("WORK_MAX_ATTEMPTS", 3, minimum=1))
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-work": {
        "task": "designs.tasks.sweep_work",
        "schedule": WORK_SWEEP_INTERVAL,
        # A sweep that waited a whole interval in the queue is overtaken by the next one.
        "options": {"expires": WORK_SWEEP_INTERVAL},
    }
}
# One retry, not three: when Redis is down a save computes its estimate in-process
# (designs/services/queueing.py) after a few seconds at most, instead of ten or more.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The LOGGING handler writes to stdout; a worker redirecting stdout into logging would
# swallow every line.
CELERY_WORKER_REDIRECT_STDOUTS = False
# Celery's Django fix-up closes the database connection before and after every task unless
# told to reuse it: a new PostgreSQL connection for each estimate, which took longer than
# the engine on a handbook example (bench/stack.py). Reused for this many tasks instead;
# config/celery.py drops a broken or expired connection (CONN_MAX_AGE) before each
# task, as Django does before each request.
CELERY_DB_REUSE_MAX = 100


def redis_cache(url: str) -> dict:
    """The cache in Redis at url (the tests point it at a Redis of their own). A request
    waits at most a second on a Redis that does not answer, then counts in its own process
    (config/cache.py; docs/deploy.md, "When Redis is down")."""
    return {
        "BACKEND": "config.cache.FallbackRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


# The cache holds the API's throttle counts and the login failure counts: in Redis they
# are shared by every web process.
CACHES = {
    "default": redis_cache(REDIS_URL)
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Test-only: seconds a task waits before computing, so a test can kill a worker mid-task.
ESTIMATE_DELAY_SECONDS = env_number("ESTIMATE_DELAY_SECONDS", 0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "designs",
    "accounts",
]

MIDDLEWARE = [
    "config.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "designs.slug_redirects.OldSlugRedirectMiddleware",  # a renamed design's old address
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.js from the installed plotly package (no CDN: the app works offline):
    # {% static 'vendor/plotly/plotly.min.js' %}
    ("vendor/plotly", Path(plotly.__file__).resolve().parent / "package_data"),
]
STATICFILES_FINDERS = [
    "config.staticfiles.FileSystemFinder",  # STATICFILES_DIRS, less plotly's extras
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts (the accounts app, templates/registration/): django.contrib.auth's views.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# After this many failed logins for one username from one address, that pair waits out the
# window (accounts/login_limits.py).
LOGIN_FAILURE_LIMIT = int(env_number("LOGIN_FAILURE_LIMIT", 5, minimum=1))
LOGIN_FAILURE_WINDOW = int(env_number("LOGIN_FAILURE_WINDOW", 15 * 60, minimum=60))

# ---------------------------------------------------------------------------------------------
# REST API (designs/api/, docs/api.md): Django REST framework, token auth, throttles, OpenAPI.
# ---------------------------------------------------------------------------------------------
from config.env import env_rate  # noqa: E402
from estimator.engine.limits import MAX_DOCUMENT_BYTES  # noqa: E402

INSTALLED_APPS += [
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from static files: no CDN, works offline
]

# A request body holds at most one design document and a little JSON around it. Django checks
# Content-Length against this before reading a body; the API answers a larger one with 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_DOCUMENT_BYTES + 100_000

REST_FRAMEWORK = {
    # Token first: an anonymous write is answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PARSER_CLASSES": ["designs.api.parsers.JSONBodyParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "designs.api.throttling.AnonThrottle",
        "designs.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
        "user": env_rate("API_THROTTLE_USER", "600/minute"),
        "anon_editor": env_rate("API_THROTTLE_ANON_EDITOR", "600/minute"),
    },
    "EXCEPTION_HANDLER": "designs.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",  # the API reads JSON only
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Design estimator API",
    "DESCRIPTION": (
        "Back-of-the-envelope estimates for system designs. Design documents in, estimate "
        "documents out; see docs/api.md and docs/design-document.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    # Keeps GET /api/designs/{id}/report.{format} in (DRF leaves out paths ending in .{format}).
    "DEFAULT_GENERATOR_CLASS": "designs.api.schema.SchemaGenerator",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two choice sets are both named `status`: work (estimates, reports, simulations) and a
    # sizing proposal's verdict; each gets a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "WorkStatusEnum": "designs.models.Estimate.Status",
        "SizingStatusEnum": ["met", "cannot meet", "no slos"],
    },
}

# ---------------------------------------------------------------------------------------------
# Production (docs/deploy.md): static files, security headers, content security policy, logs.
# ---------------------------------------------------------------------------------------------
# WhiteNoise serves the static files from the web process. With DEBUG off they come from
# `collectstatic` (STATIC_ROOT), compressed and named by content hash, so they are cached for
# a year. In development (and the tests) runserver and the live server serve them from the
# source folders, as before.
if not DEBUG:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "config.staticfiles.ManifestStaticFilesStorage"},
    }
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "whitenoise.middleware.WhiteNoiseMiddleware")
WHITENOISE_MAX_AGE = 3600  # files without a hash in their name: an hour
# Every page links its static files by hashed name ({% static %}, the rewritten CSS url()s
# and ES module imports), so collectstatic keeps only those: it compresses each file once
# rather than twice (plotly.js alone takes 7 s with Brotli), and STATIC_ROOT is half the size.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# Source maps are fetched by developer tools only: not worth compressing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# Behind a load balancer that terminates TLS, set SECURE_PROXY_SSL_HEADER to the header it
# sets (X-Forwarded-Proto) and, if it redirects to https itself, SECURE_SSL_REDIRECT=false.
_PROXY_SSL_HEADER = env_str("SECURE_PROXY_SSL_HEADER", "")
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env_number("SECURE_HSTS_SECONDS", 31_536_000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content security policy, on every response (development too, so the browser tests see what
# production does): scripts and everything else only from this site. Styles may be inline:
# Plotly and Cytoscape set style attributes and Plotly adds <style> elements as it draws.
# Pages pass data with json_script (not executed), never with inline scripts.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# drf-spectacular's Swagger UI page starts itself with an inline script.
CONTENT_SECURITY_POLICY_PATHS = {"/api/docs/": {"script-src": ["'self'", "'unsafe-inline'"]}}

# Logs go to stdout: JSON lines in production (LOG_FORMAT=json), readable text in development.
from config import logging as config_logging  # noqa: E402

_LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if _LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT={_LOG_FORMAT!r} is not one of json, text")
LOGGING = config_logging.config(
    json_lines=_LOG_FORMAT == "json", level=env_str("LOG_LEVEL", "INFO").upper()
)
