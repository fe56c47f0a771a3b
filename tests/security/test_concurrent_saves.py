"""20 clients save one design at once through the API, all from the same version: exactly
one wins, the others get 409, versions never repeat, and the winner's change is kept.

Real concurrent connections with row locks: PostgreSQL only (the conftest deselects it on
SQLite, which serialises writers anyway)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from designs import services
from designs.models import Design

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]
CLIENTS = 20


def _all_at_once(requests) -> list:
    """Run each callable in its own thread, started together; their responses."""
    start = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)

    def run(index: int) -> None:
        start.wait()
        try:
            responses[index] = requests[index]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses


@pytest.mark.parametrize("method", ["patch", "put"])
def test_one_of_twenty_simultaneous_saves_wins(user, document, method):
    design = services.design_create(owner=user, document=document)
    token = Token.objects.create(user=user).key
    url = f"/api/designs/{design.pk}/"

    def save(n: int):
        changed = {**document, "description": f"writer {n}"}
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        return getattr(client, method)(url, {"document": changed, "version": 1},
                                       content_type="application/json")

    responses = _all_at_once([lambda n=n: save(n) for n in range(CLIENTS)])

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [409] * (CLIENTS - 1)
    winner = next(response.json() for response in responses if response.status_code == 200)
    assert winner["version"] == 2
    saved = Design.objects.get(pk=design.pk)
    assert saved.version == 2
    assert saved.document["description"] == winner["document"]["description"]
    for response in responses:
        if response.status_code == 409:
            assert response.json()["errors"][0]["field"] == "version"


def test_twenty_saves_that_each_read_first_get_twenty_versions(user, document, settings):
    # Up to a few hundred requests a second from one user: above the default throttle.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "anon": "60/minute", "user": "100000/minute"}}
    design = services.design_create(owner=user, document=document)
    token = Token.objects.create(user=user).key
    url = f"/api/designs/{design.pk}/"

    def save_until_it_lands(n: int) -> int:
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        for _ in range(200):
            version = client.get(url).json()["version"]
            response = client.patch(url, {"document": {**document, "description": f"w{n}"},
                                          "version": version},
                                    content_type="application/json")
            if response.status_code == 200:
                return response.json()["version"]
            assert response.status_code == 409
        raise AssertionError("never landed")

    versions = _all_at_once([lambda n=n: save_until_it_lands(n) for n in range(CLIENTS)])

    assert sorted(versions) == list(range(2, 2 + CLIENTS))  # no version repeats, none lost
    assert Design.objects.get(pk=design.pk).version == 1 + CLIENTS
