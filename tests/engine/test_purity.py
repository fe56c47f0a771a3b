"""The engine is pure Python: nothing under estimator/engine/ may import Django."""

import ast
import subprocess
import sys
from pathlib import Path

import estimator.engine

ENGINE_DIR = Path(estimator.engine.__file__).resolve().parent
ROOT = ENGINE_DIR.parents[1]


def _django_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{path.name}:{node.lineno} {n}" for n in names if n.split(".")[0] == "django"]
    return found


def test_no_engine_module_imports_django():
    modules = sorted(ENGINE_DIR.rglob("*.py"))

    assert modules, "no engine modules found"
    assert [hit for path in modules for hit in _django_imports(path)] == []


def test_the_scan_finds_a_django_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("import os\nfrom django.conf import settings\nimport django.db as db\n")

    assert _django_imports(module) == ["bad.py:2 django.conf", "bad.py:3 django.db"]


def test_importing_the_engine_loads_no_django():
    modules = [f"estimator.engine.{p.stem}" for p in sorted(ENGINE_DIR.glob("*.py"))]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
