"""Each handbook example's design page shows the sections issue 13 added: latency per
workload (p50, p95, p99, each route opening to its working), requests served, and its SLOs
met or missed."""

import re
from html import escape

import pytest
from django.urls import reverse

from designs.models import Design
from designs.services.examples import examples_load
from estimator.engine.result import EstimateView
from estimator.present import tables
from estimator.present.slos import slo_table

EXAMPLES = ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def examples():
    examples_load()


def _page(client, slug: str) -> tuple[str, EstimateView]:
    design = Design.objects.get(slug=slug)
    page = client.get(reverse("designs:detail", args=[slug])).content.decode()
    return page, EstimateView.from_document(design.estimates.get().result)


def _section(page: str, section: str) -> str:
    return page.split(f'<section id="{section}"')[1].split("</section>")[0]


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_latency_section_gives_each_workload_s_percentiles(client, examples, slug):
    page, view = _page(client, slug)
    latency = _section(page, "latency")
    routes = latency.split('id="route-latency-table"')[1].split("</table>")[0]
    assert '<th class="num">p50</th><th class="num">p95</th><th class="num">p99</th>' in routes
    for row, workload in zip(tables.latency_tables(view)["workloads"], view.latency.workloads,
                             strict=True):
        found = re.search(rf"<summary>{re.escape(escape(row['name']))}</summary>"
                          rf"<p class=\"working\">(.*?)</p>.*?</tr>", routes, re.S)
        assert found, row["name"]
        assert "a mixture over where the request stops" in found.group(1)
        cells = found.group(0)
        for name in ("p50", "p95", "p99"):
            assert f'<td class="num">{row[name]}</td>' in cells
        assert workload.p99_ms is not None  # no example saturates a route


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_requests_served_figures_show_with_their_working(client, examples, slug):
    page, view = _page(client, slug)
    summary = tables.availability_summary(view)
    served = page.split('data-testid="requests-served"')[1].split("</p>")[0]
    assert summary["requests_served"] in served
    assert escape(view.derivation_text("availability.requests_served")) in page
    # No example is past its capacity: the section says every request is served.
    assert 'data-testid="overload-empty"' in _section(page, "overload")


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_slo_section_says_met_or_missed(client, examples, slug):
    page, view = _page(client, slug)
    slos = _section(page, "slos")
    table = slo_table(view)
    assert len(table["rows"]) == len(view.slos) >= 3
    assert f"{table['met_count']} met, {table['missed_count']} missed" in slos
    for row in table["rows"]:
        verdict = "level-ok" if row["ok"] else "level-hot"
        assert f'<span class="{verdict}">{row["verdict"]}</span>' in slos
        assert escape(row["derivation"]) in slos
    # Every example meets its SLOs (a missed one's rendering: test_design_detail_slos.py).
    assert table["missed_count"] == 0 and "slo-look-first" not in slos
