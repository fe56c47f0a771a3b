from estimator.engine import estimate
from estimator.present.tables import (
    headline_rows,
    resource_table,
    utilization_level,
)


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


def test_headline_rows_of_a_design_without_workloads_say_nothing_is_estimated():
    document = {"name": "Empty", "components": [{"key": "api", "kind": "service"}]}

    rows = headline_rows(estimate(document))

    assert [r["key"] for r in rows] == ["nothing_estimated"]
    assert rows[0]["text"].startswith("No workloads yet: add one in the Workloads tab")
