"""estimator.present.tables: N+1, latency, growth and cost as text."""
import pytest

from estimator.engine import estimate
from estimator.present.tables import (
    cost_summary,
    fmt_money,
    growth_summary,
    latency_tables,
    n_plus_one_by_key,
    with_n_plus_one,
)


def test_n_plus_one_passes_and_fails_with_the_use_after(design):
    design["components"][1]["instances"] = 4  # api: 2,200/s at peak over 4 x 1,000/s
    result = estimate(design)

    verdicts = n_plus_one_by_key(result)
    rows = {r["key"]: r for r in with_n_plus_one([{"key": "api"}, {"key": "x"}], result)}

    assert verdicts["api"] == {"verdict": "passes", "passes": True, "after": "73%"}
    assert verdicts["db"]["verdict"] == "fails"  # one instance: none left
    assert rows["api"]["n_plus_one"]["verdict"] == "passes" and rows["x"]["n_plus_one"] is None


def test_latency_tables_format_components_and_routes(design):
    design["components"][1]["instances"] = 4
    latency = latency_tables(estimate(design))

    components = {c["key"]: c for c in latency["components"]}
    assert "client" not in components  # no capacity, no queue
    assert components["api"]["utilization"] == "55%"
    assert components["api"]["mean"].endswith(" ms")
    assert [w["name"] for w in latency["workloads"]] == ["write", "read"]
    assert "not sums of the steps' percentiles" in latency["note"]
    assert latency["workloads"][1]["p50"].endswith(" ms")


def test_growth_summary_says_no_growth_and_names_the_year_a_limit_passes(design):
    flat = growth_summary(estimate(design))
    design["assumptions"]["growth_rate"] = 1.0
    design["components"][1]["instances"] = 4  # 55% at peak: passes 100% in year 2
    growing = growth_summary(estimate(design))

    assert flat["no_growth"] is True and flat["rate"] == "0% a year"
    assert growing["no_growth"] is False and growing["rate"] == "100% a year"
    assert growing["years"][1]["factor"] == "2.00x"
    assert any("api" in message and "year 2" in message for message in growing["limits"])


def test_cost_summary_formats_components_and_the_total(design):
    result = estimate(design)
    cost = cost_summary(result)

    assert cost["currency"] == "USD"
    assert cost["total"] == fmt_money(result["cost"]["total_month"])
    assert all(row["month"].startswith("$") for row in cost["components"])


def test_the_cost_labels_say_what_the_total_includes_and_what_it_leaves_out(design):
    result = estimate(design)
    cost = cost_summary(result)

    lines = {line["key"]: line for line in cost["lines"]}
    assert lines["total"]["label"] == (
        "Total a month (instances + storage at end of year 1 + egress)")
    assert lines["total"]["text"] == cost["total"]
    assert "not in the total" in lines["storage_at_end"]["label"]
    assert "not in the total" not in lines["storage"]["label"]
    money = result["cost"]
    assert money["total_month"] == pytest.approx(
        money["compute_month"] + money["storage_month"] + money["egress_month"])
