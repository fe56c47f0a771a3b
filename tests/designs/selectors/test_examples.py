"""designs.selectors.examples: the shipped examples, in the order they were loaded."""

import pytest

from designs.selectors.examples import examples_in_order, examples_list
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db


def test_only_examples_in_the_order_loaded(user):
    second_loaded = DesignFactory(owner=None, name="B", is_public=True, is_example=True)
    first_name = DesignFactory(owner=None, name="A", is_public=True, is_example=True)
    DesignFactory(owner=user, name="Public", is_public=True)

    assert [d.name for d in examples_list()] == ["B", "A"]
    assert examples_in_order() == [second_loaded, first_name]
