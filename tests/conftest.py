import os

import dj_database_url
import pytest

import tests.hypothesis_profiles  # noqa: F401 - registers and loads the Hypothesis profile
from tests.designs.factories import MEMBER_PASSWORD, DesignFactory, UserFactory
from tests.samples import sample_document


def pytest_configure(config: pytest.Config) -> None:
    """With REQUIRE_SERVICES=1, an unreachable PostgreSQL is an error, never a skip."""
    if os.environ.get("REQUIRE_SERVICES") != "1":
        return
    database = dj_database_url.parse(os.environ.get("DATABASE_URL") or "sqlite://")
    if "postgresql" not in database["ENGINE"]:
        return
    import psycopg

    where = f"{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}/{database['NAME']}"
    try:
        psycopg.connect(
            dbname=database["NAME"],
            user=database["USER"],
            password=database["PASSWORD"],
            host=database["HOST"],
            port=database["PORT"] or None,
            connect_timeout=5,
        ).close()
    except psycopg.Error as error:
        raise pytest.UsageError(
            f"REQUIRE_SERVICES=1 but PostgreSQL at {where} is unreachable: {error}"
        ) from error


# pytest-django's fixtures that open the test database; a test that asks for none of them
# (and has no django_db marker) is refused a connection, so it cannot depend on the database.
_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences",
                      "django_db_serialized_rollback", "live_server", "django_db_setup"}


def _database_independent(item: pytest.Item) -> bool:
    """The engine's and the presentation layer's tests (pure Python, no database), the front
    end's: browser, gunicorn, PDF (and others marked `rendering`), and any test that asks for
    no database (settings, architecture, diagrams, the starter files, ...)."""
    return (item.path.parent.name in ("browser", "deploy", "engine", "present")
            or item.get_closest_marker("rendering") is not None
            or not _asks_for_the_database(item))


def _asks_for_the_database(item: pytest.Item) -> bool:
    return (item.get_closest_marker("django_db") is not None
            or not _DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgresql` belong to the PostgreSQL run only, and the tests that do not
    depend on the database to the SQLite run only: deselected elsewhere, so that neither run
    reports a skip."""
    from django.db import connection

    if connection.vendor == "postgresql":
        # What does not depend on the database runs once, in the SQLite pass: that keeps CI's
        # two passes under ten minutes.
        kept = [item for item in items if not _database_independent(item)]
    else:
        kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    if len(kept) != len(items):
        staying = set(map(id, kept))
        config.hook.pytest_deselected(items=[i for i in items if id(i) not in staying])
    # In one process, pytest-django's order stands (transactional tests last); the order only
    # matters to pytest-xdist, which hands out the files in it.
    items[:] = _long_files_first(kept) if os.environ.get("PYTEST_XDIST_WORKER") else kept


# Folders whose every file starts a browser, a server or a worker: a few tests of seconds each.
_LONG_FOLDERS = ("browser", "deploy", "workers")


def _long_files_first(items: list[pytest.Item]) -> list[pytest.Item]:
    """The files that take longest first, each file's tests in their order: `dev.py test`
    hands pytest-xdist whole files in this order (--dist loadfile --no-loadscope-reorder), so
    that the last files to run, when one process may wait for the other, are short ones.
    (xdist's own order, most tests first, left the browser, gunicorn and property files to
    the end.) Long: the files in _LONG_FOLDERS and those holding a property test."""
    long_files = {item.path for item in items
                  if item.path.parent.name in _LONG_FOLDERS
                  or item.get_closest_marker("property") is not None}
    return sorted(items, key=lambda item: item.path not in long_files)  # a stable sort


@pytest.fixture
def document() -> dict:
    """A fresh copy of the photo-sharing sample (tests/samples.py)."""
    return sample_document("photo-sharing")


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def member(db):
    """alice, who signs in with MEMBER_PASSWORD."""
    user = UserFactory(username="alice")
    user.set_password(MEMBER_PASSWORD)
    user.save()
    return user


@pytest.fixture
def fast_hashing(settings):
    """MD5 rather than PBKDF2 for the passwords a test sets or guesses: the same checks, in
    microseconds rather than a quarter of a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def design(db, user, document):
    return DesignFactory(owner=user, document=document)
