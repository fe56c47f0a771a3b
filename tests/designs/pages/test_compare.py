"""designs.pages.compare: designs side by side, for the API and the compare page."""

import json

import pytest

from designs.models import Design
from designs.pages.compare import compare_page, compared_figures
from designs.services.designs import design_create
from designs.services.examples import examples_load
from estimator.engine import DesignError
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> list[Design]:
    examples_load()
    return [Design.objects.get(slug=slug) for slug in ("whatsapp", "uber")]


def test_the_figures_hold_one_value_per_design(pair):
    compared = compared_figures(pair)

    figures = compared["figures"]
    assert figures and all(len(row["values"]) == 2 for row in figures)
    assert compared["base"] == pair[0].pk and compared["nothing_estimated"] == []


def test_the_page_draws_a_diagram_per_design_in_order(pair):
    page = compare_page(pair)

    assert page["designs"] == pair and page["table"] and page["charts"]
    assert [design for design, _ in page["pairs"]] == pair
    assert all("<svg" in diagram for _, diagram in page["pairs"])


def test_a_design_that_cannot_be_estimated_raises(pair, user):
    broken = DesignFactory(owner=user, document={"name": "Broken", "workloads": "none"})

    with pytest.raises(DesignError):
        compare_page([pair[0], broken])


@pytest.fixture
def empty(user) -> Design:
    """A saved design with components but no workloads: nothing estimated."""
    return design_create(owner=user, document={
        "name": "Boxes only", "components": [{"key": "api", "kind": "service"}]})


def test_a_design_without_workloads_is_not_the_base_and_has_no_bars(pair, empty):
    page = compare_page([empty, *pair])

    assert page["base"] == pair[0] and page["not_estimated"] == [empty]
    assert [column["base"] for column in page["columns"]] == [False, True, False]
    assert [column["estimated"] for column in page["columns"]] == [False, True, True]
    assert {row["cells"][0]["text"] for row in page["table"]} == {NOTHING_ESTIMATED_SENTENCE}
    assert {row["cells"][1]["direction"] for row in page["table"]} == {"base"}
    drawn = json.dumps(page["charts"])
    assert pair[0].name in drawn and "Boxes only" not in drawn
    assert len(page["pairs"]) == 3  # its diagram is still drawn


def test_designs_all_without_workloads_have_no_base_and_no_charts(user, empty):
    other = design_create(owner=user, document={"name": "Also empty"})

    page = compare_page([empty, other])

    assert page["base"] is None and page["charts"] == {}
    assert page["not_estimated"] == [empty, other]


def test_the_figures_name_the_base_and_the_designs_with_nothing_estimated(pair, empty):
    compared = compared_figures([pair[0], empty])

    assert compared["base"] == pair[0].pk and compared["nothing_estimated"] == [empty.pk]
    assert all(row["values"][1] is None for row in compared["figures"])
