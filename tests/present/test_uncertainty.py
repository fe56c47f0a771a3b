"""estimator.present.uncertainty: P10/P50/P90 and the most sensitive inputs as text."""

from estimator.engine import estimate
from estimator.present.uncertainty import sensitivity_table, uncertainty_table


def test_uncertainty_table_gives_p10_p50_p90_when_an_input_is_a_range(design):
    assert uncertainty_table(estimate(design))["rows"] == []
    design["assumptions"]["daily_active_users"] = {"low": 500_000, "mid": 1_000_000,
                                                   "high": 2_000_000}

    table = uncertainty_table(estimate(design))

    rows = {r["key"]: r for r in table["rows"]}
    assert table["samples"] == 200
    assert rows["traffic.read_rps"]["p10"].endswith("/s")
    assert rows["availability.overall"]["p50"].endswith("%")


def test_sensitivity_table_lists_drivers_with_low_and_high(design):
    table = sensitivity_table(estimate(design))

    peak = next(f for f in table["figures"] if f["key"] == "traffic.peak_rps")
    assert table["change"] == "10%"
    assert peak["label"] == "Requests per second at peak"
    assert peak["drivers"][0]["low"].endswith("/s") and peak["drivers"][0]["swing"].endswith("%")
