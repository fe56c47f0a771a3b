"""GET /api/schema/ (OpenAPI 3) and GET /api/docs/ (Swagger UI, served without a CDN)."""

import re

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

from designs.api.estimate_schema import LATENCY, OVERLOAD, RETRIES, SLOS
from estimator.engine import estimate
from tests.samples import sample_document

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "/api/designs/": {"get", "post"},
    "/api/designs/{id}/": {"get", "put", "patch", "delete"},
    "/api/designs/{id}/estimate/": {"post"},
    "/api/designs/{id}/export.{format}": {"get"},
    "/api/export/{format}/": {"post"},
    "/api/import/": {"post"},
    "/api/designs/{id}/whatif/": {"post"},
    "/api/designs/{id}/size/": {"post"},
    "/api/designs/{id}/size/apply/": {"post"},
    "/api/designs/{id}/fork/": {"post"},
    "/api/designs/{id}/versions/": {"get"},
    "/api/designs/{id}/versions/{number}/restore/": {"post"},
    "/api/estimates/{id}/": {"get"},
    "/api/designs/{id}/simulate/": {"post"},
    "/api/simulations/{id}/": {"get"},
    "/api/designs/{id}/report.{format}": {"get"},
    "/api/reports/{id}/": {"get"},
    "/api/estimate/": {"post"},
    "/api/estimate/live/": {"post"},
    "/api/validate/": {"post"},
    "/api/compare/": {"get"},
    "/api/examples/": {"get"},
    "/api/token/": {"post"},
    "/api/schema/": {"get"},
    "/api/docs/": {"get"},
}


@pytest.fixture
def schema(api) -> dict:
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _responses(schema: dict, path: str, method: str) -> dict:
    return schema["paths"][path][method]["responses"]


def test_it_is_a_valid_openapi_3_document(schema):
    validate(schema)

    assert schema["openapi"].startswith("3.")


def test_it_has_every_endpoint(schema):
    assert {path: set(schema["paths"][path]) for path in schema["paths"]} == OPERATIONS


