"""A design without workloads saves, but its page says nothing is estimated yet rather than
showing figures of no request (the engine's availability of every component in series)."""

import pytest
from django.urls import reverse

from designs.services.designs import design_create
from estimator.engine import estimate
from estimator.engine.result import EstimateView
from estimator.present.units import fmt_percent

pytestmark = pytest.mark.django_db

NO_WORKLOADS = {
    "name": "Untitled design",
    "components": [
        {"key": "lb", "kind": "load_balancer"},
        {"key": "api", "kind": "service"},
        {"key": "db", "kind": "database"},
    ],
    "links": [{"from": "lb", "to": "api"}, {"from": "api", "to": "db"}],
}


def _page(client, design) -> str:
    return client.get(reverse("designs:detail", args=[design.slug])).content.decode()


def test_the_engine_still_answers_with_the_components_in_series():
    view = EstimateView.from_document(estimate(NO_WORKLOADS))

    assert not view.has_workloads
    assert 0 < view.availability.overall < 1  # the figure the page must not show


def test_the_page_shows_the_empty_state_and_no_figure(client, user):
    design = design_create(owner=user, document=NO_WORKLOADS)
    client.force_login(user)

    page = _page(client, design)

    assert 'data-testid="empty-state"' in page
    assert "No workloads yet: add one in the editor" in page
    assert f'href="{reverse("designs:edit", args=[design.slug])}"' in page
    series = EstimateView.from_document(design.saved_estimate.result).availability.overall
    assert fmt_percent(series) not in page
    for section in ('id="availability"', 'id="traffic"', 'id="bottlenecks"', "data-figure="):
        assert section not in page
    assert 'id="diagram"' in page  # the components are still drawn


def test_a_visitor_of_a_public_empty_design_gets_no_edit_button(client, user):
    design = design_create(owner=user, document=NO_WORKLOADS, is_public=True)

    page = _page(client, design)

    assert "No workloads yet" in page and 'data-testid="empty-edit"' not in page


def test_a_design_with_a_workload_shows_its_figures(client, user, document):
    design = design_create(owner=user, document=document)
    client.force_login(user)

    page = _page(client, design)

    assert 'data-testid="empty-state"' not in page and 'id="availability"' in page


def test_the_api_estimate_still_answers(client):
    response = client.post(reverse("api:estimate"), NO_WORKLOADS, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["traffic"]["workloads"] == []
    assert 0 < response.json()["availability"]["overall"] < 1


def test_the_editors_figures_of_its_estimate_say_nothing_is_estimated(client, user):
    design = design_create(owner=user, document=NO_WORKLOADS)
    client.force_login(user)

    body = client.get(reverse("api:estimate-detail", args=[design.saved_estimate.pk])).json()

    assert [row["key"] for row in body["headline"]] == ["nothing_estimated"]
    assert body["result"]["availability"]["overall"] < 1  # the document itself is whole
