"""The design page's "Timeouts and retries" table and the report's: shown when a route step
has a timeout or retries, absent otherwise."""

import pytest
from django.urls import reverse

from designs.reports import render
from designs.services.designs import design_create
from designs.services.examples import examples_load
from estimator.engine import estimate
from estimator.present import tables
from tests.engine.test_retries import one_server


def _html(client, slug: str) -> str:
    response = client.get(reverse("designs:detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_design_with_retries_shows_their_amplification(client, user):
    # One retry on an M/M/1 api at 50/s with a 30 ms timeout: q = 35.62% (tests.engine.
    # test_retries), 1.36 attempts per call, 67.8/s at peak instead of 50/s.
    design = design_create(owner=user, document=one_server(
        {"key": "api", "timeout_ms": 30, "retries": 1}))
    client.force_login(user)

    page = _html(client, design.slug)

    assert 'href="#retries"' in page and 'id="retries-heading"' in page
    assert 'id="retries-step-table"' in page and 'id="retries-component-table"' in page
    assert "get → api" in page and "35.6202%" in page and ">1.36</span>" in page
    assert "50.0/s" in page and "67.8/s" in page
    assert "attempt fails q = 1 - (1 - down 0%)" in page  # the derivation opens under it
    assert "api gets 1.4 attempts per call: retries multiply its load" in page


@pytest.mark.django_db
def test_an_example_without_retries_has_no_such_section(client):
    examples_load()

    page = _html(client, "whatsapp")

    assert 'id="retries-heading"' not in page and 'href="#retries"' not in page


def test_the_report_gives_the_same_rows_and_none_without_retries():
    document = one_server({"key": "api", "timeout_ms": 30, "retries": 1})
    result = estimate(document)
    markdown = render("md", document=document, estimate=result, version=1,
                      slug="one-server").decode()
    assert "### Timeouts and retries" in markdown
    rows = tables.retries_table(result)
    assert rows["steps"][0]["per_call"] == "1.36"
    assert "| get → api | 30.0 ms | 1 | 35.6202% | 1.36 | 12.688% |" in markdown

    plain = one_server("api")
    markdown = render("md", document=plain, estimate=estimate(plain), version=1,
                      slug="one-server").decode()
    assert "Timeouts and retries" not in markdown
    assert tables.retries_table(estimate(plain))["stated"] is False


def test_requests_lost_to_timeouts_are_not_called_all_served():
    # Nothing past its capacity, but 12.7% of the calls time out twice: the overload table
    # does not say every request is served.
    result = estimate(one_server({"key": "api", "timeout_ms": 30, "retries": 1}))
    overload = tables.overload_table(result)
    assert not overload["overloaded"]
    assert overload["empty"].startswith("No component is past its capacity at peak; the "
                                        "requests lost at steps with a timeout or retries")
    assert tables.overload_table(estimate(one_server("api")))["empty"].startswith(
        "Every request is served at peak")
