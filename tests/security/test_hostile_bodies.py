"""Generated hostile bodies through every API endpoint that takes one, and the editor's save.

Bodies are JSON text built here, since Python's json cannot write what an attacker can: NaN
and Infinity literals, 5,000-digit numbers, lone UTF-16 surrogates ("\\ud800"), nesting
thousands deep; and raw bytes that are not JSON or not UTF-8. Each example runs in a savepoint
rolled back after it, so that every example sees the same rows.

Asserted: never a 5xx; every 4xx is JSON with non-empty `errors`; a 400 names its field unless
the body as a whole is at fault; a refused write changes nothing.
"""

import json
import time

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from designs.api import urls as api_urls
from designs.models import Design
from designs.services.designs import design_create
from tests.designs.factories import UserFactory
from tests.samples import PHOTO_SHARING, sample_document

pytestmark = [pytest.mark.property, pytest.mark.django_db]

# ---- JSON text -----------------------------------------------------------------------------

SURROGATES = ["\\ud800", "\\udfff", "\\udbff\\udbff", "\\udc00\\ud800"]
TEXTS = ["", " ", "\x00", "a\x00b", "\u202eevil", "\ufeff", "x" * 300, "db", "api", "read",
         "k-of-n", "service"]
NUMBERS = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "-0", "0.5", "1e21",
           "1e22", "5e-324", "2147483647", "2147483648", "-1", "0", "1"]
# The fields of the bodies and the design document, so that generated objects reach past
# "unknown field" into each field's own checks.
KEYS = ["document", "is_public", "version", "username", "password", "failed", "lost_instances",
        "zones", "name", "description", "requirements", "data_model", "api_design",
        "assumptions", "workloads", "components", "links", "prices", "daily_active_users",
        "key", "kind", "instances", "redundancy", "k", "availability", "capacity_rps", "zone",
        "rate", "per", "per_user_per_day", "route", "any_of", "fan_out", "from", "to", "db"]


def _array(items: list[str]) -> str:
    return "[" + ",".join(items) + "]"


def _object(members: list[tuple[str, str]]) -> str:
    return "{" + ",".join(f"{key}:{value}" for key, value in members) + "}"


def _with_surrogate(parts: tuple[str, str, str]) -> str:
    before, surrogate, after = parts
    return json.dumps(before)[:-1] + surrogate + json.dumps(after)[1:]


strings = st.one_of(
    st.text(max_size=20).map(json.dumps),  # NUL, control characters, any plane
    st.sampled_from(TEXTS).map(json.dumps),
    st.tuples(st.text(max_size=4), st.sampled_from(SURROGATES), st.text(max_size=4)).map(
        _with_surrogate
    ),
)
numbers = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=300, max_value=6000).map(lambda digits: "9" * digits),
    st.integers(min_value=300, max_value=6000).map(lambda digits: "-1" + "0" * digits),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(NUMBERS),
)
scalars = st.one_of(st.sampled_from(["null", "true", "false"]), numbers, strings)
keys = st.one_of(st.sampled_from(KEYS).map(json.dumps), strings)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4).map(_array),
        st.lists(st.tuples(keys, children), max_size=4).map(_object),
    ),
    max_leaves=12,
)
# Nesting around the depth where decoding gives up (Python's recursion limit, 1,000).
deep = st.tuples(
    st.sampled_from([100, 500, 900, 950, 980, 990, 1000, 1100, 5000, 100_000]),
    st.sampled_from(["[", '{"a":']),
).map(lambda n_open: n_open[1] * n_open[0] + "1" + ("]" if n_open[1] == "[" else "}") * n_open[0])


# The leaves most likely to break something, drawn more often than any other value.
specials = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers(min_value=300, max_value=6000).map(lambda digits: "9" * digits),
    st.sampled_from(["null", '"\\u0000"', '"a\\u0000b"', *(f'"{s}"' for s in SURROGATES)]),
)


@st.composite
def hostile(draw) -> str:
    """Any JSON value as text, hostile in its leaves, its shape or its depth: half of the
    time one of the specials, a tenth of the time nesting. (A composite: its repr stays
    short however often it is nested.)"""
    kind = draw(st.integers(min_value=0, max_value=9))
    return draw(deep if kind == 0 else specials if kind <= 5 else values)

raw_bytes = st.one_of(
    st.binary(max_size=40),
    st.sampled_from([b"", b"\x00", b"\xed\xa0\x80", b"\xc0\xaf", b'{"document": "\xff"}',
                     b"\xef\xbb\xbf{}", b"{", b'{"a": 1} x', b"[1,]", b"'a'"]),
)


