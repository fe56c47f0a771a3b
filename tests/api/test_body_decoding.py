"""Hostile request bodies: every one is a 400 (or 413) naming its field, never a 500.

Bodies are built as JSON text, since Python's json cannot write what an attacker can:
5,000-digit numbers, NaN literals, lone UTF-16 surrogates ("\\ud800").
"""

import copy
import json

import pytest
from django.urls import reverse

from designs.models import Design
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db

HUGE_INT = "1" + "0" * 400  # an integer beyond the float range (about 1.8e308)
LONG_INT = "9" * 4400  # past the 4,300 digits Python's int() reads
SURROGATE = "\\ud800"  # a lone UTF-16 surrogate, as JSON escapes it


@pytest.fixture
def endpoints(design):
    """The five endpoints that take a design document: (method, url, field prefix, wrapped)."""
    detail = reverse("api:design-detail", args=[design.pk])
    return {
        "create": ("post", reverse("api:design-list"), "document.", True),
        "put": ("put", detail, "document.", True),
        "patch": ("patch", detail, "document.", True),
        "estimate": ("post", reverse("api:estimate"), "", False),
        "validate": ("post", reverse("api:validate"), "", False),
    }


@pytest.fixture
def unchanged(design):
    """Nothing saved changes: no new design, the design's version and document as they were."""
    before = (Design.objects.count(), design.version, copy.deepcopy(design.document))
    yield
    fresh = Design.objects.get(pk=design.pk)
    assert (Design.objects.count(), fresh.version, fresh.document) == before


def _object(**members: str) -> str:
    """A JSON object of members given as JSON text: _object(version="1e999")."""
    return "{" + ", ".join(f'"{name}": {text}' for name, text in members.items()) + "}"


def _send(client, method: str, url: str, text: str | bytes):
    return getattr(client, method)(url, text, content_type="application/json")


def _body(document: dict, wrapped: bool, old: str, new: str) -> str:
    """The document (inside {"document": ...} when wrapped) as JSON, `old` replaced once."""
    text = json.dumps({"document": document} if wrapped else document)
    assert old in text
    return text.replace(old, new, 1)


def _named(response, field: str, words: str = "") -> None:
    """A refusal naming `field`: a 400, or for /api/validate/ its verdict (200, valid false)."""
    if response.status_code == 200 and "valid" in response.json():
        verdict = response.json()
        assert verdict["valid"] is False
        assert any(e["field"] == field and words in e["message"] for e in verdict["errors"])
        return
    assert_error(response, 400, field, words)


ENDPOINT_NAMES = ["create", "put", "patch", "estimate", "validate"]


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_it_answers_400_naming_the_field_of_an_integer_beyond_the_float_range(
    owner_api, endpoints, document, unchanged, name
):
    method, url, prefix, wrapped = endpoints[name]
    body = _body(document, wrapped, "1000000", HUGE_INT)  # daily_active_users

    _named(_send(owner_api, method, url, body), f"{prefix}assumptions.daily_active_users")


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_it_answers_400_naming_the_field_of_a_number_of_thousands_of_digits(
    owner_api, endpoints, document, unchanged, name
):
    method, url, prefix, wrapped = endpoints[name]
    body = _body(document, wrapped, "1000000", LONG_INT)

    response = _send(owner_api, method, url, body)

    _named(response, f"{prefix}assumptions.daily_active_users")
    assert "int_max_str_digits" not in response.content.decode()  # not Python's message


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('"Photo sharing"', f'"Photo{SURROGATE}"', "name"),
        ('"api"', f'"{SURROGATE}"', "workloads[0].route[1]"),
        ('"daily_active_users"', f'"dau{SURROGATE}"', "assumptions"),  # a key: its object
    ],
    ids=["value", "list-item", "key"],
)
def test_it_answers_400_naming_where_a_lone_surrogate_is(
    owner_api, endpoints, document, unchanged, name, old, new, field
):
    method, url, prefix, wrapped = endpoints[name]

    response = _send(owner_api, method, url, _body(document, wrapped, old, new))

    assert_error(response, 400, f"{prefix}{field}", "surrogate")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"document": {}, "is_public": "\\ud800"}', "is_public"),
        ('{"document": {}, "\\udfff": 1}', ""),  # a key of the body itself
    ],
)
def test_it_answers_400_for_a_lone_surrogate_outside_the_document(owner_api, unchanged, body,
                                                                  field):
    response = _send(owner_api, "post", reverse("api:design-list"), body)

    assert_error(response, 400, field, "surrogate")


@pytest.mark.parametrize("name", ["create", "put", "patch"])
def test_it_answers_413_naming_the_document_over_two_million_bytes_inside_a_body(
    owner_api, endpoints, document, unchanged, name
):
    method, url, _, _ = endpoints[name]
    document["description"] = "x" * 2_050_000  # the body is under 2,100,000 bytes

    response = _send(owner_api, method, url, json.dumps({"document": document}))

    assert_error(response, 413, "document", "at most 2,000,000")


