"""The files that take longest are collected first (tests/conftest.py), so that pytest-xdist,
handing out whole files in that order, ends on short ones."""

from pathlib import Path
from types import SimpleNamespace

from tests.conftest import _long_files_first


def _item(path: str, name: str, markers: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(
        path=Path(path), name=name,
        get_closest_marker=lambda marker: object() if marker in markers else None,
    )


def test_browser_server_worker_and_property_files_come_first_each_in_its_order():
    items = [
        _item("tests/api/test_a.py", "a1"),
        _item("tests/browser/test_b.py", "b1"),
        _item("tests/api/test_a.py", "a2"),
        _item("tests/engine/test_c.py", "c1"),
        _item("tests/engine/test_c.py", "c2", markers=("property",)),
        _item("tests/deploy/test_d.py", "d1"),
        _item("tests/workers/test_e.py", "e1"),
        _item("tests/browser/test_b.py", "b2"),
    ]

    ordered = [item.name for item in _long_files_first(items)]

    assert ordered == ["b1", "c1", "c2", "d1", "e1", "b2", "a1", "a2"]
