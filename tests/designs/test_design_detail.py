import re
from html import escape
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from designs import diagram
from designs.services.designs import design_create, design_update
from designs.services.examples import examples_load
from tests.designs.factories import DesignFactory

# A figure of each handbook example that its page must show (handbook-examples.md).
KNOWN_FIGURES = {
    "url-shortener": ["~4K/s", "6.08 TB"],
    "whatsapp": ["~23K/s"],
    "twitter": ["~12K/s"],
    "netflix": ["~12K/s"],
    "uber": ["~12K/s"],
}


def _page(client, slug: str):
    return client.get(reverse("designs:detail", args=[slug]))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", KNOWN_FIGURES)
def test_it_shows_each_examples_estimate_tables(client, slug):
    examples_load()

    response = _page(client, slug)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="estimate-table"' in page and 'id="component-table"' in page
    for label in ("Requests per second (total)", "Storage per day", "Cache memory per day"):
        assert label in page
    for figure in KNOWN_FIGURES[slug]:
        assert figure in page
    assert "Availability" in page and "nines" in page and "Headroom" in page


@pytest.mark.django_db
def test_it_lists_bottlenecks_with_remedies(client, design):
    design.is_public = True
    design.save()

    page = _page(client, design.slug).content.decode()

    # The fixture's cache runs on one instance: a single point of failure.
    assert "cache is a single point of failure" in page
    assert "Distributed cache replicas" in page


def test_it_hides_another_users_private_design(client, design, other_user):
    client.force_login(other_user)

    assert _page(client, design.slug).status_code == 404


def test_it_hides_a_private_design_from_anonymous_visitors(client, design):
    assert _page(client, design.slug).status_code == 404


def test_it_shows_a_private_design_to_its_owner(client, design, user):
    client.force_login(user)

    response = _page(client, design.slug)

    assert response.status_code == 200
    assert "Photo sharing" in response.content.decode()


def test_it_shows_a_public_design_to_everyone(client, design):
    design.is_public = True
    design.save()

    assert _page(client, design.slug).status_code == 200


def test_it_answers_404_for_an_unknown_slug(client, db):
    assert _page(client, "no-such-design").status_code == 404


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"name": "Broken", "workloads": [{"name": "r", "kind": "read", "route": ["dbb"]}]},
            "workloads[0].route[0]: unknown component &#x27;dbb&#x27;",
        ),
        ([1, 2, 3], "must be an object"),
    ],
)
def test_it_shows_why_a_broken_document_cannot_be_estimated(client, user, document, message):
    design = DesignFactory(owner=user, document=document)
    client.force_login(user)

    response = _page(client, design.slug)

    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be estimated" in page and message in page
    assert 'id="estimate-table"' not in page


# ---- the diagram, the charts, the estimate's status (issue 4, the design page) --------------

EXTERNAL_SOURCE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//")


def _html(client, slug: str) -> str:
    response = _page(client, slug)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", KNOWN_FIGURES)
def test_it_draws_each_examples_diagram_with_every_component_label(client, slug):
    [design] = [d for d in examples_load() if d.slug == slug]

    page = _html(client, slug)

    assert '<section id="diagram"' in page and 'role="img"' in page
    for component in design.document["components"]:
        for line in diagram.wrap(component.get("name", component["key"])):
            assert f">{escape(line)}</text>" in page


@pytest.mark.django_db
def test_it_has_the_three_charts_with_plotly_served_offline(client):
    examples_load()

    page = _html(client, "url-shortener")

    for name in ("traffic", "storage", "utilization"):
        assert f'id="chart-{name}" data-figure="figure-{name}"' in page
        assert f'<script id="figure-{name}" type="application/json">' in page
    assert '<script src="/static/vendor/plotly/plotly.min.js"' in page
    assert "designs/design_detail.js" in page
    assert EXTERNAL_SOURCE.search(page) is None


def test_the_plotly_bundle_is_found_among_the_static_files():
    path = finders.find("vendor/plotly/plotly.min.js")

    assert path is not None and Path(path).stat().st_size > 1_000_000


def test_the_external_source_check_catches_a_cdn():
    assert EXTERNAL_SOURCE.search('<script src="https://cdn.plot.ly/plotly.js"></script>')
    assert EXTERNAL_SOURCE.search('<link rel="stylesheet" href="//cdn.example/x.css">')
    assert not EXTERNAL_SOURCE.search('<script src="/static/vendor/plotly/plotly.min.js">')


@pytest.mark.django_db
def test_it_shows_availability_per_component_and_per_route(client):
    examples_load()

    page = _html(client, "url-shortener")

    assert 'id="route-availability-table"' in page
    assert 'id="component-availability-table"' in page
    # shorten: client, gateway, lb, shortener, kgs (one instance, 99.9%), db in series.
    assert " x 99.9% x " in page and "= 99.899849%" in page
    for period in ("year", "month", "week", "day"):
        assert f'<th scope="row">{period}</th>' in page


def test_a_queued_estimate_is_shown_and_polled(client, user, document, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # nothing runs the estimate: it stays queued
    design = design_create(owner=user, document=document)
    client.force_login(user)

    page = _html(client, design.slug)

    queued = design.estimates.get()
    assert queued.status == "queued"
    assert 'id="estimate-status"' in page
    assert f'data-estimate-url="{reverse("api:estimate-detail", args=[queued.pk])}"' in page
    assert 'data-estimate-status="queued"' in page and "updates itself" in page
    assert "designs/design_detail.js" in page
    # The design is drawn meanwhile, without figures.
    assert '<section id="diagram"' in page and "not estimated yet" in page
    assert 'id="estimate-table"' not in page and "vendor/plotly" not in page


def test_a_stale_estimate_says_so_while_the_new_one_is_queued(client, user, document, settings):
    design = design_create(owner=user, document=document)  # estimated in-process
    settings.CELERY_TASK_ALWAYS_EAGER = False
    document["components"][1]["instances"] = 6
    design_update(design=design, document=document)
    client.force_login(user)

    page = _html(client, design.slug)

    assert 'id="estimate-stale"' in page
    assert "these figures are the estimate of version 1; the design is at version 2" in page
    assert 'id="estimate-status"' in page and 'data-estimate-status="queued"' in page
    assert 'id="estimate-table"' in page and 'id="chart-traffic"' in page
    assert "service · x3" in page  # the diagram of version 1, as its figures


@pytest.mark.django_db
def test_a_finished_estimate_is_not_polled(client):
    examples_load()

    page = _html(client, "whatsapp")

    assert 'id="estimate-status"' not in page and "data-estimate-url" not in page


def test_a_hostile_component_name_is_escaped_everywhere(client, user, document):
    document["components"][1]["name"] = "<script>alert(1)</script>"
    design = design_create(owner=user, document=document)
    client.force_login(user)

    page = _html(client, design.slug)

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the tables and the tooltip
    assert "&lt;script&gt;alert(1)&lt;/sc</text>" in page  # the diagram's wrapped label
    assert "\\u003Cscript\\u003Ealert(1)" in page  # the charts' JSON (json_script)
