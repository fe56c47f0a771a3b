"""ESLint on the page scripts (issue 14): pinned, configured for every file under static/
but static/vendor/, each file parsed as the templates load it, and run by `dev.py lint` and
.ci/run. No test here runs npm: CI does, through `dev.py lint`."""

import json
import re
from pathlib import Path

import pytest

from tests.tooling.test_dev_worker import _dev

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)\bsrc=\"\{% static '([^']+\.js)' %\}\"([^>]*)>")
IMPORT = re.compile(r"^\s*(?:import|export)\b[^;]*?\bfrom\s*[\"']([^\"']+)[\"']", re.M)


def _package() -> dict:
    return json.loads((ROOT / "package.json").read_text())


def _config() -> str:
    return (ROOT / "eslint.config.js").read_text()


def _classic_scripts() -> set[str]:
    listed = re.search(r"const CLASSIC_SCRIPTS = \[([^\]]*)\]", _config())
    assert listed, "eslint.config.js names its classic scripts in CLASSIC_SCRIPTS"
    return set(re.findall(r"\"([^\"]+)\"", listed.group(1)))


def _page_scripts() -> dict[str, bool]:
    """static/... path of each of our scripts a template loads -> whether as a module."""
    loaded = {}
    for template in (ROOT / "templates").rglob("*.html"):
        for before, path, after in SCRIPT_TAG.findall(template.read_text()):
            if not path.startswith("vendor/"):
                loaded[f"static/{path}"] = 'type="module"' in before + after
    return loaded


def test_the_linter_is_pinned_to_exact_versions_in_package_json_and_its_lock():
    package = _package()
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert package["private"] is True
    wanted = package["devDependencies"]
    assert set(wanted) == {"eslint", "@eslint/js", "globals", "mermaid", "mxgraph"}
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version} is no exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert lock["packages"][""]["devDependencies"] == wanted
    assert "node_modules/" in (ROOT / ".gitignore").read_text().split()


def test_the_config_lints_static_but_not_vendor_with_browser_globals():
    config = _config()
    assert '{ ignores: ["static/vendor/"] }' in config
    assert 'files: ["static/**/*.js"]' in config
    assert "js.configs.recommended" in config
    assert "globals.browser" in config
    assert _dev().ESLINT == ["--max-warnings", "0", "static"]


def test_every_page_script_is_parsed_as_its_template_loads_it():
    classic = _classic_scripts()
    loaded = _page_scripts()
    assert "static/designs/design_detail.js" in loaded  # the pattern finds the templates' tags
    for path, module in loaded.items():
        assert (path not in classic) == module, (
            f"{path} is loaded {'as a module' if module else 'as a classic script'}: "
            "CLASSIC_SCRIPTS in eslint.config.js should say so")
    for path in classic:
        assert (ROOT / path).is_file(), f"CLASSIC_SCRIPTS names {path}, which is not there"


def test_every_import_of_a_page_script_names_a_file_beside_it():
    scripts = [p for p in STATIC.rglob("*.js") if "vendor" not in p.relative_to(STATIC).parts]
    imports = 0
    for script in scripts:
        for target in IMPORT.findall(script.read_text()):
            assert target.startswith(("./", "../")), f"{script}: import {target} (no bundler)"
            assert (script.parent / target).resolve().is_file(), f"{script}: {target} missing"
            imports += 1
    assert imports >= 3  # the page scripts share static/lib/


def test_ci_lints_before_it_tests():
    steps = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    lint = next(i for i, line in enumerate(steps) if line.endswith("dev.py lint"))
    test = next(i for i, line in enumerate(steps) if "dev.py test" in line)
    assert lint < test


@pytest.fixture
def commands(monkeypatch, tmp_path):
    """dev.py with its commands recorded (each succeeds), npm found and node_modules/ in
    tmp_path."""
    dev = _dev()
    ran = []
    monkeypatch.setattr(dev, "NODE_MODULES", tmp_path)
    monkeypatch.setattr(dev, "LOCK_HASH_FILE", tmp_path / ".package-lock.sha256")
    monkeypatch.setattr(dev.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(dev, "ensure_venv", lambda **kw: Path("python"))
    monkeypatch.setattr(dev, "run", lambda *args, **kw: ran.append([str(a) for a in args]) or 0)
    return dev, ran


def test_lint_runs_ruff_then_npm_ci_quietly_then_eslint_on_static(commands, tmp_path):
    dev, ran = commands
    assert dev.lint() == 0
    assert ran[0] == ["python", "-m", "ruff", "check", "."]
    assert ran[1][:2] == ["/usr/bin/npm", "ci"]
    assert {"--no-audit", "--no-fund", "--ignore-scripts"} <= set(ran[1])
    assert ran[2] == [str(tmp_path / ".bin" / "eslint"), "--max-warnings", "0", "static"]


def test_npm_ci_runs_again_only_when_the_lock_changes(commands):
    dev, ran = commands
    dev.eslint()
    dev.eslint()
    assert [command[1] for command in ran] == ["ci", "--max-warnings", "--max-warnings"]


def test_lint_fails_when_eslint_finds_something_or_npm_is_missing(commands, monkeypatch):
    dev, ran = commands
    monkeypatch.setattr(dev, "run", lambda *args, **kw: 1 if "static" in args else 0)
    assert dev.lint() == 1
    monkeypatch.setattr(dev.shutil, "which", lambda name: None)
    assert dev.eslint() == 1
