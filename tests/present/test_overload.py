"""The rows of "Requests served at peak" (estimator.present.overload), hand-computed."""

from estimator.engine import estimate
from estimator.present import tables
from estimator.present.overload import NOTHING_OVERLOADED


def test_an_overloaded_design_shows_each_workload_and_the_component_that_sheds(design):
    # api: 2 x 1,000/s against 2,200/s at peak serves 2,000: 90.91% of both workloads.
    table = tables.overload_table(estimate(design))
    assert table["overloaded"] and table["empty"] == ""
    assert table["served_share"] == "90.91%"
    rows = {row["name"]: row for row in table["workloads"]}
    assert rows["write"]["peak"] == "200/s" and rows["write"]["served_share"] == "90.91%"
    assert rows["write"]["lost"] == "18.2/s"
    assert rows["read"]["peak"] == "2,000/s" and rows["read"]["lost"] == "182/s"
    assert rows["read"]["derivation"].startswith("read: served share at peak = ")
    assert table["components"] == [
        {"key": "api", "name": "api", "offered": "2,200/s", "served": "2,000/s",
         "shed": "9.09%"}]


def test_nothing_overloaded_gives_the_empty_sentence(design):
    design["components"][1]["instances"] = 10
    table = tables.overload_table(estimate(design))
    assert not table["overloaded"]
    assert table["empty"] == NOTHING_OVERLOADED == (
        "Every request is served at peak: no component is past its capacity.")
    assert table["workloads"] == [] and table["components"] == []
    summary = tables.availability_summary(estimate(design))
    assert summary["requests_served"] == summary["overall"]
    assert not summary["overloaded"]


def test_the_availability_summary_gives_both_figures(design):
    summary = tables.availability_summary(estimate(design))
    assert summary["overloaded"]
    # Both workloads lose 1/11 at the api: requests served = overall x 10/11.
    assert summary["overall"] != summary["requests_served"]
    assert summary["requests_served_derivation"].startswith("requests served = ")


def test_the_terminal_summary_gives_requests_served_only_when_overloaded(design):
    text = tables.render_text("Test design", estimate(design))
    summary = tables.availability_summary(estimate(design))
    assert (f"Requests served: {summary['requests_served']} (90.91% of peak requests served: "
            f"components past their capacity)") in text
    design["components"][1]["instances"] = 10
    assert "Requests served" not in tables.render_text("Test design", estimate(design))
