"""estimator.present.tables: importance, N+1, latency, growth, cost, uncertainty and
sensitivity as text, and an estimate stored before them answering empty sections."""

from estimator.engine import estimate
from estimator.engine.result import RouteAvailability
from estimator.present.tables import (
    cost_summary,
    fmt_money,
    fmt_ms,
    growth_summary,
    importance_rows,
    improve_first,
    latency_tables,
    n_plus_one_by_key,
    route_availability_rows,
    route_method,
    sensitivity_table,
    uncertainty_table,
    with_n_plus_one,
)

OLD_KEYS = ("importance", "latency", "growth", "cost", "n_plus_one", "uncertainty",
            "sensitivity")


def test_fmt_money_shows_whole_units_from_100_and_cents_below():
    assert fmt_money(107_001.2) == "$107,001"
    assert fmt_money(12.5) == "$12.50"
    assert fmt_money(70.0) == "$70"
    assert fmt_money(12.5, "EUR") == "€12.50"
    assert fmt_money(1234, "CHF") == "1,234 CHF"
    assert fmt_money(None) == "—"


def test_fmt_ms_keeps_three_figures_and_names_a_saturated_queue():
    assert [fmt_ms(v) for v in (1.0055, 23.54, 465.9, 1234.5)] == [
        "1.01 ms", "23.5 ms", "466 ms", "1,234 ms"]
    assert fmt_ms(None) == "saturated"


def _route(**fields) -> RouteAvailability:
    return RouteAvailability(name="w", availability=0.999, nines=3.0, **fields)


def test_route_method_names_exact_and_monte_carlo_with_its_interval():
    assert route_method(_route(method="series", paths=1)) == "series"
    assert route_method(_route(method="exact", paths=2)) == "exact, 2 paths"
    assert route_method(_route(method="monte_carlo", paths=3, interval=(0.9991, 0.9995))) == (
        "Monte Carlo, 3 paths (95%: 99.91% to 99.95%)")
    assert route_method(_route()) == "series"  # stored before methods


def test_route_rows_show_alternatives_and_the_method(design):
    design["components"].append({"key": "cdn", "kind": "cdn"})
    design["workloads"][1]["route"] = ["client", {"any_of": [["cdn"], ["api", "cache"]]}, "db"]

    rows = {r["name"]: r for r in route_availability_rows(design, estimate(design))}

    assert rows["read"]["route"] == "client → cdn | api + cache → db"
    assert rows["read"]["method"] == "exact, 2 paths"
    assert rows["write"]["method"] == "series"


def test_improve_first_names_the_component_and_the_availability_it_would_give(design):
    design["components"][3]["availability"] = 0.99  # db: a lone 99% instance on every route
    result = estimate(design)

    advice = improve_first(result)
    rows = importance_rows(result)

    assert advice == ("Improve db first: availability would rise from 98.909901% to "
                      "99.908991%.")
    assert rows[0]["if_perfect"] == "99.908991%"
    assert rows[0]["key"] == "db" and rows[0]["gain"].endswith(" pp")


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


def test_an_estimate_stored_before_these_keys_answers_empty_sections(design):
    result = estimate(design)
    for key in OLD_KEYS:
        result.pop(key)

    assert improve_first(result) is None and importance_rows(result) == []
    assert n_plus_one_by_key(result) == {}
    assert latency_tables(result) == growth_summary(result) == cost_summary(result) == {}
    assert uncertainty_table(result) == sensitivity_table(result) == {}


def test_compare_all_adds_the_monthly_cost_and_tolerates_an_old_estimate(design):
    from estimator.engine.compare import HEADLINE_PATHS, compare_all
    from estimator.present.tables import compare_table

    new, old = estimate(design), estimate(design)
    old.pop("cost")
    rows = compare_all([new, new, old])

    assert [r["key"] for r in rows] == list(HEADLINE_PATHS) + [
        "cost.total_month", "latency.worst_p99_ms"]
    cells = compare_table(rows)[-2]["cells"]
    assert cells[0]["value"] == fmt_money(new["cost"]["total_month"])
    assert cells[1]["text"] == "same" and cells[2]["value"] == "—"


def test_compare_all_gives_the_slowest_routes_p99(design):
    from estimator.engine.compare import compare_all
    from estimator.present.tables import compare_table

    design["components"][1]["instances"] = 4  # api no longer saturated: every route has a p99
    result = estimate(design)
    slowest = max(w["p99_ms"] for w in result["latency"]["workloads"])
    old = estimate(design)
    old.pop("latency")

    row = compare_table(compare_all([result, old]))[-1]

    assert row["label"] == "Slowest route's p99 latency at peak"
    assert row["cells"][0]["value"] == fmt_ms(slowest) and row["cells"][1]["value"] == "—"
    saturated = estimate({**design, "components": [*design["components"][:1],
                                                   {**design["components"][1], "instances": 1},
                                                   *design["components"][2:]]})
    assert compare_all([saturated])[-1]["values"] == [None]  # a saturated route has no p99
