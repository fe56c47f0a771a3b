"""The home page's examples: each shipped example with its newest estimate's figures."""

from designs.pages.design_page import DesignPage, design_page
from designs.selectors.estimates import current_estimates
from designs.selectors.examples import examples_in_order


def example_pages() -> list[DesignPage]:
    """The shipped examples in the order they were loaded (the handbook's), with estimates,
    their current estimates read in one query."""
    examples = examples_in_order()
    current = current_estimates(examples)
    return [design_page(design, current.get(design.pk)) for design in examples]
