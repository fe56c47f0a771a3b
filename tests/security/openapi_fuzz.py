"""What the OpenAPI fuzz test needs: the app in-process, real rows to aim at, and hooks that
send their ids some of the time so that the fuzzer gets past 404s."""

from contextlib import contextmanager
from dataclasses import dataclass, field

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

from designs.models import Report
from designs.services.designs import design_create
from designs.services.estimates import estimate_request, estimate_run
from designs.services.reports import report_request, report_run
from designs.services.simulations import simulation_request, simulation_run
from tests.designs.factories import UserFactory
from tests.samples import sample_document

CONFIG = {
    "generation": {"max-examples": 25, "deterministic": True, "database": "none"},
    "operations": [
        # A PDF is built by WeasyPrint: fewer tries for the report.
        {"include-path-regex": r"report\.", "generation": {"max-examples": 10}},
        # The schema's own endpoint, left out unless named. Its coverage phase asks for it in
        # each of ~100 languages (`lang`), building the whole schema each time: 150 requests,
        # 40% of this test's CPU on each database. The fuzzing phase's 25 draw the languages.
        {"include-path": "/api/schema/", "enabled": True,
         "phases": {"coverage": {"enabled": False}}},
    ],
}


@dataclass
class Rows:
    """A signed-in user's token and the ids the fuzzer may aim at, by kind of path."""

    token: str = ""
    ids: dict[str, list[int]] = field(default_factory=dict)


# What the test's fixture made; the hooks below read it while the fuzzer generates.
current = Rows()


def rows_create(*, with_pdf: bool) -> Rows:
    """The user's designs (one public), another user's public and private ones, their
    estimates, a simulation of each of the user's (one done), and the reports of the user's
    first design in every format (the PDF built only when `with_pdf`: it takes seconds;
    otherwise it stays queued)."""
    user, other = UserFactory(), UserFactory()
    designs = [
        design_create(owner=owner, document=sample_document(), is_public=public)
        for owner, public in [(user, False), (user, True), (other, True), (other, False)]
    ]
    estimates = [estimate_request(design=design) for design in designs]
    for estimate in estimates:  # no worker runs here (on_commit never fires in a test)
        estimate_run(estimate_id=estimate.pk)
    reports = [report_request(design=designs[0], fmt=f) for f in Report.Format.values]
    if with_pdf:
        pdf = next(report for report in reports if report.format == Report.Format.PDF)
        report_run(report_id=pdf.pk)
    simulations = [simulation_request(design=design, requests=1000) for design in designs[:2]]
    simulation_run(simulation_id=simulations[0].pk)  # one done, one queued
    return Rows(
        token=Token.objects.create(user=user).key,
        ids={
            "designs": [design.pk for design in designs],
            "estimates": [estimate.pk for estimate in estimates],
            "reports": [report.pk for report in reports],
            "simulations": [simulation.pk for simulation in simulations],
        },
    )


@contextmanager
def connection_kept():
    """Django closes a connection left inside a transaction at each request's start and end
    (its test client does not): keep it, so that the app sees the test's rows."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def schema_load() -> schemathesis.BaseSchema:
    """The schema the app serves at /api/schema/, fuzzed through the app itself, aiming at
    the `current` rows half of the time."""
    config = schemathesis.Config.from_dict(CONFIG)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=config)

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        kind = context.operation.path.removeprefix("/api/").split("/")[0]
        real = current.ids.get(kind)
        if not real or "id" not in (path_parameters or {}):
            return st.just(path_parameters)
        return st.one_of(
            st.just(path_parameters),
            st.sampled_from(real).map(lambda pk: {**path_parameters, "id": pk}),
        )

    @schema.hook
    def flatmap_query(context, query):
        if context.operation.path != "/api/compare/" or not current.ids:
            return st.just(query)
        designs = current.ids["designs"]
        ids = st.lists(st.sampled_from(designs), min_size=1, max_size=4, unique=True)
        real = ids.map(lambda pks: {**(query or {}), "designs": ",".join(map(str, pks))})
        return st.one_of(st.just(query), real)

    return schema
