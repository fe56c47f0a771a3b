"""The production static storage (config.staticfiles) names the page scripts by content hash
and rewrites their ES module imports to the hashed names. The editor is a tree of modules
(static/designs/editor/): each import must come out hashed, and the imports must not form a
circle, which Django's manifest cannot hash (it gives up after a few passes)."""

import re
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from config.staticfiles import ManifestStaticFilesStorage

STATIC = Path(__file__).resolve().parents[2] / "static"
IMPORT = re.compile(r"\bfrom\s*\"([^\"]+)\"")


@pytest.fixture
def hashed(tmp_path):
    """The editor's modules and static/lib/ as collectstatic writes them."""
    source = FileSystemStorage(location=tmp_path)
    paths = {}
    for folder in ("designs/editor", "lib"):
        for script in (STATIC / folder).glob("*.js"):
            target = tmp_path / folder / script.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(script.read_bytes())
            paths[f"{folder}/{script.name}"] = (source, f"{folder}/{script.name}")
    storage = ManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    failures = [result for _, result, _ in storage.post_process(paths)
                if isinstance(result, Exception)]
    assert failures == []
    return storage, tmp_path


def test_every_import_of_the_editor_names_a_hashed_file_that_exists(hashed):
    storage, root = hashed
    modules = sorted(p.name for p in (STATIC / "designs/editor").glob("*.js"))
    assert "main.js" in modules and "state.js" in modules
    imports = 0
    for name in modules:
        stored = root / storage.stored_name(f"designs/editor/{name}")
        for target in IMPORT.findall(stored.read_text()):
            imports += 1
            assert re.search(r"\.[0-9a-f]{12}\.js$", target), f"{name} imports {target} unhashed"
            assert (stored.parent / target).resolve().is_file(), f"{name} imports {target}"
    assert imports >= len(modules)
