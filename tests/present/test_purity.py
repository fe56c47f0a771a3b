"""The engine and the presentation layer are pure Python: neither imports Django, Django
REST framework, Celery or the project's apps; the engine computes and imports from the
presentation layer only its formatters (for the texts the estimate document holds) and the
figure catalogue (the paths of the headline figures, and the labels the uncertainty section
stores); the formatters import nothing from the project, the catalogue only the formatters."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import estimator

ESTIMATOR_DIR = Path(estimator.__file__).resolve().parent
ROOT = ESTIMATOR_DIR.parent
FORBIDDEN = {"django", "rest_framework", "celery", "designs", "accounts", "config"}
PROJECT = FORBIDDEN | {"estimator"}


def _package(path: Path) -> list[str]:
    """The dotted package of a module under the project root: estimator.engine."""
    return list(path.relative_to(ROOT).with_suffix("").parts[:-1])


def imports(path: Path, package: list[str]) -> list[str]:
    """Every name a module imports, at any depth: "os", "django.conf.settings"; relative
    imports made absolute from its package (["estimator", "engine"])."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def _modules(package: str) -> list[Path]:
    found = sorted((ESTIMATOR_DIR / package).rglob("*.py"))
    assert found, f"no modules under estimator/{package}"
    return found


def _hits(paths: list[Path], bad) -> list[str]:
    return [f"{path.relative_to(ROOT)}: {name}" for path in paths
            for name in imports(path, _package(path)) if bad(name)]


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("package", ["engine", "present", "formats"])
def test_nothing_imports_the_web_stack_or_the_apps(package):
    assert _hits(_modules(package), lambda name: _top(name) in FORBIDDEN) == []


LEAVES = ("estimator.present.units", "estimator.present.figures")


def test_the_engine_imports_only_the_formatters_and_the_catalogue_from_the_presentation_layer():
    def bad(name):
        leaf = any(name == m or name.startswith(m + ".") for m in LEAVES)
        return name.startswith("estimator.present") and not leaf

    assert _hits(_modules("engine"), bad) == []


def test_the_formatters_import_nothing_from_the_project():
    units = [ESTIMATOR_DIR / "present" / "units.py"]

    assert _hits(units, lambda name: _top(name) in PROJECT) == []


def test_the_catalogue_imports_only_the_formatters():
    catalogue = [ESTIMATOR_DIR / "present" / "figures.py"]
    found = _hits(catalogue, lambda name: _top(name) in PROJECT)

    assert found and all(hit.split(": ")[-1].startswith("estimator.present.units")
                         for hit in found), found


def test_the_scan_finds_every_kind_of_import(tmp_path):
    module = tmp_path / "probe.py"
    module.write_text("import os\nfrom django.conf import settings\n"
                      "def f():\n    import celery\n"
                      "from ..present import tables\nfrom .model import parse_design\n")

    found = imports(module, ["estimator", "engine"])

    assert found == ["os", "django.conf.settings", "estimator.present.tables",
                     "estimator.engine.model.parse_design", "celery"]


def test_importing_the_engine_and_the_presentation_layer_loads_no_web_stack():
    names = [".".join(p.relative_to(ROOT).with_suffix("").parts)
             for package in ("engine", "present") for p in _modules(package)]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name.removesuffix('.__init__'))\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r})\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
