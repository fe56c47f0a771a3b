"""Every API endpoint, every method, for a visitor, the owner of a design and another user.

Objects: the owner's private design, their public design, a handbook example (owned by
nobody), an id that does not exist, and the estimates, reports and simulations of each.
Signed-in callers use a token, and for writes a session too.

404: a private design of someone else answers exactly as a missing one (never 403, never its
data); 401: an anonymous write; 403: a write to a design the caller may read but not change
(a public design of someone else, an example). Every refused request changes nothing.
"""

import copy
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import get_resolver, reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from designs.example_files import EXAMPLES_DIR
from designs.models import Design, Estimate, Report, Simulation
from designs.services.designs import design_create
from designs.services.simulations import simulation_request
from estimator.engine import parse_json
from tests.designs.factories import UserFactory

VISITOR, OWNER, OTHER = "visitor", "owner", "other"
PRIVATE, PUBLIC, EXAMPLE, MISSING = "private", "public", "example", "missing"
SECRET = "Secret roadmap"  # the private design's name: no one else may ever see it
WHATIF = {"failed": []}
SIMULATE = {"requests": 1000}

# Expected statuses by caller.
def _by(visitor: int, owner: int, other: int) -> dict:
    return {VISITOR: visitor, OWNER: owner, OTHER: other}


ALL_200 = _by(200, 200, 200)
ALL_404 = _by(404, 404, 404)
OWN_READ = _by(404, 200, 404)


def _reads(route: str, method: str = "GET", private=OWN_READ, shared=ALL_200,
           missing=ALL_404) -> list:
    return [
        (route, PRIVATE, method, private),
        (route, PUBLIC, method, shared),
        (route, EXAMPLE, method, shared),
        (route, MISSING, method, missing),
    ]


def _signed_in(route: str, owner: int, other: int) -> list:
    """An action for signed-in users only: a visitor is asked to authenticate (401), whether
    the design exists or not."""
    return _reads(route, "POST", _by(401, owner, 404), _by(401, owner, other), _by(401, 404, 404))


# (route: a url name in the api namespace, .format for the report; object; method; statuses)
MATRIX = [
    ("design-list", None, "GET", ALL_200),
    ("design-list", None, "POST", _by(401, 201, 201)),
    *_reads("design-detail"),
    *[
        row
        for method in ("PUT", "PATCH")
        for row in [
            ("design-detail", PRIVATE, method, _by(401, 200, 404)),
            ("design-detail", PUBLIC, method, _by(401, 200, 403)),
            ("design-detail", EXAMPLE, method, _by(401, 403, 403)),
            ("design-detail", MISSING, method, _by(401, 404, 404)),
        ]
    ],
    ("design-detail", PRIVATE, "DELETE", _by(401, 204, 404)),
    ("design-detail", PUBLIC, "DELETE", _by(401, 204, 403)),
    ("design-detail", EXAMPLE, "DELETE", _by(401, 403, 403)),
    ("design-detail", MISSING, "DELETE", _by(401, 404, 404)),
    # Estimates are queued (no worker in these tests): 202.
    *_signed_in("design-estimate", 202, 202),
    *_signed_in("design-fork", 201, 201),
    # Simulations too: anyone signed in who may see the design, as for estimates.
    *_signed_in("design-simulate", 202, 202),
    *_reads("design-whatif", "POST"),
    *_reads("design-size", "POST"),
    # The owner's designs state no SLOs: 400 naming `slos`, and nothing changes.
    ("design-size-apply", PRIVATE, "POST", _by(401, 400, 404)),
    ("design-size-apply", PUBLIC, "POST", _by(401, 400, 403)),
    ("design-size-apply", EXAMPLE, "POST", _by(401, 403, 403)),
    ("design-size-apply", MISSING, "POST", _by(401, 404, 404)),
    *_reads("design-versions"),
    # Restoring version 1 saves it again as a new version: the owner only.
    ("design-version-restore", PRIVATE, "POST", _by(401, 200, 404)),
    ("design-version-restore", PUBLIC, "POST", _by(401, 200, 403)),
    ("design-version-restore", EXAMPLE, "POST", _by(401, 403, 403)),
    ("design-version-restore", MISSING, "POST", _by(401, 404, 404)),
    *_reads("design-report.md"),
    *_reads("design-report.html"),
    *_reads("design-report.json"),
    *_reads("design-report.pdf"),
    *_reads("design-export.mermaid"),  # one format: the route and its checks are the same
    # Reading a file is for anyone; saving what it describes (`save: true`) for the signed in.
    ("import", None, "POST", _by(401, 201, 201)),
    ("export.drawio", None, "POST", ALL_200),
    *_reads("estimate-detail"),
    *_reads("report-detail"),
    *_reads("simulation-detail"),
    ("estimate", None, "POST", ALL_200),
    ("validate", None, "POST", ALL_200),
    ("estimate-live", None, "POST", ALL_200),
    ("compare", (PRIVATE, PUBLIC), "GET", OWN_READ),
    ("compare", (EXAMPLE, PRIVATE), "GET", OWN_READ),
    ("compare", (PUBLIC, EXAMPLE), "GET", ALL_200),
    ("compare", (PUBLIC, MISSING), "GET", ALL_404),
    ("examples", None, "GET", ALL_200),
    ("token", None, "POST", _by(400, 400, 400)),  # the owner's username, a wrong password
    ("schema", None, "GET", ALL_200),
    ("docs", None, "GET", ALL_200),
    *[("not-found", None, method, ALL_404) for method in ("GET", "POST", "PUT", "PATCH", "DELETE")],
]

