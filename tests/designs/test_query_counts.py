"""SQL queries per page and per API list: as many with 3 designs of 4 components as with 37
designs, 10 of 46 components, so that no page runs a query per design (an N+1).

Each test builds the small database, counts the queries of a (warm) request, grows the
database and counts again: the two counts must be equal, and under a ceiling.
"""

import functools
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from designs.models import Design, Estimate, PracticeAttempt, Report
from estimator.engine import estimate as engine_estimate
from tests.designs.factories import DesignFactory, UserFactory
from tests.samples import sample_document

CEILING = 12
BIG = 42  # components added to the 4 of the photo-sharing sample


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """The API's throttles count in the cache; many requests here must not reach them."""
    cache.clear()
    yield
    cache.clear()


def _document(name: str, extra: int = 0) -> dict:
    """The photo-sharing sample under another name, with `extra` workers behind the API."""
    document = sample_document("photo-sharing")
    document["name"] = name
    for i in range(extra):
        document["components"].append({"key": f"worker{i}", "kind": "worker"})
        document["links"].append({"from": "api", "to": f"worker{i}"})
    return document


@functools.cache
def _result(document_json: str) -> dict:
    return engine_estimate(json.loads(document_json))


def _design(owner, name: str, *, extra: int = 0, stale: bool = False, **fields) -> Design:
    """A design with a done estimate: of its current version, or (stale) of the one before."""
    document = _document(name, extra)
    design = DesignFactory(owner=owner, document=document, version=2 if stale else 1, **fields)
    result = _result(json.dumps(document, sort_keys=True))  # saved as JSON, never changed
    Estimate.objects.create(
        design=design, design_version=1, status=Estimate.Status.DONE, input=document, result=result
    )
    Report.objects.create(
        design=design,
        design_version=design.version,
        format="pdf",
        status=Report.Status.DONE,
        content=b"%PDF-1.7",
    )
    if owner is not None:  # for the progress page
        PracticeAttempt.objects.create(
            user=owner, design=design, design_version=1, guesses={}, scores={}
        )
    return design


def _small(user, other) -> list[Design]:
    """3 designs of 4 components: the user's, another's public one, and an example."""
    return [
        _design(user, "Mine", is_public=True),
        _design(other, "Theirs", is_public=True),
        _design(None, "Example", is_public=True, is_example=True),
    ]


def _large(user, other) -> list[Design]:
    """34 more designs, of all kinds, 10 of them with 46 components."""
    big = [_design(user, f"Big {i}", extra=BIG, is_public=True) for i in range(6)]
    for i in range(8):
        _design(user, f"Mine {i}", stale=i % 2 == 0)
        _design(other, f"Theirs {i}", is_public=True, stale=i % 3 == 0)
        _design(UserFactory(), f"Hidden {i}")  # others' private designs
    for i in range(4):
        _design(None, f"Example {i}", extra=BIG, is_public=True, is_example=True)
    return big


def _compare_query(designs: list[Design], field: str) -> str:
    return ",".join(str(getattr(d, field)) for d in designs)


# Each page: its address from the designs of interest (the first is its subject: 4 components
# when small, 46 when large), and who may see it: "both", "user" or "anonymous".
PAGES = {
    "home": (lambda d: "/", "both"),
    "home-search": (lambda d: "/?q=e&sort=name", "both"),
    "detail": (lambda d: f"/designs/{d[0].slug}/", "both"),
    "start": (lambda d: "/designs/start/", "both"),
    "new": (lambda d: "/designs/new/", "both"),
    "new-template": (lambda d: "/designs/new/?template=uber", "both"),
    "edit": (lambda d: f"/designs/{d[0].slug}/edit/", "user"),
    "compare-empty": (lambda d: "/compare/", "both"),
    "compare": (lambda d: f"/compare/?designs={_compare_query(d, 'slug')}", "both"),
    "availability": (lambda d: "/availability/", "both"),
    "help": (lambda d: "/help/", "both"),
    "practice": (lambda d: f"/designs/{d[0].slug}/practice/", "both"),
    "progress": (lambda d: "/account/progress/", "user"),
    "report-pdf": (lambda d: f"/designs/{d[0].slug}/report/pdf/", "both"),
    "tokens": (lambda d: "/account/tokens/", "user"),
    "login": (lambda d: "/account/login/", "anonymous"),
    "signup": (lambda d: "/account/signup/", "anonymous"),
    "api-designs": (lambda d: "/api/designs/", "both"),
    "api-designs-filtered": (lambda d: "/api/designs/?public=true&search=i", "both"),
    "api-examples": (lambda d: "/api/examples/", "both"),
    "api-compare": (lambda d: f"/api/compare/?designs={_compare_query(d, 'pk')}", "both"),
    "api-design": (lambda d: f"/api/designs/{d[0].pk}/", "both"),
    "api-estimate": (lambda d: f"/api/estimates/{d[0].estimates.get().pk}/", "both"),
}
CASES = [
    pytest.param(page, caller, id=f"{page}-{caller}")
    for page, (_, callers) in PAGES.items()
    for caller in ("anonymous", "user")
    if callers in ("both", caller)
]


def _count(client, url: str) -> list[str]:
    """The SQL of a warm GET of url (the first request may save an estimate or a session)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Copied now: the next request empties the connection's log these index into.
    return [query["sql"] for query in queries.captured_queries]


def _listing(queries: list[str]) -> str:
    return "\n".join(f"  {i}. {sql}" for i, sql in enumerate(queries, 1))


@pytest.mark.parametrize(("page", "caller"), CASES)
def test_queries_do_not_grow_with_designs_or_components(client, user, other_user, page, caller):
    address, _ = PAGES[page]
    if caller == "user":
        client.force_login(user)
    small = _count(client, address(_small(user, other_user)[:2]))
    large = _count(client, address(_large(user, other_user)))

    assert len(small) == len(large), (
        f"{page} ({caller}): {len(small)} queries with 3 designs, {len(large)} with 37:\n"
        f"small:\n{_listing(small)}\nlarge:\n{_listing(large)}"
    )
    assert len(large) <= CEILING, f"{page} ({caller}): {len(large)} queries:\n{_listing(large)}"


@pytest.mark.parametrize("caller", ["anonymous", "user"])
def test_api_designs_second_page_is_as_cheap_as_the_first(client, user, other_user, caller):
    if caller == "user":
        client.force_login(user)
    _small(user, other_user)
    _large(user, other_user)
    first = _count(client, "/api/designs/")
    second = _count(client, "/api/designs/?page=2")

    assert len(first) == len(second), f"page 1:\n{_listing(first)}\npage 2:\n{_listing(second)}"
