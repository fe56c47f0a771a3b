"""Plotly figures: the expected traces, with values taken from the estimate as they are."""

import json
from pathlib import Path

import pytest

from designs import charts
from estimator.engine import estimate

EXAMPLES_DIR = Path(charts.__file__).resolve().parent / "examples"


def _example(slug: str) -> dict:
    return estimate(json.loads((EXAMPLES_DIR / f"{slug}.json").read_text(encoding="utf-8")))


def _traces(figure: dict) -> dict:
    return {trace.get("name"): trace for trace in figure["data"]}


@pytest.fixture
def result(document) -> dict:
    return estimate(document)


def test_storage_growth_stacks_text_by_year(result):
    figure = charts.storage_growth(result)

    by_year = result["storage"]["by_year"]
    assert list(_traces(figure)) == ["Text"]  # no media in this design
    text = _traces(figure)["Text"]
    assert text["type"] == "bar"
    assert text["x"] == [row["year"] for row in by_year]
    assert text["y"] == [row["text_bytes"] for row in by_year]
    assert figure["layout"]["barmode"] == "stack"
    assert figure["layout"]["title"]["text"] == "Storage kept over 10 years (replication x1)"
    assert figure["layout"]["yaxis"]["ticksuffix"] == "B"


def test_storage_growth_shows_media_and_the_replication_factor(document):
    document["assumptions"]["replication_factor"] = 3
    document["workloads"][0]["media"] = {"fraction": 0.1, "bytes": 1_000_000}
    result = estimate(document)

    figure = charts.storage_growth(result)

    media = _traces(figure)["Media"]
    assert media["y"] == [row["media_bytes"] for row in result["storage"]["by_year"]]
    assert "replication x3" in figure["layout"]["title"]["text"]


def test_utilization_has_a_bar_per_component_with_capacity_and_two_lines(result):
    figure = charts.utilization(result)

    [bar] = figure["data"]
    limited = [c for c in result["components"] if c["utilization"] is not None]
    assert bar["orientation"] == "h"
    assert bar["x"] == [c["utilization"] for c in limited]
    assert bar["y"] == [c["key"] for c in limited] and "client" not in bar["y"]
    assert figure["layout"]["yaxis"]["ticktext"] == [c["name"] for c in limited]
    lines = [shape["x0"] for shape in figure["layout"]["shapes"]]
    assert lines == [result["assumptions"]["target_utilization"], 1]


def test_utilization_colours_a_component_over_100_percent(document):
    document["components"][1]["capacity_rps"] = 100
    result = estimate(document)

    [bar] = charts.utilization(result)["data"]

    api = bar["y"].index("api")
    assert bar["marker"]["color"][api] == charts.LEVEL_COLOURS["hot"]


def test_traffic_has_average_and_peak_bars_for_reads_and_writes(result):
    figure = charts.traffic(result)

    traces = _traces(figure)
    assert list(traces) == ["Read · average", "Read · peak", "Write · average", "Write · peak"]
    feed = next(w for w in result["traffic"]["workloads"] if w["name"] == "feed")
    assert traces["Read · average"]["x"] == ["feed"]
    assert traces["Read · average"]["y"] == [feed["rps"]]
    assert traces["Read · peak"]["y"] == [feed["peak_rps"]]
    assert traces["Write · peak"]["offsetgroup"] == traces["Read · peak"]["offsetgroup"]


def test_design_charts_are_json_for_plotly_js(result):
    figures = charts.design_charts(result)

    assert set(figures) == {"storage", "utilization", "traffic"}
    for figure in figures.values():
        assert set(figure) >= {"data", "layout"}
        assert json.loads(json.dumps(figure)) == figure


def test_compare_bars_of_the_handbook_examples():
    slugs = ["url-shortener", "whatsapp", "netflix"]
    results = [_example(slug) for slug in slugs]

    figures = charts.compare_bars(slugs, results)

    assert set(figures) == {"rps", "storage", "nines", "headroom"}
    rps = _traces(figures["rps"])
    assert rps["Average"]["x"] == slugs
    assert rps["Average"]["y"] == [r["traffic"]["total_rps"] for r in results]
    assert rps["Peak"]["y"] == [r["traffic"]["peak_rps"] for r in results]
    assert figures["storage"]["data"][0]["y"] == [r["storage"]["bytes_total"] for r in results]
    assert figures["nines"]["data"][0]["y"] == [r["availability"]["nines"] for r in results]
    assert figures["headroom"]["data"][0]["y"] == [r["headroom"]["factor"] for r in results]
    json.dumps(figures)


def test_compare_bars_keep_designs_of_the_same_name_apart(result):
    perfect = dict(result, availability=dict(result["availability"], nines=None))

    figures = charts.compare_bars(["Same", "Same"], [result, perfect])

    nines = figures["nines"]["data"][0]
    assert nines["x"] == ["Same", "Same (2)"]
    assert nines["y"][1] is None and nines["text"][1] == "perfect"


def test_every_title_starts_below_the_plotly_toolbar():
    twitter = _example("twitter")
    figures = {**charts.design_charts(twitter),
               **charts.compare_bars(["Twitter", "Twitter again"], [twitter, twitter])}

    assert figures
    for name, figure in figures.items():
        title, margin = figure["layout"]["title"], figure["layout"]["margin"]
        assert (title["yref"], title["yanchor"]) == ("container", "top"), name
        assert title["pad"]["t"] >= 30, name  # the modebar is 26 px tall
        assert margin["t"] >= title["pad"]["t"] + 30, name  # room for the title's line


def test_utilization_puts_a_long_component_name_on_two_lines():
    figure = charts.utilization(_example("twitter"))

    ticks = figure["layout"]["yaxis"]["ticktext"]
    assert "Tweets database<br>(Cassandra)" in ticks
    assert "API gateway" in ticks  # a short one stays on one line


def test_a_name_of_any_length_is_at_most_two_short_tick_lines(document):
    # A hundred-character workload name once took Plotly's automatic margins past the
    # chart's height ("Something went wrong with axis scaling" in the browser).
    long_name = "checkout " + "x" * 60 + " and a long tail of words after it " * 3
    document["workloads"][0]["name"] = long_name
    result = estimate(document)

    traffic = charts.traffic(result)["layout"]["xaxis"]
    names = charts.compare_bars([long_name, "Short"], [result, result])
    for ticks in [traffic["ticktext"], *(names[k]["layout"]["xaxis"]["ticktext"]
                                         for k in ("rps", "storage", "nines", "headroom"))]:
        for tick in ticks:
            lines = tick.split("<br>")
            assert len(lines) <= 2 and all(len(line) <= 29 for line in lines), tick
    assert long_name in traffic["tickvals"]  # the category (and the hover) keeps the name


def test_the_growth_chart_starts_both_axes_at_zero():
    figure = charts.growth(_example("twitter"))

    layout = figure["layout"]
    assert layout["yaxis"]["rangemode"] == "tozero"
    assert layout["yaxis2"]["rangemode"] == "tozero"
    assert _traces(figure)["Storage kept"]["yaxis"] == "y2"
