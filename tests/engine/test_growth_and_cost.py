import pytest

from estimator.engine import estimate, validate


def test_no_growth_keeps_traffic_flat(design):
    growth = estimate(design)["growth"]
    assert growth["rate"] == 0
    assert {y["traffic_factor"] for y in growth["years"]} == {1.0}
    assert len(growth["years"]) == 10


def test_the_year_a_component_passes_its_capacity(design):
    design["components"][1]["instances"] = 4  # 2,200 / 4,000 = 55% today
    design["assumptions"]["growth_rate"] = 0.5  # 55%, 82.5%, 124% in year 3
    growth = estimate(design)["growth"]
    assert growth["years"][2]["traffic_factor"] == pytest.approx(2.25)
    assert growth["years"][2]["peak_rps"] == pytest.approx(2200 * 2.25)
    api = next(limit for limit in growth["limits"] if limit["component"] == "api")
    assert (api["kind"], api["year"]) == ("capacity", 3)
    assert api["message"] == (
        "api passes its capacity in year 3: add instances or shard before then.")


def test_the_year_a_store_outgrows_its_storage(design):
    per_year = 100 * 86_400 * 1000 * 365  # 3.15 TB a year at today's traffic
    design["assumptions"]["growth_rate"] = 1.0  # 1x, 2x, 4x: 3.15, 9.46, 22.1 TB kept
    design["components"][3]["storage_bytes"] = 2.5 * per_year
    limits = estimate(design)["growth"]["limits"]
    db = next(limit for limit in limits if limit["kind"] == "storage")
    assert (db["component"], db["year"]) == ("db", 2)
    assert "needs sharding" in db["message"]


def test_growth_adds_storage_year_by_year(design):
    design["assumptions"].update(growth_rate=0.1, retention_years=3)
    years = estimate(design)["growth"]["years"]
    added = [y["storage_added_bytes"] for y in years]
    assert added[1] == pytest.approx(added[0] * 1.1) and added[2] == pytest.approx(added[0] * 1.21)
    assert years[-1]["storage_cumulative_bytes"] == pytest.approx(sum(added))


def test_monthly_cost_of_instances_storage_and_egress(design):
    design["components"][1]["instances"] = 4
    cost = estimate(design)["cost"]
    assert cost["compute_month"] == pytest.approx(4 * 70 + 114 + 125)
    stored_gb = 100 * 86_400 * 1000 * 365 / 1e9  # kept at the end of the first year
    assert cost["storage_month"] == pytest.approx(stored_gb * 0.023)
    egress_gb = 1000 * 2000 * 86_400 * 30 / 1e9
    assert cost["egress_month"] == pytest.approx(egress_gb * 0.09)
    assert cost["total_month"] == pytest.approx(
        cost["compute_month"] + cost["storage_month"] + cost["egress_month"])
    assert cost["storage_month_at_end"] == pytest.approx(stored_gb * 10 * 0.023)
    assert cost["currency"] == "USD"


def test_a_design_overrides_prices(design):
    design["prices"] = {"instance_month": {"service": 100}, "egress_gb": 0}
    design["components"][3]["price_month"] = 500
    cost = estimate(design)["cost"]
    by_key = {c["key"]: c for c in cost["components"]}
    assert by_key["api"]["month"] == 200 and by_key["db"]["unit_month"] == 500
    assert cost["egress_month"] == 0


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"prices": {"instance_month": {"mainframe": 9}}}, "prices.instance_month.mainframe",
     "unknown field"),
    ({"prices": {"egress_gb": -1}}, "prices.egress_gb", "must not be negative"),
    ({"assumptions": {"growth_rate": -0.1}}, "assumptions.growth_rate", "must not be negative"),
])
def test_bad_prices_and_growth_name_the_field(design, change, field, words):
    design.update(change)
    messages = [str(e) for e in validate(design)]
    assert any(m.startswith(f"{field}: ") and words in m for m in messages), messages
