"""The design page of each handbook example shows importance, N+1, latency, growth, cost,
uncertainty, sensitivity and the what-if panel, with figures from its stored estimate."""

from html import escape

import pytest
from django.urls import reverse

from designs.models import Design
from designs.services.examples import examples_load
from estimator.engine.version import ENGINE_VERSION
from estimator.present import tables

EXAMPLES = ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]


def _page(client, slug: str) -> tuple[str, dict]:
    examples_load()
    design = Design.objects.get(slug=slug)
    page = client.get(reverse("designs:detail", args=[slug])).content.decode()
    return page, design.estimates.get().result


@pytest.mark.django_db
@pytest.mark.parametrize("slug", EXAMPLES)
def test_each_example_shows_improve_first_n_plus_one_latency_and_cost(client, slug):
    page, result = _page(client, slug)

    assert escape(tables.improve_first(result)) in page
    first = tables.importance_rows(result)[0]
    assert escape(first["name"]) in page and first["if_perfect"] in page
    assert "<th>N+1</th>" in page and ("passes" in page or "fails" in page)
    route = tables.latency_tables(result)["workloads"][0]
    assert 'id="route-latency-table"' in page and route["p99"] in page
    assert '<th class="num">p50</th>' in page and route["p50"] in page
    assert 'data-testid="latency-note"' in page
    assert tables.cost_summary(result)["total"] in page and "AWS" in page
    assert 'id="component-latency-table"' in page and 'id="cost-table"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("slug", EXAMPLES)
def test_each_example_shows_growth_uncertainty_sensitivity_and_the_whatif_panel(client, slug):
    page, result = _page(client, slug)

    assert "No growth assumed" in page  # the handbook keeps traffic flat
    assert 'id="chart-growth"' in page and 'id="figure-growth"' in page
    assert "may be given as a range" in page  # no example uses ranges
    driver = tables.sensitivity_table(result)["figures"][0]["drivers"][0]
    assert 'id="sensitivity-table"' in page and driver["input"] in page
    assert 'data-testid="whatif-form"' in page and 'data-testid="whatif-submit"' in page
    assert 'data-testid="whatif-result"' in page
    assert reverse("api:design-whatif", args=[Design.objects.get(slug=slug).pk]) in page
    assert ">series</td>" in page  # the routes' availability method


@pytest.mark.django_db
def test_a_ranged_input_shows_p10_p50_p90(client, design):
    document = {**design.document, "assumptions": {
        **design.document["assumptions"],
        "daily_active_users": {"low": 500_000, "mid": 1_000_000, "high": 2_000_000}}}
    design.document, design.is_public = document, True
    design.save()
    design.estimates.all().delete()

    page = client.get(reverse("designs:detail", args=[design.slug])).content.decode()

    assert 'id="uncertainty-table"' in page and "P90" in page


@pytest.mark.django_db
def test_an_estimate_an_older_engine_stored_is_computed_again_and_shown_whole(client):
    examples_load()
    stored = Design.objects.get(slug="whatsapp").estimates.get()
    for key in ("importance", "latency", "growth", "cost", "n_plus_one", "uncertainty",
                "sensitivity", "engine_version"):
        stored.result.pop(key)
    stored.save()

    response = client.get(reverse("designs:detail", args=["whatsapp"]))

    page = response.content.decode()
    assert response.status_code == 200 and 'id="improve-first"' in page
    assert 'id="cost-table"' in page and 'data-testid="whatif-form"' in page
    stored.refresh_from_db()
    assert stored.result["engine_version"] == ENGINE_VERSION and stored.attempts == 2


@pytest.mark.django_db
def test_compare_shows_the_monthly_cost_of_each_example(client):
    examples_load()
    results = [Design.objects.get(slug=s).estimates.get().result for s in ("whatsapp", "uber")]

    page = client.get("/compare/?designs=whatsapp,uber").content.decode()

    assert '<th scope="row">Cost per month</th>' in page
    assert "Slowest route&#x27;s p99 latency at peak" in page
    for index, result in enumerate(results):
        value = f'data-testid="compare-value-cost.total_month-{index}">'
        assert value + tables.fmt_money(result["cost"]["total_month"]) in page


@pytest.mark.django_db
def test_the_cost_table_labels_what_the_total_includes(client):
    page, result = _page(client, "twitter")

    total = page.split('data-testid="cost-line-total"')[1].split("</tr>")[0]
    assert "Total a month (instances + storage at end of year 1 + egress)" in total
    assert tables.cost_summary(result)["total"] in total
    left_out = page.split('data-testid="cost-line-storage_at_end"')[1].split("</tr>")[0]
    assert "(not in the total)" in left_out
