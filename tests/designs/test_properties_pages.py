"""Properties of every surface that draws a design (Hypothesis, tests/strategies.py): for any
valid document, saved with design_create, the design page answers 200 with a well-formed
diagram and charts plotly.js can parse, the reports in Markdown, HTML and JSON answer 200,
and none shows "nan", "inf" or "-0.00" of its own.

One property, so that each example is saved and estimated once, and one user and client for
all its examples (one database setup). No PDF here: seconds each
(tests/designs/test_report_shapes.py prints one per group of shapes)."""

import json
import re
import time
import xml.etree.ElementTree as ElementTree

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from designs.services.designs import design_create
from tests.design_shapes import UNFORMATTED
from tests.hypothesis_profiles import ci_examples
from tests.strategies import valid_documents

pytestmark = [pytest.mark.property, pytest.mark.django_db]
# The profile's checks, and one more: the user and client (function-scoped) serve every
# example on purpose, so that the database is set up once. 20 examples under ci (each saves,
# estimates and renders five pages, on both databases); the long profile keeps 10,000.
ONE_SETUP = settings(ci_examples(20),
                     suppress_health_check=[*settings.default.suppress_health_check,
                                            HealthCheck.function_scoped_fixture])
DIAGRAM = re.compile(r'<div class="diagram-frame"[^>]*>(<svg\b.*?</svg>)</div>', re.DOTALL)
CHART = re.compile(r'<script id="figure-(\w+)" type="application/json">(.*?)</script>',
                   re.DOTALL)
SVG = "{http://www.w3.org/2000/svg}"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (str(key), *_strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _token(match: str) -> str:
    """"NaN" -> "nan", "-0.00" -> "-0": what to look for in the design's own words."""
    token = match.lower()
    return "-0" if token.startswith("-0") else token[:3]


def unformatted_figures(text: str, document: dict) -> list[str]:
    """UNFORMATTED matches in `text`, except the kinds the design's own words hold (a name
    "-0" or "Nan" is shown as written)."""
    words = " ".join(_strings(document)).lower()
    return [text[max(m.start() - 40, 0):m.end() + 20] for m in UNFORMATTED.finditer(text)
            if _token(m.group()) not in words]


def _numbers_as_floats(value):
    """The document with every number a float: PostgreSQL's jsonb gives 8.9e20 back as the
    integer 889242465190866300000, the same figure to the engine but not to ==."""
    if isinstance(value, dict):
        return {key: _numbers_as_floats(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers_as_floats(item) for item in value]
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _no_constant(name: str):
    raise AssertionError(f"{name} in a chart or report: JSON.parse refuses it")


@pytest.fixture
def signed_in() -> tuple:
    """One user and one client for every example."""
    user = get_user_model().objects.create(username="properties")
    client = Client()
    client.force_login(user)
    return user, client


# A hang detector for each stage (saving with its estimate, each page), not a speed target.
SECONDS = 20


def _within_bound(function, *args):
    started = time.perf_counter()
    result = function(*args)
    assert time.perf_counter() - started < SECONDS, f"{function.__name__} took too long"
    return result


def _get(client: Client, url: str) -> str:
    response = _within_bound(client.get, url)
    assert response.status_code == 200, response.content[:2000]
    return response.content.decode()


def _check_diagram_and_charts(page: str, document: dict) -> None:
    svg = ElementTree.fromstring(DIAGRAM.search(page).group(1))  # well-formed XML
    texts = " ".join(element.text or "" for element in svg.iter(f"{SVG}text"))
    assert unformatted_figures(texts, document) == []
    charts = {name: json.loads(text, parse_constant=_no_constant)
              for name, text in CHART.findall(page)}
    if not document["workloads"]:  # nothing estimated yet: an empty state, no charts
        assert "Nothing estimated yet" in page and not charts
        return
    assert {"traffic", "storage", "utilization"} <= set(charts)


@ONE_SETUP
@given(document=valid_documents())
def test_the_page_diagram_charts_and_reports_of_any_valid_design_read_well(signed_in, document):
    user, client = signed_in
    design = _within_bound(lambda: design_create(owner=user, document=document))

    page = _get(client, reverse("designs:detail", args=[design.slug]))
    markdown, html, bundle = (_get(client, reverse("api:design-report", args=[design.pk, fmt]))
                              for fmt in ("md", "html", "json"))

    assert design.estimates.get().status == "done"
    _check_diagram_and_charts(page, document)
    for text in (page, markdown, html):
        assert unformatted_figures(text, document) == []
    bundle = json.loads(bundle, parse_constant=_no_constant)
    assert _numbers_as_floats(bundle["design"]) == _numbers_as_floats(document)
    assert bundle["version"] == design.version
