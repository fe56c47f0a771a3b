"""Issue 12: no code outside the typed view reads the estimate document's keys by string.

The keys watched are derived, not listed: every section and field name the view's dataclasses
(estimator/engine/result.py) define, minus every name the design document also uses (the
field names of estimator/engine/model.py's dataclasses and the keys of the sample design
documents), since `component["name"]` on a design document is a fair read, and minus the keys
of the rows estimator/present builds from an estimate (computed by building them for the
sample documents), since pages read those rows by key. A watched key used
as a subscript (`x["traffic"]`) or as `.get("traffic")` outside the view and the engine
modules that write the document fails the test; templates are checked for `.traffic` lookups
on an estimate's `result` the same way, by a regular expression.
"""

import ast
import dataclasses
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

from estimator import present
from estimator.engine import estimate, model, result
from estimator.engine.result import EstimateView
from tests.design_shapes import SHAPES
from tests.samples import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("estimator", "designs", "accounts", "config")

# The view itself, and the engine modules that compute the document: they write its keys and
# read back rows and sections computed a moment before, inside one estimate (what-if reads
# the estimate of the degraded design it has just computed, sizing those of the candidate
# designs it has just computed). An engine module not listed
# (capacity, storage, traffic, reliability, uncertainty, ...) reads none, and must not start.
ALLOWED = {
    "estimator/engine/result.py",
    "estimator/engine/estimate.py",
    "estimator/engine/availability.py",
    "estimator/engine/bottlenecks.py",
    "estimator/engine/cost.py",
    "estimator/engine/derivations.py",
    "estimator/engine/growth.py",
    "estimator/engine/importance.py",
    "estimator/engine/latency_derivations.py",
    "estimator/engine/queueing.py",
    "estimator/engine/retries.py",
    "estimator/engine/sizing.py",
    "estimator/engine/slos.py",
    "estimator/engine/whatif.py",
}


def _dataclass_fields(module) -> set[str]:
    return {
        field.name
        for value in vars(module).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__
        for field in dataclasses.fields(value)
    }


def _keys(value) -> set[str]:
    """Every key of every mapping inside a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list | tuple):
        return {k for v in value for k in _keys(v)}
    return set()


# The documents the derived sets are computed from: the samples and the shapes (a design of
# 1,000 components adds no key and costs a second).
DOCUMENTS = [*SAMPLES.values(), *(d for name, d in SHAPES.items() if name != "1000-components")]


def _design_keys() -> set[str]:
    return _dataclass_fields(model) | {k for d in DOCUMENTS for k in _keys(d)}


def _present_functions():
    """Each public function of estimator.present taking only an estimate (and a document)."""
    for info in pkgutil.iter_modules(present.__path__):
        module = importlib.import_module(f"estimator.present.{info.name}")
        for name, function in vars(module).items():
            if (inspect.isfunction(function) and function.__module__ == module.__name__
                    and not name.startswith("_")):
                required = [p.name for p in inspect.signature(function).parameters.values()
                            if p.default is p.empty]
                if required and set(required) <= {"estimate", "document"}:
                    yield function, required


def _row_keys() -> set[str]:
    """The keys of the rows the presentation layer builds from an estimate: pages read those
    rows by key, and a row's "peak_rps" is not the estimate's."""
    keys = set()
    for document in DOCUMENTS:
        given = {"document": document, "estimate": EstimateView.from_document(estimate(document))}
        for function, required in _present_functions():
            keys |= _keys(function(*(given[name] for name in required)))
    return keys


ESTIMATE_ONLY = frozenset(_dataclass_fields(result) - _design_keys() - _row_keys())


# Functions that read documents other than the estimate whose keys happen to share names with
# it, each with what it reads: (module, function).
OTHER_DOCUMENTS = {
    # engine.availability's nines ladder and blocks-in-series answers (the handbook page)
    ("estimator/present/availability.py", "nines_table"),
    ("estimator/present/availability.py", "blocks_summary"),
    # the rows estimate_table() and headroom_summary() built a line above
    ("estimator/present/tables.py", "render_text"),
    # its own rows, filtered once built
    ("estimator/present/uncertainty.py", "sensitivity_table"),
    # engine.whatif's answer, a document of its own
    ("estimator/present/whatif.py", "with_texts"),
    # engine.design_score's answer (its checks' details), a document of its own
    ("estimator/present/design_practice.py", "_availability"),
    ("estimator/present/design_practice.py", "_p99"),
    ("estimator/present/design_practice.py", "_budget"),
    # Django REST framework's flattened error list
    ("designs/api/exceptions.py", "exception_handler"),
}


def _functions(tree: ast.Module):
    """(name, node) of each top-level function, and ("", module) for the rest."""
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    rest = ast.Module(body=[n for n in tree.body if n not in functions], type_ignores=[])
    return [(f.name, f) for f in functions] + [("", rest)]


def _string_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, key) of each `x["key"]` and `x.get("key", ...)` under a node."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):  # not writes
            key = node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "get" and node.args):
            key = node.args[0]
        else:
            continue
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.append((node.lineno, key.value))
    return found


def offending_reads(source: str, module: str = "") -> list[tuple[int, str]]:
    """(line, key) of each read of an estimate-only key, in order, outside the functions
    known to read another document."""
    found = []
    for name, node in _functions(ast.parse(source)):
        if (module, name) not in OTHER_DOCUMENTS:
            found += [(line, key) for line, key in _string_reads(node) if key in ESTIMATE_ONLY]
    return sorted(found)


# A template reaching into the stored JSON: `….result.traffic`, `estimate.result["…"]`.
TEMPLATE_READ = re.compile(r"\.result\.(\w+)")


def offending_template_reads(text: str) -> list[str]:
    return [key for key in TEMPLATE_READ.findall(text) if key in ESTIMATE_ONLY]


def _sources() -> list[Path]:
    return [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
            if "migrations" not in path.parts]


def test_each_allowed_module_exists_and_needs_its_allowance():
    for relative in ALLOWED:
        assert offending_reads((ROOT / relative).read_text(), relative), relative


def test_the_watched_keys_are_the_estimates_own():
    assert {"traffic", "bottlenecks", "headroom", "n_plus_one", "engine_version"} <= ESTIMATE_ONLY
    assert not {"name", "kind", "key", "components", "availability", "instances"} & ESTIMATE_ONLY


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_reads_estimate_keys_by_string(path):
    relative = str(path.relative_to(ROOT))
    if relative in ALLOWED:
        return
    assert offending_reads(path.read_text(), relative) == [], "reads the estimate by key"


def test_no_template_reads_the_estimate_json():
    offenders = {
        str(path.relative_to(ROOT)): keys
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if (keys := offending_template_reads(path.read_text()))
    }
    assert offenders == {}


def test_the_check_can_fail():
    snippet = 'total = estimate["traffic"]["total_rps"]\nfirst = doc.get("headroom", {})\n'
    assert offending_reads(snippet) == [(1, "total_rps"), (1, "traffic"), (2, "headroom")]
    inside = "def render_text(rows):\n    return rows[0][\"cost\"], rows[0][\"traffic\"]\n"
    assert offending_reads(inside, "estimator/present/tables.py") == []
    assert offending_reads(inside, "designs/reports/content.py") == [(2, "cost"), (2, "traffic")]
    assert offending_reads('name = component["name"]\n') == []
    assert offending_reads('answers["headroom"] = []\n') == []  # its own dict, written
    assert offending_template_reads("{{ page.estimate.result.bottlenecks }}") == ["bottlenecks"]
