"""The README's API scripts: the same text as docs/examples/, and they run as written."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from designs.models import Design
from tests.designs.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
PYTHON_SCRIPT, SHELL_SCRIPT = EXAMPLES / "api_client.py", EXAMPLES / "api_client.sh"
COMMANDS = {
    PYTHON_SCRIPT: [sys.executable, str(PYTHON_SCRIPT)],
    SHELL_SCRIPT: ["sh", str(SHELL_SCRIPT)],
}
SCRIPTS = pytest.mark.parametrize("script", [PYTHON_SCRIPT, SHELL_SCRIPT], ids=["python", "curl"])


@pytest.mark.parametrize(("language", "script"), [("python", PYTHON_SCRIPT), ("sh", SHELL_SCRIPT)])
def test_the_readme_shows_each_script_as_it_is(language, script):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert f"```{language}\n{script.read_text(encoding='utf-8')}```\n" in readme


def _figures(design: Design) -> list[str]:
    """The lines the scripts print from the estimate the server stored."""
    result = design.estimates.get().result
    rps, peak = result["traffic"]["total_rps"], result["traffic"]["peak_rps"]
    overall, nines = result["availability"]["overall"], result["availability"]["nines"]
    return [
        f"requests per second: {rps:,.1f} (peak {peak:,.1f})",
        f"availability: {overall:.4%} ({nines:.2f} nines)",
    ]


@pytest.fixture
def token() -> str:
    return Token.objects.create(user=UserFactory()).key


def _run(script: Path, live_server, token: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BASE_URL": live_server.url, "API_TOKEN": token}
    return subprocess.run(
        [*COMMANDS[script], *args], env=env, capture_output=True, text=True, timeout=120
    )


@SCRIPTS
def test_the_script_prints_the_requests_per_second_and_availability(script, live_server, token):
    result = _run(script, live_server, token)

    assert result.returncode == 0, result.stderr
    design = Design.objects.get()
    assert design.name == "URL shortener (API example)"
    lines = result.stdout.splitlines()
    assert lines[1:] == _figures(design)
    assert lines[0].startswith(f"design {design.pk}: URL shortener (API example) (")
    assert lines[0].endswith(f"/designs/{design.slug}/)")


@SCRIPTS
def test_the_script_sends_a_design_document_file(script, live_server, token, tmp_path, document):
    path = tmp_path / "design.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    result = _run(script, live_server, token, str(path))

    assert result.returncode == 0, result.stderr
    design = Design.objects.get()
    assert design.document == document
    assert result.stdout.splitlines()[1:] == _figures(design)


@SCRIPTS
def test_the_script_shows_the_apis_error_and_fails(script, live_server, token, tmp_path, document):
    document["workloads"][1]["route"][2] = "dbb"
    path = tmp_path / "design.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    result = _run(script, live_server, token, str(path))

    assert result.returncode != 0
    assert "document.workloads[1].route[2]" in result.stderr
    assert "unknown component 'dbb'" in result.stderr
    assert not Design.objects.exists()
