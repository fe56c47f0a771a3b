"""The design page's simulation section in each state (none yet, queued or running, done
beside the analytic figures, failed) and its "Run simulation" form."""

import re

import pytest

from designs.models import Simulation
from designs.services.designs import design_create
from designs.services.simulations import simulation_request

pytestmark = pytest.mark.django_db

QUICK = {"requests": 2000, "seed": 1}


@pytest.fixture
def design(user, document):
    return design_create(owner=user, document=document)


def _section(client, design) -> str:
    page = client.get(f"/designs/{design.slug}/").content.decode()
    start = page.index('<section id="simulation"')
    return page[start:page.index("</section>", start)]


def test_without_a_simulation_it_explains_what_one_is_and_offers_the_form(client, user,
                                                                          design):
    client.force_login(user)

    section = _section(client, design)

    assert 'data-simulation-state="empty"' in section
    assert "Not simulated yet. A simulation checks the estimate" in section
    assert 'name="requests"' in section and 'value="100000"' in section
    assert 'name="multiple"' in section and 'name="seed"' in section
    assert "Run simulation</button>" in section and "csrfmiddlewaretoken" in section
    assert "A run stops after 25 seconds" in section


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(client, user, document):
    design = design_create(owner=user, document=document, is_public=True)

    section = _section(client, design)

    assert "to run a simulation" in section and "<form" not in section


def test_a_queued_simulation_shows_its_progress_and_the_url_to_poll(client, user, design,
                                                                    settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    simulation = simulation_request(design=design, **QUICK)
    Simulation.objects.filter(pk=simulation.pk).update(status="running", progress=0.4)
    client.force_login(user)

    section = _section(client, design)

    assert 'data-simulation-state="pending"' in section
    assert f'data-simulation-url="/api/simulations/{simulation.pk}/"' in section
    assert re.search(r'<progress max="1" value="0.4"[^>]*>40%</progress>', section)
    assert "Simulating 2,000 requests at 1x the peak traffic, seed 1" in section
    assert re.search(r"data-testid=\"simulation-run\" disabled", section)
    assert 'value="2000"' in section  # the form starts from the settings asked


def test_a_done_simulation_shows_the_figures_beside_the_analytic_ones(client, user, design):
    simulation_request(design=design, **QUICK)
    client.force_login(user)

    section = _section(client, design)

    assert 'data-simulation-state="done"' in section
    assert "Simulated 2,000 requests at 1x the peak traffic, seed 1" in section
    assert 'id="simulation-table"' in section and 'id="simulation-components-table"' in section
    workloads = [w["name"] for w in design.document["workloads"]]
    for name in workloads:
        assert f'rowspan="5">{name}</th>' in section
    assert section.count("<td>p99</td>") == len(workloads)
    assert 'data-testid="simulation-verdict"' in section
    assert "±15%" in section and "±5 pts" in section


def test_a_failed_simulation_says_why(client, user, design, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    simulation = simulation_request(design=design, **QUICK)
    Simulation.objects.filter(pk=simulation.pk).update(
        status="failed", error="stopped after 55 s, the time limit: the simulation took too long.")
    client.force_login(user)

    section = _section(client, design)

    assert 'data-testid="simulation-failed"' in section
    assert "stopped after 55 s, the time limit: the simulation took too long." in section


def test_run_simulation_asks_for_one_and_comes_back_to_the_section(client, user, design):
    client.force_login(user)

    response = client.post(f"/designs/{design.slug}/simulate/",
                           {"requests": "2000", "multiple": "1.5", "seed": "4"})

    assert response.status_code == 302
    assert response["Location"] == f"/designs/{design.slug}/#simulation"
    simulation = Simulation.objects.get(design=design)
    assert simulation.settings == {"requests": 2000, "multiple": 1.5, "seed": 4, "failed": []}
    assert simulation.status == "done"  # in-process without a broker


@pytest.mark.parametrize(
    ("form", "words"),
    [({"requests": "0", "multiple": "1", "seed": "0"}, "requests: must be from 1 to"),
     ({"requests": "lots", "multiple": "1", "seed": "0"}, "requests: Enter a whole number"),
     ({"requests": "100", "multiple": "500", "seed": "0"}, "multiple: must be above 0"),
     ({"requests": "100", "multiple": "1", "seed": "-2"}, "seed: must be from 0 to")],
)
def test_a_bad_setting_is_said_on_the_page_naming_it(client, user, design, form, words):
    client.force_login(user)

    page = client.post(f"/designs/{design.slug}/simulate/", form, follow=True).content.decode()

    assert f"Not simulated: {words}" in page
    assert not Simulation.objects.exists()


def test_run_simulation_needs_a_sign_in_and_a_design_you_may_see(client, other_user, design):
    url = f"/designs/{design.slug}/simulate/"
    form = {"requests": "100", "multiple": "1", "seed": "0"}

    assert client.post(url, form).status_code == 404  # private: not even seen
    type(design).objects.filter(pk=design.pk).update(is_public=True)
    assert client.post(url, form)["Location"].startswith("/account/login/")
    client.force_login(other_user)
    design.refresh_from_db()
    type(design).objects.filter(pk=design.pk).update(is_public=False)
    assert client.post(url, form).status_code == 404
    assert client.get(f"/designs/{design.slug}/simulate/").status_code in (404, 405)
    assert not Simulation.objects.exists()
