"""The report of each handbook example carries the engine's analysis: the
improve-first advice, N+1 verdicts, latency per route, growth, the monthly cost total."""

import pytest

from designs.reports import render
from estimator.present import tables
from tests.engine.test_handbook_examples import SLUGS, estimated, load


def _markdown(slug: str) -> str:
    return render("md", document=load(slug), estimate=estimated(slug), version=1,
                  slug=slug).decode()


@pytest.mark.parametrize("slug", SLUGS)
def test_the_markdown_gives_the_improve_first_advice_and_the_cost_total(slug):
    result = estimated(slug)
    markdown = _markdown(slug)

    assert tables.improve_first(result) in markdown
    assert "Improve " in markdown and " first: availability would rise from " in markdown
    assert f"Total: {tables.cost_summary(result)['total']} a month (USD)" in markdown


@pytest.mark.parametrize("slug", SLUGS)
def test_the_markdown_gives_n_plus_one_latency_and_growth(slug):
    result = estimated(slug)
    markdown = _markdown(slug)

    assert "### N+1: losing one instance" in markdown
    assert "passes" in markdown or "fails" in markdown
    route = tables.latency_tables(result)["workloads"][0]
    assert "### Latency at peak" in markdown and route["p99"] in markdown
    assert "| p50 |" in markdown and route["p50"] in markdown
    assert "### Growth" in markdown and "No growth assumed." in markdown
    assert "### Uncertainty" not in markdown  # no example gives a range


def test_the_markdown_gives_p10_p50_p90_when_an_input_is_a_range():
    from estimator.engine import estimate

    document = load("url-shortener")
    document["workloads"][0]["rate"] = {"low": 50_000_000, "mid": 100_000_000,
                                        "high": 200_000_000}
    markdown = render("md", document=document, estimate=estimate(document), version=1,
                      slug="u").decode()

    assert "### Uncertainty" in markdown and "P90" in markdown
