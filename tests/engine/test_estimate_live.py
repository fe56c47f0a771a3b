"""estimate_live: the estimate the editor's canvas reads, without the runs it never shows."""

import pytest

from estimator.engine import DesignError, estimate, estimate_live
from estimator.engine.result import EstimateView
from tests.samples import sample_document


def test_it_is_the_estimate_but_its_uncertainty_sensitivity_and_derivations():
    document = sample_document("round-figures")
    users = {"low": 500_000, "mid": 1_000_000, "high": 2_000_000}
    document["assumptions"]["daily_active_users"] = users

    full, live = estimate(document), estimate_live(document)

    assert full["uncertainty"]["samples"] > 0 and full["sensitivity"]["figures"]
    assert live["uncertainty"]["samples"] == 0 and live["uncertainty"]["figures"] == []
    assert live["sensitivity"]["skipped"] == "left out of the live estimate"
    assert full["derivations"] and live["derivations"] == []
    rest = set(full) - {"uncertainty", "sensitivity", "derivations"}
    assert {key: live[key] for key in rest} == {key: full[key] for key in rest}


def test_the_typed_view_reads_it():
    view = EstimateView.from_document(estimate_live(sample_document("photo-sharing")))

    assert view.sensitivity.skipped and view.uncertainty.figures == ()


def test_an_invalid_document_raises_naming_the_field():
    document = sample_document("minimal")
    document["components"][0]["instances"] = -1

    with pytest.raises(DesignError) as raised:
        estimate_live(document)
    assert [e.path for e in raised.value.errors] == ["components[0].instances"]
