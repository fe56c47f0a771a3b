"""Properties of the engine over generated documents of every shape (tests/strategies.py).

For any document: validation answers with errors that name fields, or the document is
estimated; an estimate is finite, non-negative, bounded in size and time, and the same
twice, and the same in another process (with another hash seed); what-ifs likewise.
HYPOTHESIS_PROFILE=long runs 10,000 documents a property (docs/testing.md).
"""

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.engine import DesignError, FieldError, estimate, parse_json, validate, what_if
from tests.hypothesis_profiles import ci_examples
from tests.strategies import design_documents, scenarios, valid_documents

pytestmark = pytest.mark.property

ROOT = Path(__file__).resolve().parents[2]
# Hang detectors, not speed targets (bench/ measures speed): generous for a loaded CI box.
SECONDS = 20
# An estimate is at most this many times the size of its document, plus this much.
SIZE_FACTOR, SIZE_ALLOWANCE = 20, 300_000


def numbers(value, path=""):
    """(path, number) of every number in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from numbers(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from numbers(item, f"{path}[{index}]")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield path, value


# Figures that are probabilities, by the last key of their path.
PROBABILITIES = {"availability", "overall", "availability_if_perfect", "wait_probability"}
# Figures signed by design: an SLO's margin is negative when the SLO is missed.
SIGNED = {"margin", "margin_relative", "margin_nines"}


def assert_sound(result: dict, document: dict) -> str:
    """Every figure finite and non-negative, probabilities at most 1, the whole bounded in
    size; the JSON text."""
    text = json.dumps(result, allow_nan=False)
    bad = [(path, value) for path, value in numbers(result)
           if not math.isfinite(value)
           or (value < 0 and path.rsplit(".", 1)[-1] not in SIGNED)
           or (path.rsplit(".", 1)[-1] in PROBABILITIES and value > 1)]
    assert bad == []
    assert len(text) <= SIZE_FACTOR * len(json.dumps(document)) + SIZE_ALLOWANCE
    return text


def assert_names_fields(errors: list[FieldError]) -> None:
    assert errors
    for error in errors:
        assert isinstance(error.path, str) and error.message
        # Only the document as a whole may be named by "": its size, or its not being one.
        assert error.path or "document" in error.message or "object" in error.message


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    assert time.perf_counter() - started < SECONDS, f"{function.__name__} took too long"
    return result


@given(design_documents())
def test_any_document_is_estimated_or_refused_naming_its_fields(document):
    errors = timed(validate, document)
    if errors:
        assert_names_fields(errors)
        with pytest.raises(DesignError) as refused:
            estimate(document)
        assert refused.value.errors == errors
        return
    assert_sound(timed(estimate, document), document)
    assert parse_json(json.dumps(document)) == json.loads(json.dumps(document))


@given(st.data())
def test_what_ifs_are_estimated_or_refused_naming_their_fields(data):
    document = data.draw(valid_documents())
    scenario = data.draw(scenarios(document))
    try:
        result = timed(what_if, document, scenario)
    except DesignError as refused:
        assert_names_fields(refused.errors)
        return
    assert_sound(result, document)
    keys = {c["key"] for c in document["components"]}
    assert set(result["down"]) <= keys


# ---- the same figures in another process --------------------------------------------------

_PEER = """
import json, sys
from estimator.engine import estimate
for line in sys.stdin:
    print(json.dumps(estimate(json.loads(line))), flush=True)
"""


@pytest.fixture(scope="module")
def peer():
    """Another Python process, with another hash seed, that estimates documents sent to it."""
    environment = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", _PEER], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, cwd=ROOT, env=environment)
    yield process
    process.stdin.close()
    process.wait(timeout=30)


def test_the_peer_process_hashes_strings_differently(peer):
    probe = subprocess.run([sys.executable, "-c", "print(hash('design'))"], capture_output=True,
                           text=True, env={**os.environ, "PYTHONHASHSEED": "4242"}, check=True)
    assert int(probe.stdout) != hash("design")


# 20 under ci: each example estimates three times, once in the peer process.
@ci_examples(20)
@given(valid_documents())
def test_an_estimate_is_the_same_twice_and_in_another_process(peer, document):
    peer.stdin.write(json.dumps(document) + "\n")
    peer.stdin.flush()
    ours = json.dumps(estimate(document))
    assert json.dumps(estimate(document)) == ours
    theirs = peer.stdout.readline()
    assert theirs, "the peer process died"
    assert json.loads(theirs) == json.loads(ours)