SAFE = ("GET", "HEAD", "OPTIONS")


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


class World:
    """The owner's designs, an example, and the estimate, report and simulation of each."""

    def __init__(self, owner, other, document):
        secret = {**copy.deepcopy(document), "name": SECRET}
        example = parse_json((EXAMPLES_DIR / "whatsapp.json").read_text(encoding="utf-8"))
        self.people = {VISITOR: None, OWNER: owner, OTHER: other}
        self.designs = {
            PRIVATE: design_create(owner=owner, document=secret),
            PUBLIC: design_create(owner=owner, document=document, is_public=True),
            EXAMPLE: design_create(
                owner=None, document=example, is_public=True, is_example=True, slug="whatsapp"
            ),
        }
        self.estimates = {key: d.estimates.get().pk for key, d in self.designs.items()}
        self.reports = {key: _reports(d) for key, d in self.designs.items()}
        self.simulations = {key: simulation_request(design=d, requests=1000).pk
                            for key, d in self.designs.items()}
        self.missing = max(d.pk for d in self.designs.values()) + 1000

    def pk(self, obj: str, of: dict | None = None) -> int:
        if obj == MISSING:
            return self.missing
        return (of or {key: d.pk for key, d in self.designs.items()})[obj]


def _reports(design: Design) -> int:
    """Each format's report of the design, built already (the file names the design); the
    Markdown one's id."""
    reports = Report.objects.bulk_create(
        Report(design=design, design_version=design.version, format=fmt,
               status=Report.Status.DONE, content=f"# {design.name}".encode())
        for fmt in Report.Format.values
    )
    return next(report.pk for report in reports if report.format == Report.Format.MD)


@pytest.fixture
def world(db, settings, document, fast_hashing):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # queued, never run: fast, and nothing changes
    owner, other = UserFactory(username="owner"), UserFactory(username="other")
    for person in (owner, other):
        Token.objects.create(user=person)
    return World(owner, other, document)


def _url(world: World, route: str, obj) -> str:
    name, _, fmt = route.partition(".")
    if name == "compare":
        ids = ",".join(str(world.pk(o)) for o in obj)
        return f"{reverse('api:compare')}?designs={ids}"
    if name == "not-found":
        return "/api/nothing-here/"
    if obj is None:
        return reverse(f"api:{name}", kwargs={"format": fmt} if fmt else None)
    of = {"estimate-detail": world.estimates, "report-detail": world.reports,
          "simulation-detail": world.simulations}.get(name)
    kwargs = {"pk": world.pk(obj, of)}
    if name == "design-version-restore":
        kwargs["number"] = 1
    if fmt:
        kwargs["format"] = fmt
    return reverse(f"api:{name}", kwargs=kwargs)


def _body(world: World, route: str, method: str, document: dict):
    if route == "design-whatif":
        return WHATIF
    if route in ("design-size-apply", "design-version-restore"):
        return {"version": 1}
    if route == "design-simulate":
        return SIMULATE
    if route == "token":
        return {"username": "owner", "password": "a guess"}
    if route in ("estimate", "validate", "estimate-live") or route.startswith("export."):
        return document
    if route == "import":
        return {"content": json.dumps(document), "save": True}
    if route in ("design-estimate", "design-fork"):
        return {}  # the estimate endpoint takes an optional version, and nothing else
    if method == "PATCH":
        return {"is_public": True}
    if method in ("POST", "PUT"):
        return {"document": {**document, "name": "Rewritten"}}
    return None


def _client(world: World, who: str, auth: str) -> APIClient:
    client = APIClient()
    person = world.people[who]
    if auth == "token":
        client.credentials(HTTP_AUTHORIZATION=f"Token {person.auth_token.key}")
    elif auth == "session":
        client.force_login(person)
    return client


