"""Browser tests wait with functions, never with bare expressions: Playwright evaluates an
expression string with eval() when its first check fails, which the pages' CSP (script-src
'self', no 'unsafe-eval') refuses. A test that waited for an expression passed when the page
was ready at once and failed CI when it was not."""

import ast
from pathlib import Path

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"
FUNCTION_STARTS = ("(", "async", "function")


def _strings(tree: ast.Module) -> dict[str, str]:
    """Module-level names bound to a string."""
    found = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            found.update({target.id: node.value.value for target in node.targets
                          if isinstance(target, ast.Name)})
    return found


def _waits(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _strings(tree)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "wait_for_function" and node.args):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value
            elif isinstance(first, ast.JoinedStr):
                head = first.values[0]
                yield node.lineno, head.value if isinstance(head, ast.Constant) else "{"
            elif isinstance(first, ast.Name) and first.id in names:
                yield node.lineno, names[first.id]


def test_every_wait_for_function_passes_a_function():
    waits = [(path.name, line, text) for path in sorted(BROWSER_TESTS.glob("*.py"))
             for line, text in _waits(path)]
    assert len(waits) > 10  # the scan finds the browser tests' waits
    expressions = [f"{name}:{line}: {text[:60]}" for name, line, text in waits
                   if not text.lstrip().startswith(FUNCTION_STARTS)]
    assert expressions == []
