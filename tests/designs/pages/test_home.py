"""designs.pages.home: each example's page, their estimates read in one query."""

import pytest

from designs.pages.home import example_pages
from designs.services.examples import examples_load

pytestmark = pytest.mark.django_db

SLUGS = ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]


def test_the_examples_in_the_handbooks_order_with_their_figures(django_assert_max_num_queries):
    examples_load()

    with django_assert_max_num_queries(2):  # the examples, then their current estimates
        pages = example_pages()

    assert [page.design.slug for page in pages] == SLUGS
    assert all(page.estimate is not None and page.tables["headline"] for page in pages)
