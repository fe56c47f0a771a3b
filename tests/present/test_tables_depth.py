"""estimator.present.tables: N+1, latency, growth and cost as text, and an estimate stored
before the later sections answering empty ones (availability and uncertainty included)."""

from estimator.engine import estimate
from estimator.present.tables import (
    cost_summary,
    fmt_money,
    growth_summary,
    importance_rows,
    improve_first,
    latency_tables,
    n_plus_one_by_key,
    sensitivity_table,
    uncertainty_table,
    with_n_plus_one,
)

OLD_KEYS = ("importance", "latency", "growth", "cost", "n_plus_one", "uncertainty",
            "sensitivity")


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
    assert "p99 = 4.6 x mean" in latency["note"]


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


def test_an_estimate_stored_before_these_keys_answers_empty_sections(design):
    result = estimate(design)
    for key in OLD_KEYS:
        result.pop(key)

    assert improve_first(result) is None and importance_rows(result) == []
    assert n_plus_one_by_key(result) == {}
    assert latency_tables(result) == growth_summary(result) == cost_summary(result) == {}
    assert uncertainty_table(result) == sensitivity_table(result) == {}
