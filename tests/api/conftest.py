import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.designs.factories import DesignFactory


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """The throttles count in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    """An anonymous client."""
    return APIClient()


@pytest.fixture
def owner_api(user) -> APIClient:
    """A client signed in as `user`, the owner of the `design` fixture."""
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def other_api(other_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(other_user)
    return client


@pytest.fixture
def public_design(db, user, document):
    return DesignFactory(owner=user, document=document, is_public=True)


@pytest.fixture
def no_worker(settings):
    """Estimates are queued for a worker that never comes (unless the test plays it)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
