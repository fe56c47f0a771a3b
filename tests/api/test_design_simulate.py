"""POST /api/designs/{id}/simulate/ and the simulation's life as GET /api/simulations/{id}/
shows it: queued, running with its progress, done beside the analytic figures."""

import pytest
from django.urls import reverse

from designs.models import Estimate, Simulation
from designs.services.simulations import simulation_run
from tests.api.helpers import assert_error
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db

QUICK = {"requests": 3000, "seed": 3}  # a few thousand requests: a fraction of a second


def _simulate_url(design) -> str:
    return reverse("api:design-simulate", args=[design.pk])


def test_it_queues_the_simulation_and_answers_202_with_its_location(
    owner_api, design, no_worker
):
    response = owner_api.post(_simulate_url(design), QUICK)

    assert response.status_code == 202, response.content
    body = response.json()
    simulation = Simulation.objects.get(design=design)
    assert body["id"] == simulation.pk and body["status"] == "queued"
    assert body["progress"] == 0 and body["result"] is None and body["beside_analytic"] is None
    assert body["settings"] == {"requests": 3000, "multiple": 1.0, "seed": 3, "failed": []}
    assert body["design"] == design.pk and body["design_version"] == design.version
    url = f"http://testserver/api/simulations/{simulation.pk}/"
    assert response["Location"] == body["url"] == url


def test_it_takes_the_engines_defaults_without_a_body(owner_api, design, no_worker):
    response = owner_api.post(_simulate_url(design))

    assert response.status_code == 202, response.content
    assert response.json()["settings"] == {
        "requests": 100_000, "multiple": 1.0, "seed": 0, "failed": []}


def test_it_follows_the_simulation_from_queued_to_done_beside_the_analytic_figures(
    owner_api, design, no_worker
):
    url = owner_api.post(_simulate_url(design), QUICK)["Location"]
    Simulation.objects.update(status="running", progress=0.4)
    assert owner_api.get(url).json()["progress"] == 0.4
    Simulation.objects.update(status="queued", progress=0)

    simulation_run(simulation_id=Simulation.objects.get().pk)  # what the worker does

    body = owner_api.get(url).json()
    assert body["status"] == "done" and body["progress"] == 1 and body["error"] == ""
    names = {w["name"] for w in design.document["workloads"]}
    assert {w["name"] for w in body["result"]["workloads"]} == names
    beside = body["beside_analytic"]
    assert {w["name"] for w in beside["workloads"]} == names
    figure = beside["workloads"][0]["latency"]["p95"]
    assert set(figure) == {"analytic", "simulated", "difference", "tolerance", "disagrees"}
    assert figure["tolerance"] == 0.15 and figure["simulated"] > 0


def test_the_beside_part_is_computed_while_the_estimate_is_not_done(
    owner_api, design, no_worker
):
    assert not Estimate.objects.filter(design=design, status="done").exists()
    url = owner_api.post(_simulate_url(design), QUICK)["Location"]
    simulation_run(simulation_id=Simulation.objects.get().pk)

    beside = owner_api.get(url).json()["beside_analytic"]

    assert beside["workloads"][0]["latency"]["mean"]["analytic"] > 0
    assert not Estimate.objects.filter(design=design, status="done").exists()  # nothing saved


def test_in_process_it_is_done_when_answered(owner_api, design):
    response = owner_api.post(_simulate_url(design), QUICK)

    assert response.status_code == 202
    assert response.json()["status"] == "done"
    assert response.json()["beside_analytic"]["comparable"] is True


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"requests": 0}, "requests", "greater than or equal to 1"),
        ({"requests": 2_000_000}, "requests", "less than or equal to 1000000"),
        ({"requests": "many"}, "requests", "valid integer"),
        ({"multiple": 0}, "multiple", "above 0"),
        ({"multiple": 1000}, "multiple", "less than or equal to 100"),
        ({"seed": -1}, "seed", "greater than or equal to 0"),
        ({"failed": ["nowhere"]}, "failed", "'nowhere' is not a component"),
        ({"failed": "db"}, "failed", "list"),
        ({"speed": 2}, "speed", "unknown field"),
    ],
)
def test_a_bad_setting_answers_400_naming_it(owner_api, design, body, field, words):
    response = owner_api.post(_simulate_url(design), body)

    assert_error(response, 400, field, words)
    assert not Simulation.objects.exists()


def test_a_design_the_engine_refuses_answers_400_naming_its_field(owner_api, user, document):
    document["components"][0]["instances"] = -1
    broken = DesignFactory(owner=user, document=document)

    response = owner_api.post(_simulate_url(broken), QUICK)

    assert_error(response, 400, "document.components[0].instances")
    assert not Simulation.objects.exists()


def test_anonymous_callers_are_refused_401(api, public_design):
    assert api.post(_simulate_url(public_design), QUICK).status_code == 401


def test_a_design_you_may_not_see_is_404(other_api, design):
    assert_error(other_api.post(_simulate_url(design), QUICK), 404, "")


def test_anyone_who_may_see_a_public_design_may_simulate_it(other_api, public_design):
    assert other_api.post(_simulate_url(public_design), QUICK).status_code == 202


def test_a_simulation_is_visible_as_its_design_is(owner_api, other_api, api, design):
    url = owner_api.post(_simulate_url(design), QUICK)["Location"]

    assert owner_api.get(url).status_code == 200
    assert_error(other_api.get(url), 404, "")
    assert_error(api.get(url), 404, "")
    assert_error(owner_api.get(reverse("api:simulation-detail", args=[999_999])), 404, "")


def test_the_design_links_to_its_simulate_endpoint(owner_api, design):
    body = owner_api.get(reverse("api:design-detail", args=[design.pk])).json()

    assert body["links"]["simulate"] == f"http://testserver{_simulate_url(design)}"