def test_it_documents_the_status_codes_beyond_200(schema):
    estimate = _responses(schema, "/api/designs/{id}/estimate/", "post")
    assert {"202", "200", "401", "404"} <= set(estimate)
    assert {"409", "412", "400", "403"} <= set(_responses(schema, "/api/designs/{id}/", "put"))
    assert "413" in _responses(schema, "/api/estimate/", "post")
    restore = _responses(schema, "/api/designs/{id}/versions/{number}/restore/", "post")
    assert {"400", "401", "403", "404", "409"} <= set(restore)
    assert "201" in _responses(schema, "/api/designs/{id}/fork/", "post")
    error = _responses(schema, "/api/designs/", "post")["400"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_it_documents_imports_and_exports(schema):
    imported = schema["paths"]["/api/import/"]["post"]
    assert {"200", "201", "400", "401", "413"} <= set(imported["responses"])
    assert {"application/json", "multipart/form-data"} <= set(imported["requestBody"]["content"])
    exported = schema["paths"]["/api/designs/{id}/export.{format}"]["get"]
    assert {p["name"] for p in exported["parameters"]} >= {"id", "format"}


def test_it_documents_the_query_parameters(schema):
    compare = schema["paths"]["/api/compare/"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in compare] == [("designs", "query", True)]
    listing = {p["name"] for p in schema["paths"]["/api/designs/"]["get"]["parameters"]}
    assert listing == {"search", "owner", "example", "public", "page"}
    put = {p["name"] for p in schema["paths"]["/api/designs/{id}/"]["put"]["parameters"]}
    assert "If-Match" in put


def test_it_documents_the_report_formats_and_files(schema):
    report = schema["paths"]["/api/designs/{id}/report.{format}"]["get"]
    fmt = next(p for p in report["parameters"] if p["name"] == "format")
    assert fmt["in"] == "path" and sorted(fmt["schema"]["enum"]) == ["html", "json", "md", "pdf"]
    files = report["responses"]["200"]["content"]
    assert set(files) == {"text/markdown", "text/html", "application/pdf", "application/json"}
    assert files["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    assert "Content-Disposition" in report["responses"]["200"]["headers"]
    assert "Location" in report["responses"]["202"]["headers"]
    assert {"400", "404"} <= set(report["responses"])


def test_it_describes_the_request_bodies(schema):
    schemas = schema["components"]["schemas"]
    create = schemas["DesignCreateInputRequest"]
    assert set(create["properties"]) == {"document", "is_public"}
    assert create["required"] == ["document"]
    update = schemas["DesignUpdateInputRequest"]
    assert set(update["properties"]) == {"document", "is_public", "version"}


def test_it_serves_the_interactive_docs_from_its_own_static_files(api):
    response = api.get("/api/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/schema/" in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(not s.startswith(("http:", "https:", "//")) for s in sources)
    assets = [s.removeprefix("/static/") for s in sources if s.startswith("/static/")]
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert all(finders.find(asset) for asset in assets)


def test_it_describes_the_display_strings_beside_the_figures(schema):
    schemas = schema["components"]["schemas"]
    headline = schemas["Estimate"]["properties"]["headline"]
    assert headline["nullable"] is True
    assert headline["items"]["$ref"].endswith("/HeadlineRow")
    assert set(schemas["HeadlineRow"]["properties"]) == {"key", "label", "text"}
    answer = _responses(schema, "/api/designs/{id}/whatif/", "post")["200"]
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/WhatIfAnswer")
    assert "overall_text" in schemas["WhatIfAvailability"]["properties"]
    assert "availability_text" in schemas["WhatIfWorkload"]["properties"]
    assert "utilization_text" in schemas["WhatIfComponent"]["properties"]


def _estimate_document(schema: dict) -> dict:
    return schema["components"]["schemas"]["Estimate"]["properties"]["result"]


def test_it_describes_the_estimate_s_latency_overload_and_slos(schema):
    document = _estimate_document(schema)
    sections = document["properties"]
    assert {"latency", "overload", "slos", "availability"} <= set(sections)
    route = sections["latency"]["properties"]["workloads"]["items"]
    assert {"mean_ms", "p50_ms", "p95_ms", "p99_ms"} <= set(route["required"])
    assert route["properties"]["p99_ms"]["nullable"] is True
    assert "requests_served" in sections["availability"]["properties"]
    assert sections["slos"]["items"]["properties"]["kind"]["enum"] == [
        "availability", "p99", "budget"]


def test_the_described_fields_are_what_the_engine_writes():
    """Every field the schema requires is in a real estimate with SLOs, and every field the
    engine writes in those sections is described."""
    document = sample_document("round-figures")
    document["slos"] = {"availability": 0.99, "p99_ms": {"read": 100}, "monthly_budget": 10}
    document["workloads"][0]["route"][1] = {"key": "api", "timeout_ms": 50, "retries": 2}
    result = estimate(document)

    def check(described: dict, value) -> None:
        if described.get("type") == "array":
            assert value, described["description"]
            for item in value:
                check(described["items"], item)
        elif described.get("type") == "object":
            assert set(value) == set(described["properties"]), described["description"]
            for name, part in described["properties"].items():
                check(part, value[name])

    check(LATENCY, result["latency"])
    check(OVERLOAD, result["overload"])
    check(SLOS, result["slos"])
    check(RETRIES, result["retries"])


def test_it_documents_the_simulation_with_its_settings_and_examples(schema):
    simulate = schema["paths"]["/api/designs/{id}/simulate/"]["post"]
    assert {"202", "400", "401", "404"} <= set(simulate["responses"])
    assert "Location" in simulate["responses"]["202"]["headers"]
    body = schema["components"]["schemas"]["SimulationRequestInputRequest"]
    assert set(body["properties"]) == {"requests", "multiple", "seed", "failed"}
    assert body["properties"]["requests"]["maximum"] == 1_000_000
    assert simulate["requestBody"]["content"]["application/json"]["examples"]
    assert simulate["responses"]["400"]["content"]["application/json"]["examples"]
    simulation = schema["components"]["schemas"]["Simulation"]["properties"]
    assert {"status", "progress", "settings", "result", "beside_analytic"} <= set(simulation)
    assert simulation["beside_analytic"]["nullable"] is True
