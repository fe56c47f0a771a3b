"""The report's simulation section: the newest finished simulation of the reported version,
beside the analytic figures, in every format; none when the version was never simulated."""

import json

import pytest
from django.urls import reverse

from designs.models import Report, Simulation
from designs.reports import render
from designs.reports.content import SECTION_HEADINGS, report_content
from designs.services.designs import design_create
from designs.services.simulations import simulation_request
from estimator.engine import estimate
from estimator.engine.simulate import simulate
from tests.designs.report_helpers import pdf_text
from tests.samples import sample_document


@pytest.fixture(scope="module")
def documents() -> tuple[dict, dict, dict]:
    """The photo-sharing sample, its estimate, and a simulation of it."""
    document = sample_document("photo-sharing")
    return document, estimate(document), simulate(document, requests=3000, seed=2)


def _headings(content) -> list[str]:
    return [section.title for section in content.sections]


def test_a_simulated_version_has_a_simulation_section_before_the_questions(documents):
    document, result, simulation = documents

    content = report_content(document=document, estimate=result, version=1, slug="photos",
                             simulation=simulation)

    headings = [heading for _, heading in SECTION_HEADINGS]
    assert _headings(content) == [
        f"{n}. {h}" for n, h in enumerate([*headings[:-1], "Simulation", headings[-1]], 1)]
    section = content.sections[-2]
    tables = [block for block in section.blocks if block.kind == "table"]
    assert tables[0].columns == ["Workload", "Figure", "Analytic", "Simulated", "Difference",
                                 "Tolerance"]
    assert {row[0] for row in tables[0].rows} == {"upload", "feed"}
    assert [row[1] for row in tables[0].rows[:5]] == ["Mean", "p50", "p95", "p99", "Served"]
    assert section.blocks[0].text.startswith(
        "Simulated 3,000 requests at 1x the peak traffic, seed 2: 3,000")


def test_without_a_simulation_the_sections_are_as_before(documents):
    document, result, _ = documents

    content = report_content(document=document, estimate=result, version=1, slug="photos")

    assert [s.heading for s in content.sections] == [h for _, h in SECTION_HEADINGS]


@pytest.mark.rendering
def test_every_format_carries_the_section(documents):
    document, result, simulation = documents
    given = {"document": document, "estimate": result, "version": 1, "slug": "photos",
             "simulation": simulation}

    markdown = render("md", **given).decode()
    html = render("html", **given).decode()
    pdf = pdf_text(render("pdf", **given))
    bundle = json.loads(render("json", **given))

    assert "## 9. Simulation" in markdown and "| Workload | Figure | Analytic |" in markdown
    assert "9. Simulation" in html and "Simulated 3,000 requests" in html
    assert "9. Simulation" in pdf and "Simulated 3,000 requests" in pdf
    assert bundle["simulation"] == json.loads(json.dumps(simulation))


@pytest.mark.django_db
def test_the_report_of_a_version_shows_its_newest_finished_simulation(client, user):
    client.force_login(user)
    design = design_create(owner=user, document=sample_document("photo-sharing"))
    url = reverse("api:design-report", args=[design.pk, "md"])
    assert "Simulation" not in client.get(url).content.decode()
    simulation_request(design=design, requests=2000, seed=5)  # done: the kept report dropped
    newest = simulation_request(design=design, requests=2500, seed=6)
    Simulation.objects.filter(pk=newest.pk).update(status="failed", result=None)

    report = client.get(url).content.decode()

    assert "## 9. Simulation" in report
    assert "Simulated 2,000 requests at 1x the peak traffic, seed 5" in report
    assert Report.objects.filter(design=design, format="md").count() == 1
