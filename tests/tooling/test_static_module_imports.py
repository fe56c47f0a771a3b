"""collectstatic rewrites the page scripts' ES module imports to hashed names with Django's
patterns, matched case-insensitively (ManifestStaticFilesStorage, support_js_module_import_
aggregation). A word "export" or "import" followed by a space elsewhere (a comment's "Export
menu", a name such as `setupExport }`) starts a false match that reaches the next `from "..."`
and breaks the deploy's collectstatic (a hashed name looked up again). Every match must be a
real import or export statement."""

import re
from pathlib import Path

from django.contrib.staticfiles.storage import HashedFilesMixin

STATIC = Path(__file__).resolve().parents[2] / "static"
PATTERNS = [pattern for pattern, _ in HashedFilesMixin._js_module_import_aggregation_patterns[1]]


def _false_matches(text: str) -> list[str]:
    found = []
    for pattern in PATTERNS:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if not re.match(r"(import|export)\b", match.group(0)) or re.search(
                    r"(import|export)\b", match.group(0)[6:].split(" from ")[0]):
                found.append(match.group(0)[:80])
    return found


def test_every_module_import_match_is_a_statement():
    scripts = [p for p in STATIC.rglob("*.js") if "vendor" not in p.parts]
    assert scripts
    bad = {str(p.relative_to(STATIC)): m for p in scripts if (m := _false_matches(p.read_text()))}
    assert bad == {}


def test_the_check_sees_a_false_match():
    assert _false_matches('// The Export menu\nimport { a } from "./a.js";\n')
    assert _false_matches('import { setupExport } from "./b.js";\n')
    assert not _false_matches('import { a } from "./a.js";\nexport function b() {}\n')
