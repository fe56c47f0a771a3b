import copy

import pytest

from estimator.engine import estimate, validate
from estimator.engine.estimate import estimate_core
from estimator.engine.model import parse_design


def _ranged(design):
    ranged = copy.deepcopy(design)
    ranged["assumptions"]["daily_active_users"] = {"low": 500_000, "mid": 1_000_000,
                                                   "high": 2_000_000}
    return ranged


def test_a_range_estimates_at_its_mid(design):
    assert estimate(_ranged(design))["traffic"] == estimate(design)["traffic"]


def test_ranges_give_reproducible_percentiles(design):
    first, second = estimate(_ranged(design)), estimate(_ranged(design))
    assert first["uncertainty"] == second["uncertainty"]
    result = first["uncertainty"]
    assert result["inputs"] == ["assumptions.daily_active_users"] and result["samples"] == 200
    reads = next(f for f in result["figures"] if f["key"] == "traffic.read_rps")
    # reads/s = users x 86.4 / 86,400: 500 to 2,000 per second, mode 1,000
    assert 500 <= reads["p10"] < reads["p50"] < reads["p90"] <= 2000
    assert reads["p50"] == pytest.approx(1_130, rel=0.1)  # the triangle's median


def test_without_ranges_there_is_no_monte_carlo_run(design):
    assert estimate(design)["uncertainty"]["samples"] == 0


def test_sensitivity_ranks_the_inputs_that_move_each_figure(design):
    figures = {f["key"]: f["drivers"] for f in estimate(design)["sensitivity"]["figures"]}
    reads = figures["traffic.read_rps"]
    assert {d["input"] for d in reads} == {"assumptions.daily_active_users",
                                           "workloads[1].per_user_per_day"}
    assert reads[0]["swing"] == pytest.approx(0.2)  # -10% to +10%
    storage = figures["storage.bytes_total"]
    assert storage[0]["input"] in {"workloads[0].rate", "workloads[0].request_bytes",
                                   "assumptions.retention_years"}


@pytest.mark.parametrize(("value", "words"), [
    ({"low": 3, "mid": 2, "high": 4}, "low <= mid <= high"),
    ({"low": 1, "high": 4}, 'exactly "low", "mid" and "high"'),
    ({"low": -1, "mid": 2, "high": 4}, "must not be negative"),
])
def test_bad_ranges_name_the_field(design, value, words):
    design["workloads"][0]["rate"] = value
    messages = [str(e) for e in validate(design)]
    assert any(m.startswith("workloads[0].rate") and words in m for m in messages), messages


def test_whole_numbers_cannot_be_ranges(design):
    design["components"][1]["instances"] = {"low": 1, "mid": 2, "high": 3}
    assert any("not a range" in str(e) for e in validate(design))


def test_requests_served_and_the_served_share_have_percentiles(design):
    """api serves 2 x 1,000/s; at peak it is offered 2 x (100 writes + reads)/s, reads 500 to
    2,000/s: the share served runs from all (at 500 reads/s: 1,200/s offered) to 2,000/4,200."""
    result = estimate(_ranged(design))
    figures = {f["key"]: f for f in result["uncertainty"]["figures"]}
    share, served = figures["overload.served_share"], figures["availability.requests_served"]
    assert share["label"] == "Share of peak requests served"
    assert 2000 / 4200 <= share["p10"] < share["p50"] < share["p90"] <= 1.0
    assert result["overload"]["served_share"] == pytest.approx(2000 / 2200)
    # requests served is the routes' availability times the share served
    assert served["p10"] < served["p90"] <= 1.0


def test_sampled_requests_served_without_overload_is_the_availability(design):
    """Nothing past its capacity (api at 4 instances): the quick path gives every share 1,
    as the overload walk does."""
    design["components"][1]["instances"] = 4
    quick = estimate_core(parse_design(design))
    full = estimate(design)
    assert quick["overload"]["served_share"] == full["overload"]["served_share"] == 1.0
    assert quick["availability"]["requests_served"] == pytest.approx(
        full["availability"]["requests_served"])


def test_sensitivity_leaves_requests_served_out(design):
    keys = {f["key"] for f in estimate(design)["sensitivity"]["figures"]}
    assert "availability.overall" in keys
    assert not keys & {"availability.requests_served", "overload.served_share"}
