"""designs.pages.compare: designs side by side, for the API and the compare page."""

import pytest

from designs.models import Design
from designs.pages.compare import compare_page, compared_figures
from designs.services.examples import examples_load
from estimator.engine import DesignError
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> list[Design]:
    examples_load()
    return [Design.objects.get(slug=slug) for slug in ("whatsapp", "uber")]


def test_the_figures_hold_one_value_per_design(pair):
    figures = compared_figures(pair)

    assert figures and all(len(row["values"]) == 2 for row in figures)


def test_the_page_draws_a_diagram_per_design_in_order(pair):
    page = compare_page(pair)

    assert page["designs"] == pair and page["table"] and page["charts"]
    assert [design for design, _ in page["pairs"]] == pair
    assert all("<svg" in diagram for _, diagram in page["pairs"])


def test_a_design_that_cannot_be_estimated_raises(pair, user):
    broken = DesignFactory(owner=user, document={"name": "Broken", "workloads": "none"})

    with pytest.raises(DesignError):
        compare_page([pair[0], broken])
