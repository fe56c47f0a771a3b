"""The compare page with a design without workloads: its column says nothing is estimated
yet, it draws no bar, and the base is the first design picked that has workloads."""

import json

import pytest

from designs.services.designs import design_create
from estimator.engine.result import EstimateView
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE
from estimator.present.units import fmt_percent
from tests.designs.factories import DesignFactory
from tests.designs.test_compare_page import _document

URL = "/compare/"
pytestmark = pytest.mark.django_db




@pytest.fixture
def designs(user):
    """An empty design (components, no workloads) and two with 100 and 112 reads a second."""
    empty = design_create(owner=user, slug="boxes", document={
        "name": "Boxes only", "components": [{"key": "lb", "kind": "load_balancer"},
                                             {"key": "api", "kind": "service"}],
        "links": [{"from": "lb", "to": "api"}]})
    return [
        empty,
        DesignFactory(owner=user, slug="small", document=_document("Small", 100)),
        DesignFactory(owner=user, slug="bigger", document=_document("Bigger", 112)),
    ]


def _page(client, user, slugs: str) -> str:
    client.force_login(user)
    response = client.get(f"{URL}?designs={slugs}")
    assert response.status_code == 200
    return response.content.decode()


def _cell(page: str, testid: str) -> str:
    return page.split(f'data-testid="{testid}">', 1)[1].split("<", 1)[0]


def test_an_empty_first_pick_says_so_once_and_the_next_design_is_the_base(client, user, designs):
    page = _page(client, user, "boxes,small,bigger")

    assert page.count('data-testid="compare-nothing-0"') == 1  # one cell spans the column
    assert _cell(page, "compare-nothing-0") == NOTHING_ESTIMATED_SENTENCE
    assert 'data-testid="compare-value-traffic.total_rps-0"' not in page
    assert 'data-testid="compare-diff-traffic.total_rps-1"' not in page  # the base
    assert _cell(page, "compare-diff-traffic.total_rps-2") == "+12% / +12/s"
    assert "Differences are to <strong>Small</strong>" in page
    notice = _cell(page, "compare-not-estimated")
    assert notice.startswith("Nothing estimated yet for ")
    assert "the base is the first design picked that has workloads" in page
    series = EstimateView.from_document(designs[0].saved_estimate.result).availability.overall
    assert fmt_percent(series) not in page and fmt_percent(series, 6) not in page


def test_its_bars_are_left_out_and_its_diagram_drawn(client, user, designs):
    page = _page(client, user, "small,boxes")

    charts = page.split('id="compare-charts" type="application/json">', 1)[1]
    charts = json.loads(charts.split("</script>", 1)[0])
    assert "Small" in json.dumps(charts) and "Boxes only" not in json.dumps(charts)
    assert _cell(page, "compare-nothing-1") == NOTHING_ESTIMATED_SENTENCE
    assert "Differences are to <strong>Small</strong>" in page
    assert page.count('class="diagram-card"') == 2


def test_designs_all_without_workloads_have_no_table_and_no_charts(client, user, designs):
    design_create(owner=user, slug="also", document={"name": "Also empty"})

    page = _page(client, user, "boxes,also")

    assert "No design here has workloads, so there is nothing to compare yet." in page
    assert 'data-testid="compare-table"' not in page and 'id="compare-charts"' not in page
    assert "plotly.min.js" not in page