def _paths(value, path: tuple = ()) -> list[tuple]:
    """Every place in a JSON value: where a hostile value may go."""
    children = (value.items() if isinstance(value, dict)
                else enumerate(value) if isinstance(value, list) else [])
    return [path] + [p for key, child in children for p in _paths(child, (*path, key))]


DOCUMENT_PATHS = _paths(PHOTO_SHARING)[1:]
HOLE = "\x01hole\x01"


def _put(path: tuple, text: str) -> str:
    """The photo-sharing sample as JSON text with `text` at `path`."""
    document = sample_document()
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = HOLE
    return json.dumps(document).replace(json.dumps(HOLE), text)


# A valid document with one value made hostile: gets past the first check to the field's own.
spoiled_documents = st.tuples(st.sampled_from(DOCUMENT_PATHS), hostile()).map(lambda t: _put(*t))
documents = st.one_of(spoiled_documents, hostile())


def _members(**fields) -> st.SearchStrategy:
    """A JSON object with each of these members or not, plus perhaps a hostile one."""
    optional = [st.one_of(st.none(), strategy.map(lambda v, n=name: (json.dumps(n), v)))
                for name, strategy in fields.items()]
    extra = st.one_of(st.none(), st.tuples(keys, hostile()))
    return st.tuples(*optional, extra).map(
        lambda members: _object([member for member in members if member is not None])
    )


def _bodies(*shaped: st.SearchStrategy) -> st.SearchStrategy:
    """Text bodies of the endpoint's shape or of any JSON value, as UTF-8; or raw bytes."""
    text = st.one_of(*shaped, hostile()).map(lambda body: body.encode("utf-8", "surrogatepass"))
    return st.one_of(text, raw_bytes)


booleans = st.one_of(st.sampled_from(["true", "false"]), hostile())
wrapped = _bodies(_members(document=documents, is_public=booleans, version=hostile()))
bare = _bodies(documents)
# The editor's live check: a bare document, or {"document", "failures"} (designs.api.parsers).
lost = st.one_of(hostile(), _members(api=hostile(), db=hostile()))  # the sample's keys
scenarios = st.one_of(_members(failed=hostile(), lost_instances=lost, zones=hostile()),
                      hostile())
# A valid document too, so that hostile scenarios reach the engine's own checks.
sample = st.just(json.dumps(sample_document()))
live = st.one_of(bare, _bodies(_members(document=st.one_of(sample, documents),
                                        failures=scenarios)))

# ---- the endpoints -------------------------------------------------------------------------

# (route name, method) -> the bodies to send it. A new POST/PUT/PATCH route must be added here:
# test_every_route_that_takes_a_body_is_covered says so.
ENDPOINTS = {
    ("design-list", "post"): wrapped,
    ("design-detail", "put"): wrapped,
    ("design-detail", "patch"): wrapped,
    ("design-estimate", "post"): _bodies(_members(version=hostile())),
    ("design-fork", "post"): _bodies(),
    ("design-whatif", "post"): _bodies(_members(failed=hostile(), lost_instances=hostile(),
                                                zones=hostile())),
    ("design-size", "post"): _bodies(),
    ("design-size-apply", "post"): _bodies(_members(version=hostile())),
    ("design-version-restore", "post"): _bodies(_members(version=hostile())),
    ("design-simulate", "post"): _bodies(_members(requests=hostile(), multiple=hostile(),
                                                  seed=hostile(), failed=hostile())),
    ("estimate", "post"): bare,
    ("validate", "post"): live,
    ("estimate-live", "post"): live,
    ("token", "post"): _bodies(_members(username=hostile(), password=hostile())),
    ("import", "post"): _bodies(_members(content=hostile(), format=hostile(),
                                         filename=hostile(), name=hostile(), save=booleans)),
    ("export", "post"): bare,
    ("not-found", "post"): _bodies(),
    ("not-found", "put"): _bodies(),
    ("not-found", "patch"): _bodies(),
}
WITH_PK = {"design-detail", "design-estimate", "design-fork", "design-whatif", "design-size",
           "design-size-apply", "design-simulate"}
WRITES = {"post", "put", "patch"}


def _args(name: str, design) -> list:
    if name == "design-version-restore":
        return [design.pk, 1]  # the design's first version, restored again
    if name == "export":
        return ["drawio"]
    return [design.pk] if name in WITH_PK else []


