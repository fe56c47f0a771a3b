"""The design page's "Requests served at peak" and the availability summary's two figures;
the report's same rows."""

import pytest
from django.urls import reverse

from designs.reports import render
from designs.services.designs import design_create
from designs.services.examples import examples_load
from estimator.engine import estimate
from estimator.present import tables
from tests.engine.test_handbook_examples import load
from tests.samples import sample_document


def _html(client, slug: str) -> str:
    response = client.get(reverse("designs:detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_overloaded_design_shows_what_is_served_and_lost(client, user):
    # The round-figures sample: its api is offered 2,200/s at peak against 2,000/s.
    design = design_create(owner=user, document=sample_document("round-figures"))
    client.force_login(user)

    page = _html(client, design.slug)

    assert 'href="#overload"' in page and 'id="overload-heading"' in page
    assert 'data-testid="served-share"' in page and "90.91%" in page
    assert 'id="overload-workload-table"' in page and 'id="overload-component-table"' in page
    assert "2,200/s" in page and "9.09%" in page
    assert 'data-testid="requests-served"' in page
    summary = tables.availability_summary(estimate(sample_document("round-figures")))
    assert summary["overall"] in page and summary["requests_served"] in page
    assert "It serves 2K of 2.2K requests/s at peak: 9.1% of the requests through it " \
           "are lost." in page
    assert "Every request is served at peak" not in page


@pytest.mark.django_db
def test_an_example_at_its_own_figures_serves_every_request(client):
    examples_load()

    page = _html(client, "whatsapp")

    assert ('data-testid="overload-empty">Every request is served at peak: no component is '
            'past its capacity.</p>') in page
    assert 'id="overload-workload-table"' not in page


def test_the_report_gives_the_same_rows():
    document = load("whatsapp")
    document["assumptions"]["daily_active_users"] = 1_000_000_000
    result = estimate(document)
    markdown = render("md", document=document, estimate=result, version=1,
                      slug="whatsapp").decode()

    assert "### Requests served at peak" in markdown
    assert "10.4% of peak requests are served." in markdown
    assert tables.availability_summary(result)["requests_served"] in markdown
    assert "| **Load balancers** | **2.13M/s** | **200,000/s** | **90.61%** |" in markdown
    assert "send message: served share at peak = " in markdown


def test_the_report_says_when_every_request_is_served():
    document = load("whatsapp")
    markdown = render("md", document=document, estimate=estimate(document), version=1,
                      slug="whatsapp").decode()

    assert "### Requests served at peak" in markdown
    assert "Every request is served at peak: no component is past its capacity." in markdown
