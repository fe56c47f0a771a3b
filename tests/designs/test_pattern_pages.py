"""The pattern library's pages, and the links to them from the design page and the reports."""

import re
from html import escape

import pytest
from django.urls import reverse

from designs.reports import render
from designs.services.examples import examples_load
from estimator.present import patterns
from tests.designs.report_helpers import pdf_reader
from tests.engine.test_handbook_examples import estimated, load


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [p.slug for p in patterns.patterns()])
def test_every_pattern_page_answers(client, slug):
    pattern = patterns.pattern(slug)

    response = client.get(reverse("designs:pattern", args=[slug]))

    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("When to use it", "When not to", "Trade-offs", "What it does to the figures"):
        assert heading in page
    assert escape(pattern.summary) in page  # rendered as text, escaped


@pytest.mark.django_db
def test_the_list_links_every_pattern(client):
    page = client.get(reverse("designs:patterns")).content.decode()

    for pattern in patterns.patterns():
        assert f'href="{reverse("designs:pattern", args=[pattern.slug])}"' in page


@pytest.mark.django_db
def test_an_unknown_pattern_is_not_found(client):
    assert client.get("/patterns/no-such-pattern/").status_code == 404


@pytest.mark.django_db
def test_a_pattern_page_lists_the_examples_whose_components_use_it(client):
    page = client.get(reverse("designs:pattern", args=["cache-aside"])).content.decode()

    uses = page.split('data-testid="pattern-uses"')[1].split("</ul>")[0]
    assert f'href="{reverse("designs:detail", args=["url-shortener"])}"' in uses
    assert "/designs/new/?template=read-heavy-cache-cdn" in uses
    assert "Event pipeline" not in uses  # it has no cache


@pytest.mark.django_db
def test_each_remedy_on_the_design_page_links_to_its_pattern(client):
    examples_load()

    page = client.get(reverse("designs:detail", args=["url-shortener"])).content.decode()

    bottlenecks = page.split('id="bottlenecks"')[1].split("</section>")[0]
    remedies = re.findall(r"<li>(.*?)</li>", bottlenecks.split('class="remedies"', 1)[1])
    assert remedies
    assert all('data-testid="remedy-pattern"' in remedy for remedy in remedies)
    for href in re.findall(r'href="(/patterns/[^"]+)"', bottlenecks):
        assert client.get(href).status_code == 200


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_reports_link_each_remedy_to_its_pattern_by_full_url(settings, fmt):
    settings.SITE_URL = "https://estimator.example.com"

    report = render(fmt, document=load("url-shortener"), estimate=estimated("url-shortener"),
                    version=1, slug="url-shortener").decode()

    bottlenecks = report.split("Bottlenecks and their resolutions")[-1]
    links = re.findall(r"https://estimator\.example\.com/patterns/([a-z-]+)/", bottlenecks)
    slugs = {p.slug for p in patterns.patterns()}
    assert links and set(links) <= slugs
    if fmt == "md":
        assert ("**[Replicated load-balanced services](<https://estimator.example.com/patterns/"
                "replicated-load-balanced-services/>)**: run at least two instances") in report


def test_the_pdf_report_links_each_remedy_to_its_pattern(settings):
    settings.SITE_URL = "https://estimator.example.com"

    pdf = render("pdf", document=load("url-shortener"), estimate=estimated("url-shortener"),
                 version=1, slug="url-shortener")

    uris = [annotation.get_object()["/A"]["/URI"]
            for page in pdf_reader(pdf).pages for annotation in page.get("/Annots") or []
            if "/A" in annotation.get_object()]
    assert "https://estimator.example.com/patterns/active-active/" in uris


@pytest.mark.django_db
def test_the_practice_reveal_links_the_patterns_that_move_each_figure(client):
    examples_load()

    page = client.post(reverse("designs:practice", args=["twitter"]),
                       {"total_rps": "12K"}).content.decode()

    line = page.split('data-testid="patterns-cache_per_day"')[1].split("</p>")[0]
    assert f'href="{reverse("designs:pattern", args=["cache-aside"])}"' in line
    assert 'data-testid="patterns-availability"' in page


@pytest.mark.django_db
def test_the_help_page_links_the_pattern_library(client):
    page = client.get(reverse("designs:help")).content.decode()

    assert f'<a href="{reverse("designs:patterns")}">Patterns</a>' in page