def _routes_taking_a_body() -> set[tuple[str, str]]:
    """(name, method) of every route of designs/api/urls.py that answers POST, PUT or PATCH."""
    routes = set()
    for pattern in api_urls.urlpatterns:
        view = pattern.callback
        actions = getattr(view, "actions", None)  # a viewset's: {"post": "create", ...}
        methods = set(actions) if actions else {m for m in WRITES if hasattr(view.cls, m)}
        routes |= {(pattern.name, method) for method in methods & WRITES}
    return routes


def test_every_route_that_takes_a_body_is_covered():
    assert _routes_taking_a_body() == set(ENDPOINTS)


# ---- what every answer must be ---------------------------------------------------------------

# A 400 may name no field ("") only when the body as a whole is at fault.
WHOLE_BODY = (
    "not valid JSON", "not valid UTF-8", "nested too deeply", "must be a JSON object",
    "Expected a dictionary", "No data provided", "must be an object", "nothing to change",
    "Unable to log in",
    "the key ",  # a lone surrogate in a key of the body itself
)


def _named_by_its_path(body: bytes) -> bool:
    """Whether a path can name what is wrong in the body: not when the body is one string,
    number or literal (then the body is the field), nor in an object with a member named ""
    (whose path is "")."""
    if not body.lstrip().startswith((b"{", b"[")):
        return False
    try:
        value = json.loads(body, parse_int=float)  # Python's own: surrogates and all
    except (ValueError, RecursionError):
        return True
    return not (isinstance(value, dict) and "" in value)


def _check_answer(response, body: bytes) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code < 400:
        if not response["Content-Type"].startswith("application/json"):
            return  # an export's file
        if "valid" in response.json():  # /api/validate/'s verdict names fields as a 400 does
            _check_named(response.json()["errors"], body)
        return
    assert response["Content-Type"] == "application/json", response.content[:500]
    errors = response.json()["errors"]
    assert errors and all(error["message"] for error in errors), errors
    if response.status_code == 400:
        _check_named(errors, body)


def _check_named(errors: list[dict], body: bytes) -> None:
    if _named_by_its_path(body):
        unnamed = [e["message"] for e in errors if not e["field"]]
        assert all(any(words in m for words in WHOLE_BODY) for m in unnamed), errors


def _saved() -> list[tuple]:
    return list(Design.objects.order_by("pk").values_list("pk", "version", "is_public",
                                                          "document"))


@pytest.fixture
def rows(db, settings):
    """A user's design to aim at, a client signed in as them, and no throttle or worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = False  # estimates stay queued: no engine run per save
    rates = {"anon": "100000/minute", "user": "100000/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    user = UserFactory()
    design = design_create(owner=user, document=sample_document())
    client = APIClient()
    client.force_authenticate(user)
    return client, design


# A hang detector for each request, not a speed target.
SECONDS = 20


def _send(client, method: str, url: str, body: bytes):
    cache.clear()  # no throttle or login-failure counts from earlier examples
    with transaction.atomic():
        before = _saved()
        started = time.perf_counter()
        response = getattr(client, method)(url, body, content_type="application/json")
        assert time.perf_counter() - started < SECONDS, f"{method.upper()} {url} took too long"
        after = _saved()
        transaction.set_rollback(True)
    return response, before, after


@pytest.mark.parametrize("route", sorted(ENDPOINTS), ids="-".join)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_endpoint_answers_a_hostile_body_with_a_refusal_naming_the_field(
    rows, route, data
):
    client, design = rows
    name, method = route
    url = reverse(f"api:{name}", args=_args(name, design))
    body = data.draw(ENDPOINTS[route], label="body")

    response, before, after = _send(client, method, url, body)

    _check_answer(response, body)
    if response.status_code >= 400:
        assert after == before  # nothing saved, nothing half-saved


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=spoiled_documents)
def test_the_editors_save_refuses_a_hostile_document_and_changes_nothing(rows, document):
    # As static/designs/editor/save.js saves: PUT {"document", "version"} with the version it read.
    client, design = rows
    text = _object([('"document"', document), ('"version"', str(design.version))])
    body = text.encode("utf-8", "surrogatepass")

    response, before, after = _send(client, "put", reverse("api:design-detail", args=[design.pk]),
                                    body)

    _check_answer(response, body)
    if response.status_code >= 400:
        assert after == before
    else:
        saved = response.json()
        assert saved["version"] == design.version + 1
        assert [row[1:] for row in after if row[0] == design.pk] == [
            (saved["version"], saved["is_public"], saved["document"])
        ]