def _snapshot() -> dict:
    return {
        "designs": list(
            Design.objects.order_by("pk").values_list(
                "pk", "owner_id", "version", "is_public", "is_example", "name", "slug", "document"
            )
        ),
        "estimates": list(
            Estimate.objects.order_by("pk").values_list("pk", "design_id", "design_version",
                                                        "status", "result")
        ),
        "reports": list(
            Report.objects.order_by("pk").values_list("pk", "design_id", "design_version",
                                                      "format", "status")
        ),
        "simulations": list(
            Simulation.objects.order_by("pk").values_list("pk", "design_id", "status", "result")
        ),
        "tokens": sorted(Token.objects.values_list("user_id", "key")),
        "users": get_user_model().objects.count(),
    }


def _cases() -> list:
    cases = []
    for route, obj, method, expected in MATRIX:
        name = f"{route}-{'+'.join(obj) if isinstance(obj, tuple) else obj or ''}-{method}"
        cases.append(pytest.param(route, obj, method, VISITOR, "none", expected[VISITOR],
                                  id=f"{name}-{VISITOR}"))
        for who in (OWNER, OTHER):
            for auth in ("token",) if method in SAFE else ("token", "session"):
                cases.append(pytest.param(route, obj, method, who, auth, expected[who],
                                          id=f"{name}-{who}-{auth}"))
    return cases


@pytest.mark.parametrize(("route", "obj", "method", "who", "auth", "status"), _cases())
def test_endpoint(world, document, route, obj, method, who, auth, status):
    before = _snapshot()
    body = _body(world, route, method, document)
    client = _client(world, who, auth)

    response = client.generic(method, _url(world, route, obj),
                              json.dumps(body) if body is not None else "",
                              content_type="application/json")

    assert response.status_code == status, response.content[:500]
    if who != OWNER:
        assert SECRET.encode() not in response.content
    if status >= 400:
        assert _snapshot() == before
        assert response["Content-Type"] == "application/json"
    if status == 401:
        assert response["WWW-Authenticate"] == "Token"


def _private_cases() -> list:
    routes = sorted({route for route, obj, *_ in MATRIX if obj == PRIVATE})
    methods = {(route, method) for route, obj, method, _ in MATRIX if obj == PRIVATE}
    methods |= {(route, method) for route in routes for method in ("HEAD", "OPTIONS")}
    return [
        pytest.param(route, method, who, id=f"{route}-{method}-{who}")
        for route, method in sorted(methods)
        for who in (VISITOR, OTHER)
    ]


@pytest.mark.parametrize(("route", "method", "who"), _private_cases())
def test_a_private_design_of_someone_else_answers_as_a_missing_one(
    world, document, route, method, who
):
    """The same status and body as for an id that does not exist, HEAD and OPTIONS too."""
    client = _client(world, who, "token" if who == OTHER else "none")
    body = _body(world, route, method, document)
    data = json.dumps(body) if body is not None else ""
    before = _snapshot()

    private = client.generic(method, _url(world, route, PRIVATE), data, "application/json")
    missing = client.generic(method, _url(world, route, MISSING), data, "application/json")

    assert (private.status_code, private.content) == (missing.status_code, missing.content)
    assert _snapshot() == before


LIST_QUERIES = ["", "?owner=owner", "?public=false", "?search=secret", "?example=false"]


@pytest.mark.parametrize("query", LIST_QUERIES)
@pytest.mark.parametrize("who", [VISITOR, OWNER, OTHER])
def test_lists_hold_private_designs_for_their_owner_only(world, who, query):
    client = _client(world, who, "none" if who == VISITOR else "token")

    listed = client.get(reverse("api:design-list") + query).json()["results"]
    examples = client.get(reverse("api:examples")).json()

    ids = {design["id"] for design in listed}
    assert (world.designs[PRIVATE].pk in ids) == (who == OWNER)
    assert {design["id"] for design in examples} == {world.designs[EXAMPLE].pk}


def _api_routes() -> dict[str, set[str]]:
    """Each url name of the api namespace, with the methods its view answers (but HEAD and
    OPTIONS, which every view answers as GET or with its description)."""
    _, resolver = get_resolver().namespace_dict["api"]
    routes = {}
    for pattern in resolver.url_patterns:
        view = pattern.callback
        actions = getattr(view, "actions", None)
        if actions is not None:
            methods = set(actions)
        else:
            methods = {m for m in view.view_class.http_method_names if hasattr(view.view_class, m)}
        routes[pattern.name] = {m.upper() for m in methods} - {"HEAD", "OPTIONS"}
    return routes


def test_every_endpoint_and_method_of_the_api_is_in_the_matrix():
    covered = {(route.partition(".")[0], method) for route, _, method, _ in MATRIX}
    routes = _api_routes()

    missing = {(name, m) for name, methods in routes.items() for m in methods} - covered
    assert not missing, f"add rows to MATRIX for {sorted(missing)}"
    assert {name for name, _ in covered} <= set(routes)


def test_every_report_format_is_in_the_matrix():
    from designs.reports import FORMATS

    covered = {route.partition(".")[2] for route, *_ in MATRIX if route.startswith("design-report")}
    assert covered == set(FORMATS)
