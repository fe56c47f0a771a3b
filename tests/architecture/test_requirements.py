"""requirements.txt is what the app needs to run (`dev.py serve` installs only it);
requirements-dev.txt adds the test tools. No code the app runs imports a test tool."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_PACKAGES = ("estimator", "designs", "accounts", "config")
# The module a test tool's distribution installs, where its name differs.
MODULE_OF = {"pytest-django": "pytest_django", "pytest-xdist": "xdist",
             "factory-boy": "factory", "openapi-spec-validator": "openapi_spec_validator"}


def _distributions(path: Path) -> set[str]:
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[=<>\[ ]", line, maxsplit=1)[0].lower())
    return names


def _test_tool_modules() -> set[str]:
    only_for_tests = _distributions(ROOT / "requirements-dev.txt") - _distributions(
        ROOT / "requirements.txt")
    return {MODULE_OF.get(name, name.replace("-", "_")) for name in only_for_tests}


def _top_level_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_test_tools_are_only_in_requirements_dev():
    tools = _test_tool_modules()
    assert {"pytest", "playwright", "hypothesis", "ruff"} <= tools
    assert "django" not in tools and "weasyprint" not in tools


def test_no_module_of_the_app_imports_a_test_tool():
    tools = _test_tool_modules()
    found = [f"{path.relative_to(ROOT)} imports {name}"
             for package in APP_PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
             for name in _top_level_imports(path) & tools]
    assert found == []


def test_requirements_dev_installs_the_runtime_ones_too():
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()
