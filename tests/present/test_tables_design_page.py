from estimator.engine import estimate
from estimator.present.tables import (
    component_availability_rows,
    headline_rows,
    resource_table,
    route_availability_rows,
    utilization_level,
)


def test_route_availability_shows_the_product_of_its_components(design):
    design["components"][1]["availability"] = 0.99  # api, two instances: 99.99%
    design["components"][3]["availability"] = 0.999  # db, one instance

    rows = {r["name"]: r for r in route_availability_rows(design, estimate(design))}

    assert rows["write"]["route"] == "client → api → db"
    assert rows["write"]["formula"] == "100% x 99.99% x 99.9% = 99.89001%"
    assert rows["write"]["nines"] == "2.96"
    assert rows["read"]["formula"].count(" x ") == 3


def test_route_availability_counts_a_component_once(design):
    design["workloads"][0]["route"] = ["client", "api", {"key": "api", "fan_out": 2}, "db"]

    rows = route_availability_rows(design, estimate(design))

    assert rows[0]["route"] == "client → api → db"


def test_component_availability_rows_have_nines(design):
    rows = {r["key"]: r for r in component_availability_rows(estimate(design))}

    assert rows["client"]["nines"] == "perfect"
    assert rows["api"]["instances"] == 2 and rows["api"]["redundancy"] == "active-active"


def test_resource_table_names_the_copies_and_peaks(design):
    design["assumptions"]["replication_factor"] = 3

    labels = [row["label"] for row in resource_table(estimate(design))]

    assert "Stored over 10 years (3 copies)" in labels
    assert "Outgoing bandwidth at peak" in labels
    assert "Cache need (20% of a day's reads)" in labels


def test_utilization_level():
    assert [utilization_level(u, 0.7) for u in (None, 0.7, 0.71, 1.01)] == [
        "none", "ok", "warm", "hot"]


def test_headline_rows_write_the_editor_s_three_figures(design):
    rows = {r["key"]: r for r in headline_rows(estimate(design))}

    assert rows["total_rps"]["text"] == "1,100/s (peak 2,200/s)"
    assert rows["storage_total"]["label"] == "Storage over 10 years"
    assert rows["availability"]["text"].endswith(" nines)")
