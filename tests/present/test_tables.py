from estimator.engine import estimate
from estimator.present.tables import (
    availability_summary,
    component_table,
    estimate_table,
    render_text,
)


def _by_label(document):
    return {row["label"]: row for row in estimate_table(estimate(document))}


def test_estimate_table_shows_exact_and_rounded_figures(design):
    rows = _by_label(design)
    assert rows["Reads per second"] == {
        "label": "Reads per second", "exact": "1,000/s", "approx": "~1K/s",
        "derivation": "reads/s = 1,000,000 users x 86.4 per user per day / 86,400 s"
                      " = 1,000/s ~ 1K/s"}
    assert rows["Daily active users"]["exact"] == "1M"
    assert rows["Storage over 10 years"]["exact"] == "31.5 TB"
    assert "Media storage per day" not in rows


def test_component_table_marks_levels_and_spof(design):
    rows = {r["key"]: r for r in component_table(estimate(design))}
    assert rows["api"]["level"] == "hot" and rows["api"]["utilization"] == "110%"
    assert rows["cache"]["level"] == "ok"
    assert rows["db"]["spof"] is True


def test_availability_summary_has_four_downtime_periods(design):
    summary = availability_summary(estimate(design))
    assert [d["period"] for d in summary["downtime"]] == ["year", "month", "week", "day"]


def test_text_summary_names_the_top_bottleneck(design):
    text = render_text("Test design", estimate(design))
    assert text.startswith("High-level estimate: Test design")
    assert "[critical] api is saturated" in text
