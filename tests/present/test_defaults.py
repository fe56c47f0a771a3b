"""estimator.present.defaults: the engine's defaults as the editor's hints show them."""

from estimator.engine import defaults
from estimator.present.defaults import default_texts


def test_every_default_is_written_as_typed():
    texts = default_texts()

    assert texts["capacity_rps"]["service"] == "1,000"
    assert texts["capacity_rps"]["client"] == "no limit"
    assert texts["availability"]["dns"] == "0.9999"
    assert texts["hit_ratio"] == {kind: f"{value:g}" for kind, value in
                                  defaults.HIT_RATIO.items()}
    assert texts["assumptions"]["retention_years"] == "10"
    assert set(texts["assumptions"]) == set(defaults.ASSUMPTIONS)
