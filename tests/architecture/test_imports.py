"""The layout's rules, read from the source's imports (ast; nothing is imported).

Layers, lowest first: estimator.present.units and .figures (formatters and the figure
catalogue, which import nothing else); estimator.engine (computation); the rest of
estimator.present (formatting) and estimator.formats (imports and exports); the apps
(accounts, designs); config (the Django project).
A module may import its own layer or a lower one, never a higher one, and no two modules
import each other, directly or round a circle, whether at the top of a file or inside a
function. (tests/present/test_purity.py keeps Django out of the engine and presentation.)
"""

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("estimator", "designs", "accounts", "config")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                modules[_module_name(path)] = path
    return modules


MODULES = _source_modules()


def _imported_names(path: Path) -> set[str]:
    """Every module the file imports, anywhere in it (`from a import b` counts a.b when a.b is
    a module of ours, else a)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                names.add(child if child in MODULES else node.module)
    return names


def _ours(name: str) -> str | None:
    """The module of ours that an imported name refers to (a.b.c -> a.b if a.b.c is not one)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    for module, path in MODULES.items():
        for name in _imported_names(path):
            target = _ours(name)
            if target and target != module and not module.startswith(target + "."):
                graph.add_edge(module, target)
    return graph


def _layer(module: str) -> int:
    if module in ("estimator.present.units", "estimator.present.figures"):
        return 0
    if module.startswith("estimator.engine") or module == "estimator":
        return 1
    if module.startswith(("estimator.present", "estimator.formats")):
        return 2
    if module.startswith(("accounts", "designs")):
        return 3
    return 4  # config


def test_no_module_imports_a_higher_layer():
    upward = [
        f"{a} imports {b}" for a, b in _import_graph().edges if _layer(b) > _layer(a)
    ]
    assert upward == []


def test_no_import_circles():
    circles = [" -> ".join(cycle) for cycle in nx.simple_cycles(_import_graph())]
    assert circles == []


def test_settings_and_engine_live_in_different_top_level_packages():
    assert "config.settings" in MODULES and "config.celery" in MODULES
    assert not any(m.startswith("estimator.") and m.rsplit(".", 1)[-1] in (
        "settings", "urls", "celery", "wsgi", "asgi") for m in MODULES)


def test_accounts_is_an_app_of_its_own():
    from django.apps import apps

    config = apps.get_app_config("accounts")
    assert config.name == "accounts"
    assert {"accounts.views", "accounts.services", "accounts.login_limits"} <= set(MODULES)


def test_the_checker_sees_a_circle_and_an_upward_import(tmp_path):
    """The rules above could fail: a made-up graph with both faults is caught."""
    graph = nx.DiGraph([("designs.a", "designs.b"), ("designs.b", "designs.a"),
                        ("estimator.engine.x", "designs.a")])
    assert list(nx.simple_cycles(graph))
    assert [(a, b) for a, b in graph.edges if _layer(b) > _layer(a)] == [
        ("estimator.engine.x", "designs.a")]
