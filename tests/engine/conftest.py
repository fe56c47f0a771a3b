"""The engine tests' `design`: a fresh copy of the round-figures sample (tests/samples.py)."""

import pytest

from tests.samples import sample_document


@pytest.fixture
def design():
    """A small valid design: 100 writes/s and 1,000 reads/s (1M users x 86.4/day)."""
    return sample_document("round-figures")
