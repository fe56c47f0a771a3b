"""The design page's "SLOs" section and the report's same rows."""

from django.urls import reverse

from designs.reports import render
from designs.services.designs import design_create
from estimator.engine import estimate
from tests.engine.test_slos import SMALL
from tests.samples import sample_document

TARGETS = {"availability": 0.9999, "p99_ms": {"redirect": 200}, "monthly_budget": 300}


def _html(client, user, document) -> str:
    design = design_create(owner=user, document=document)
    client.force_login(user)
    response = client.get(reverse("designs:detail", args=[design.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_each_slo_met_or_missed_with_its_margin(client, user):
    page = _html(client, user, {**SMALL, "slos": TARGETS})

    assert 'href="#slos"' in page and 'id="slos-heading"' in page
    assert 'id="slo-table"' in page and 'data-testid="slos-empty"' not in page
    assert "1 met, 2 missed" in page
    availability = page.split('<tr data-slo="availability">')[1].split("</tr>")[0]
    # 0.999999 x 0.999 = 99.8999% against 99.99%: 0.0901 points and 1.00 nines short.
    assert "99.99% (4.00 nines)" in availability and "99.8999% (3.00 nines)" in availability
    assert '<span class="level-hot">missed</span>' in availability
    assert "−0.0901 points (−1.00 nines)" in availability
    p99 = page.split('<tr data-slo="p99">')[1].split("<tr data-slo")[0]
    assert "p99 of &#x27;redirect&#x27;" in p99 and "200 ms" in p99 and "50.0 ms" in p99
    assert '<span class="level-ok">met</span>' in p99
    assert "150 ms under (75% of the target)" in p99
    # A row, and the line under it that says where to look first when it is missed.
    budget = page.split('<tr data-slo="budget">')[1].split("</tbody>")[0]
    assert "$300" in budget and "$340" in budget and "level-hot" in budget
    assert "$40 over (13.3% of the target)" in budget
    assert ('data-testid="slo-look-first">Monthly budget is $340 against $300: the largest '
            'part is db (1 x $200): $200 a month</div>') in budget
    assert 'data-testid="slo-look-first"' not in p99  # met: nothing to look at
    assert "budget SLO: cost $340 a month against $300" in budget  # its derivation


def test_a_design_without_slos_shows_the_empty_state(client, user):
    page = _html(client, user, sample_document("round-figures"))

    assert 'id="slos-heading"' in page and 'id="slo-table"' not in page
    assert ('data-testid="slos-empty">This design states no SLOs: add `slos` in the JSON tab '
            '(availability, p99 per workload, monthly budget).</p>') in page


def test_the_report_gives_the_same_rows():
    document = {**SMALL, "slos": TARGETS}
    markdown = render("md", document=document, estimate=estimate(document), version=1,
                      slug="slo-design").decode()

    assert "### SLOs" in markdown
    assert "1 met, 2 missed." in markdown
    assert "150 ms under (75% of the target)" in markdown
    assert "$40 over (13.3% of the target)" in markdown
    assert "Availability (requests served) is 99.8999% (3.00 nines) against 99.99% (4.00 " \
           "nines): improve db first" in markdown


def test_the_report_says_when_no_slos_are_stated():
    document = sample_document("round-figures")
    markdown = render("md", document=document, estimate=estimate(document), version=1,
                      slug="round").decode()

    assert "### SLOs" in markdown and "This design states no SLOs" in markdown
