"""The selectors tests' designs: one of each kind of visibility."""

import pytest

from tests.designs.factories import DesignFactory


@pytest.fixture
def designs(user, other_user) -> dict:
    """One design of each kind of visibility, by name: the user's private and public ones,
    another user's private and public ones, and an example owned by nobody."""
    return {
        "mine": DesignFactory(owner=user, name="Mine"),
        "my public": DesignFactory(owner=user, name="My public", is_public=True),
        "theirs": DesignFactory(owner=other_user, name="Theirs"),
        "their public": DesignFactory(owner=other_user, name="Their public", is_public=True),
        "example": DesignFactory(owner=None, name="Example", is_public=True, is_example=True),
    }


def names(designs) -> set[str]:
    return {design.name for design in designs}