@pytest.mark.parametrize("name", ["estimate", "validate"])
def test_it_answers_413_for_a_bare_document_over_two_million_bytes(
    api, endpoints, document, name
):
    method, url, _, _ = endpoints[name]
    document["description"] = "x" * 2_050_000

    response = _send(api, method, url, json.dumps(document))

    assert_error(response, 413, "", "at most 2,000,000")


@pytest.mark.parametrize("name", ["estimate", "validate"])
def test_it_measures_a_bare_document_as_saving_does_not_by_its_spacing(
    api, endpoints, document, name
):
    # 1,990,000 bytes of text, spaced out past 2,000,000 bytes: saved, it would fit.
    document["description"] = "x" * 1_990_000
    method, url, _, _ = endpoints[name]
    compact = json.dumps(document, separators=(",", ":"))
    body = compact[:1] + " " * (2_050_000 - len(compact)) + compact[1:]

    response = _send(api, method, url, body)

    assert response.status_code != 413, response.content[:300]


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("version", [str(10**30), LONG_INT, "2147483648"])
def test_it_answers_400_naming_a_version_no_column_can_hold(owner_api, design, unchanged,
                                                            method, version):
    url = reverse("api:design-detail", args=[design.pk])
    body = _object(is_public="true", version=version)

    assert_error(_send(owner_api, method, url, body), 400, "version")


@pytest.mark.parametrize(
    "value", ["[]", "{}", '"maybe"', "NaN", "-Infinity", "null", HUGE_INT, LONG_INT, '"\\u0000"']
)
def test_it_answers_400_naming_is_public_for_anything_but_a_boolean(owner_api, design, unchanged,
                                                                    value):
    url = reverse("api:design-detail", args=[design.pk])

    assert_error(_send(owner_api, "patch", url, _object(is_public=value)), 400, "is_public")


@pytest.mark.parametrize(
    ("username", "password", "field"),
    [
        ('"ada\\u0000"', '"secret"', "username"),
        ('"ada"', '"se\\u0000cret"', "password"),
        (f'"ada{SURROGATE}"', '"secret"', "username"),
        ('"ada"', f'"{SURROGATE}"', "password"),
        (LONG_INT, '"secret"', ""),  # a number is read as text: no such user
    ],
)
def test_the_token_endpoint_answers_400_for_hostile_credentials(api, user, username, password,
                                                                field):
    body = _object(username=username, password=password)

    assert_error(_send(api, "post", reverse("api:token"), body), 400, field)


@pytest.mark.parametrize(
    "body", ["[1]", '"db"', "3", "null", HUGE_INT, LONG_INT, "NaN", '[{"failed": ["db"]}]']
)
def test_whatif_answers_400_for_a_body_that_is_not_an_object(owner_api, design, body):
    url = reverse("api:design-whatif", args=[design.pk])

    assert_error(_send(owner_api, "post", url, body), 400, "", "must be an object")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"failed": [[1]]}', "failed[0]"),
        ('{"failed": [{}]}', "failed[0]"),
        ('{"zones": [{}]}', "zones[0]"),
        ('{"zones": [["a"]]}', "zones[0]"),
        (_object(lost_instances=_object(db=HUGE_INT)), "lost_instances.db"),
        (_object(lost_instances=_object(db=LONG_INT)), "lost_instances.db"),
        ('{"lost_instances": {"db": NaN}}', "lost_instances.db"),
        ('{"failed": ["db\\ud800"]}', "failed[0]"),
    ],
)
def test_whatif_answers_400_naming_the_field_of_a_wrong_shape(owner_api, design, body, field):
    url = reverse("api:design-whatif", args=[design.pk])

    assert_error(_send(owner_api, "post", url, body), 400, field)


@pytest.mark.parametrize(
    ("body", "words"),
    [(b'{"document": "\xff"}', "not valid UTF-8"), (b'{"document": ', "not valid JSON")],
)
def test_it_answers_400_for_a_body_that_is_not_utf8_json(owner_api, unchanged, body, words):
    response = _send(owner_api, "post", reverse("api:design-list"), body)

    assert_error(response, 400, "", words)


@pytest.mark.parametrize("name", ["create", "put", "patch"])
@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('"Photo sharing"', '"Photo\\u0000sharing"', "name"),
        ('"Upload photos, view a feed.', '"Upload\\u0000photos, view a feed.', "description"),
    ],
)
def test_it_answers_400_naming_a_text_field_with_a_nul(owner_api, endpoints, document, unchanged,
                                                       name, old, new, field):
    # PostgreSQL refuses NUL in text and in jsonb: it is refused before, naming the field.
    method, url, prefix, wrapped = endpoints[name]

    response = _send(owner_api, method, url, _body(document, wrapped, old, new))

    assert_error(response, 400, f"{prefix}{field}")
