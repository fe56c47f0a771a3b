"""Which tests the PostgreSQL pass leaves to the SQLite pass (tests/conftest.py): those that
cannot depend on the database; every test that asks for it runs on both."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import _database_independent

# What pytest-django adds to every test, whether or not it asks for the database.
ALWAYS = ["_django_db_marker", "django_db_blocker", "_django_setup_unittest", "request"]


def _item(folder: str, fixtures: list[str], markers: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(
        path=Path("tests") / folder / "test_x.py",
        fixturenames=[*ALWAYS, *fixtures],
        get_closest_marker=lambda name: object() if name in markers else None,
    )


@pytest.mark.parametrize("item", [
    _item("designs", ["db"]),
    _item("api", ["client", "transactional_db"]),
    _item("designs", ["live_server"]),
    _item("security", ["monkeypatch"], markers=("django_db",)),
], ids=["db", "transactional_db", "live_server", "django_db marker"])
def test_a_test_that_asks_for_the_database_runs_on_both(item):
    assert not _database_independent(item)


@pytest.mark.parametrize("item", [
    _item("architecture", []),
    _item("designs", ["client", "settings", "tmp_path"]),
    _item("engine", ["db"]),
    _item("designs", ["db"], markers=("rendering",)),
], ids=["nothing", "client without db", "engine folder", "rendering"])
def test_a_test_that_cannot_depend_on_the_database_runs_once(item):
    assert _database_independent(item)
