"""GET /api/estimates/{id}/ of each handbook example: the estimate document carries the
engine's analysis (importance, latency, growth, cost, N+1, uncertainty, sensitivity)."""

import pytest
from django.urls import reverse

from designs.models import Design
from designs.services.examples import examples_load

pytestmark = pytest.mark.django_db

EXAMPLES = ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]


@pytest.mark.parametrize("slug", EXAMPLES)
def test_each_examples_estimate_document_has_the_deeper_figures(api, slug):
    examples_load()
    stored = Design.objects.get(slug=slug).estimates.get()

    body = api.get(reverse("api:estimate-detail", args=[stored.pk])).json()

    result = body["result"]
    assert {"importance", "latency", "growth", "cost", "n_plus_one", "uncertainty",
            "sensitivity"} <= set(result)
    assert result["importance"]["improve_first"] in {c["key"] for c in result["components"]}
    assert result["cost"]["total_month"] > 0 and result["cost"]["currency"] == "USD"
    assert result["latency"]["workloads"] and result["growth"]["years"]
    assert result["n_plus_one"] and result["uncertainty"]["samples"] == 0
    assert result["sensitivity"]["figures"]
    assert all(w["method"] and w["paths"] >= 1 for w in result["availability"]["workloads"])
