"""The design page, its diagram and its charts for every shape of design
(tests/design_shapes.py): no workloads, alternatives, every kind, 1 and 1,000 components,
right-to-left and 200-character names, huge and tiny figures. Never a 500, never "nan",
"inf" or "-0" on the page."""

import copy
import json
import xml.etree.ElementTree as ElementTree
from html import escape

import pytest
from django.urls import reverse

from designs import charts, diagram
from designs.models import Estimate
from designs.services.designs import design_create
from estimator.engine import estimate
from tests.design_shapes import LONG_NAME, RTL_NAME, SHAPES, unformatted

SVG = "{http://www.w3.org/2000/svg}"
DRAWN = [shape for shape in SHAPES if shape != "1000-components"]
_ESTIMATES: dict[str, dict] = {}


def estimated(shape: str) -> dict:
    if shape not in _ESTIMATES:
        _ESTIMATES[shape] = estimate(SHAPES[shape])
    return _ESTIMATES[shape]


def svg_texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)  # also proves the SVG is well-formed XML
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def chart_texts(figure) -> list[str]:
    """Every string of a Plotly figure: titles, labels, bar texts, hover texts."""
    if isinstance(figure, str):
        return [figure]
    if isinstance(figure, dict):
        return [text for value in figure.values() for text in chart_texts(value)]
    if isinstance(figure, list):
        return [text for value in figure for text in chart_texts(value)]
    return []


# ---- the diagram ----------------------------------------------------------------------------


@pytest.mark.parametrize("small", [False, True])
@pytest.mark.parametrize("with_estimate", [True, False])
@pytest.mark.parametrize("shape", SHAPES)
def test_the_diagram_of_every_shape_is_well_formed_and_readable(shape, with_estimate, small):
    result = estimated(shape) if with_estimate else None

    svg = diagram.diagram_svg(SHAPES[shape], result, small=small)

    texts = svg_texts(svg)
    assert unformatted(" ".join(texts)) == []
    assert [t for t in texts if "nan" in t.lower()] == []


@pytest.mark.parametrize("shape", DRAWN)
def test_the_diagram_draws_a_box_for_every_component_of_every_shape(shape):
    document = SHAPES[shape]

    layout = diagram.diagram_layout(document, estimated(shape))

    assert set(layout["nodes"]) == {c["key"] for c in document.get("components", [])}
    for node in layout["nodes"].values():
        assert all(len(line) <= diagram.WRAP_CHARS for line in node["lines"])
        assert node["width"] >= diagram.MIN_WIDTH and node["height"] > 0


def test_a_thousand_components_are_too_many_to_draw_and_say_so():
    svg = diagram.diagram_svg(SHAPES["1000-components"], estimated("1000-components"))

    assert "1000 components and 999 links are too many to draw" in " ".join(svg_texts(svg))


def test_right_to_left_and_200_character_names_are_drawn_whole_in_the_tooltips():
    unicode_svg = diagram.diagram_svg(SHAPES["unicode"], estimated("unicode"))
    long_svg = diagram.diagram_svg(SHAPES["long-names"], estimated("long-names"))

    assert escape(RTL_NAME, quote=False) in unicode_svg
    titles = [e.text for e in ElementTree.fromstring(long_svg).iter(f"{SVG}title")]
    assert any(title.startswith(f"{LONG_NAME} (") for title in titles)


def test_a_name_with_control_characters_still_makes_well_formed_svg():
    document = copy.deepcopy(SHAPES["one-component"])
    document["components"][0]["name"] = "bell\x07 escape\x1b tab\tend\ufffe"

    svg = diagram.diagram_svg(document, estimate(document))

    assert "bell\ufffd escape\ufffd" in " ".join(svg_texts(svg))  # once an XML parse error


def test_utilisation_past_any_plain_figure_is_written_short_in_the_boxes():
    layout = diagram.diagram_layout(SHAPES["huge-figures"], estimated("huge-figures"))

    assert layout["nodes"]["api"]["status"] == "peak 1.16e18%"


# ---- the charts -----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
def test_the_charts_of_every_shape_are_json_without_nan_and_read_well(shape):
    result = estimated(shape)
    figures = {**charts.design_charts(result), "growth": charts.growth(result)}

    text = json.dumps(figures, allow_nan=False)  # plotly.js cannot parse NaN

    assert json.loads(text) == figures
    assert [bad for t in chart_texts(figures) for bad in unformatted(t)] == []


@pytest.mark.parametrize("shape", ["no-workloads", "alternatives", "unavailable",
                                   "huge-figures", "tiny-figures", "unicode"])
def test_the_compare_charts_read_for_every_shape_beside_another(shape):
    figures = charts.compare_bars([SHAPES[shape]["name"], "One box"],
                                  [estimated(shape), estimated("one-component")])

    json.dumps(figures, allow_nan=False)
    assert [bad for t in chart_texts(figures) for bad in unformatted(t)] == []


def test_huge_utilisation_shows_short_on_its_bar():
    bars = charts.utilization(estimated("huge-figures"))["data"][0]

    assert bars["text"] == ["1.16e18%", "1.16e34%", "5.79e17%"]


# ---- the page, through the test client --------------------------------------------------------


def _page(client, user, document: dict) -> str:
    design = design_create(owner=user, document=document)
    client.force_login(user)
    response = client.get(reverse("designs:detail", args=[design.slug]))
    assert response.status_code == 200, response.content[:1000]
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("shape", SHAPES)
def test_the_design_page_of_every_shape_answers_200_without_unformatted_figures(
        client, user, shape):
    page = _page(client, user, SHAPES[shape])

    assert unformatted(page) == []
    assert escape(SHAPES[shape]["name"], quote=False) in page


@pytest.mark.django_db
def test_the_page_shows_zero_nines_for_a_design_that_is_never_up(client, user):
    page = _page(client, user, SHAPES["unavailable"])

    assert "(0.00 nines)" in page  # was "-0.00"
    assert "-0.00" not in page


@pytest.mark.django_db
def test_the_page_shows_unicode_names_and_every_figure_of_a_ranged_design(client, user):
    unicode_page = _page(client, user, SHAPES["unicode"])
    ranged_page = _page(client, user, SHAPES["ranges"])

    assert escape(RTL_NAME, quote=False) in unicode_page
    assert "Uncertainty" in ranged_page and "P90" in ranged_page


def _subnormal(section: dict) -> dict:
    """Every float figure of a section near the smallest float, 5e-324 (subnormal)."""
    return {key: value * 1e-300 * 1e-24 if isinstance(value, float) else value
            for key, value in section.items()}


@pytest.mark.django_db
def test_a_stored_estimate_with_subnormal_figures_still_shows(client, user):
    """An estimate stored before the engine refused rates of 1e-300: its figures near 5e-324
    once divided by zero in round_interview (10**-324 is 0.0)."""
    design = design_create(owner=user, document=SHAPES["one-component"])
    stored = Estimate.objects.get(design=design)
    result = stored.result
    for section in ("traffic", "bandwidth", "cache"):
        result[section] = _subnormal(result[section])
    result["traffic"]["workloads"] = [_subnormal(w) for w in result["traffic"]["workloads"]]
    Estimate.objects.filter(pk=stored.pk).update(result=result)
    client.force_login(user)

    response = client.get(reverse("designs:detail", args=[design.slug]))

    assert response.status_code == 200
    assert "<td class=\"num\">4.94e-324/s</td>" in response.content.decode()
