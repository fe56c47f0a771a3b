"""Factories write rows directly, bypassing designs.services (which validates):
tests of services call the services; other tests may need a broken document."""

import factory
from django.contrib.auth import get_user_model

from designs.models import Design
from tests.samples import sample_document


def _field(document, name: str, default: str) -> str:
    return document.get(name, default) if isinstance(document, dict) else default


# The password of the `member` fixture (tests/conftest.py): long enough for the signup form.
MEMBER_PASSWORD = "a long enough pass phrase"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")


class DesignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Design

    owner = factory.SubFactory(UserFactory)
    document = factory.LazyFunction(lambda: sample_document("minimal"))
    name = factory.LazyAttribute(lambda design: _field(design.document, "name", "Unnamed"))
    description = factory.LazyAttribute(lambda design: _field(design.document, "description", ""))
    slug = factory.Sequence(lambda n: f"design-{n}")
    is_public = False
    is_example = False
