from django.contrib.auth.models import AnonymousUser

from designs.models import Design
from tests.designs.factories import DesignFactory


def test_everyone_sees_examples_and_public_designs_but_only_owners_see_private_ones(
    user, other_user
):
    example = DesignFactory(owner=None, is_example=True, is_public=True)
    public = DesignFactory(owner=other_user, is_public=True)
    private = DesignFactory(owner=other_user)
    mine = DesignFactory(owner=user)

    assert set(Design.objects.visible_to(AnonymousUser())) == {example, public}
    assert set(Design.objects.visible_to(user)) == {example, public, mine}
    assert set(Design.objects.visible_to(other_user)) == {example, public, private}


def test_its_summary_is_the_first_line_of_the_description(db):
    assert DesignFactory(description="\nFirst line.\nSecond line.").summary == "First line."
    assert DesignFactory(description="").summary == ""
