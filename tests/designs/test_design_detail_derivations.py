"""The design page shows each figure's derivation, expandable under it (plain <details>)."""

import json
import re
from html import escape
from pathlib import Path

import pytest
from django.urls import reverse

from designs.models import Estimate
from designs.services.designs import design_create
from estimator.engine.version import ENGINE_VERSION

URL_SHORTENER = Path(__file__).resolve().parents[2] / "designs" / "examples" / "url-shortener.json"
pytestmark = pytest.mark.django_db


@pytest.fixture
def url_shortener():
    document = json.loads(URL_SHORTENER.read_text())
    return design_create(
        owner=None, document=document, is_public=True, is_example=True, slug="url-shortener"
    )


def _details(client, design) -> list[str]:
    page = client.get(reverse("designs:detail", args=[design.slug])).content.decode()
    return re.findall(r'<details class="derivation">(.*?)</details>', page, re.S)


def test_the_reads_per_second_show_the_handbooks_working_inside_details(client, url_shortener):
    details = _details(client, url_shortener)

    text = "reads/s = 10,000,000,000 per month / (30 x 86,400 s) = 3,858/s ~ 4K/s"
    assert any(escape(text) in block for block in details)


def test_storage_cache_and_bandwidth_rows_show_their_working(client, url_shortener):
    details = "\n".join(_details(client, url_shortener))

    assert "= 6.08 TB ~ 6 TB" in details  # storage over 10 years
    assert "cache = 20% of the daily read volume" in details
    assert "outgoing = requests/s x response size" in details


def test_each_route_shows_its_series_working(client, url_shortener):
    details = "\n".join(_details(client, url_shortener))

    for name in ("shorten", "redirect"):
        assert re.search(rf"<summary>{name}</summary><p class=\"working\">{name}: client 100% x ",
                         details)
    assert "availability = each workload&#x27;s route in series" in details


def test_an_older_engines_estimate_without_derivations_is_computed_again(client, url_shortener):
    """An older engine wrote no derivations: its estimate is computed again, never read as
    it is, and the page shows the new one with its derivations."""
    estimate = url_shortener.estimates.get()
    result = dict(estimate.result, engine_version=ENGINE_VERSION - 1)
    del result["derivations"]
    Estimate.objects.filter(pk=estimate.pk).update(result=result)

    response = client.get(reverse("designs:detail", args=["url-shortener"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "3,858/s" in page and '<details class="derivation">' in page
    assert url_shortener.estimates.get().result["engine_version"] == ENGINE_VERSION


REPLICATED = {
    "name": "Replicated",
    "assumptions": {"peak_factor": 1.0},
    "workloads": [{"name": "read", "kind": "read", "rate": 1000, "route": ["api", "db"]},
                  {"name": "write", "kind": "write", "rate": 100, "route": ["api", "db"]}],
    "components": [
        {"key": "api", "kind": "service", "instances": 4, "capacity_rps": 1000},
        {"key": "db", "kind": "database", "capacity_rps": 2000},
        {"key": "db_replica", "kind": "database", "capacity_rps": 2000, "replica_of": "db"},
    ],
}


def test_a_replica_s_spread_and_each_latency_row_open_to_their_working(client, user):
    design = design_create(owner=user, document=REPLICATED)
    client.force_login(user)
    page = client.get(reverse("designs:detail", args=[design.slug])).content.decode()

    components = page.split('id="component-table"')[1].split("</table>")[0]
    assert ("<summary>db_replica</summary><p class=\"working\">db_replica: db and its replica "
            "db_replica share reads; writes go to db; reads reaching the group at peak "
            "1,000/s") in components
    assert "takes 50% = 500/s + writes 100/s: peak load 600/s" in components  # db
    latency = page.split('id="component-latency-table"')[1].split("</table>")[0]
    assert re.search(r"<summary>api</summary><p class=\"working\">api: an M/M/c queue with "
                     r"c = 4 serving", latency)
    routes = page.split('id="route-latency-table"')[1].split("</table>")[0]
    assert "a step on a replica group takes the time of the member it names" in routes
