"""POST /api/estimate/live/: what the editor's canvas shows of a draft, computed now."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from designs.models import Design, Estimate
from tests.api.helpers import assert_error
from tests.samples import sample_document

URL = reverse("api:estimate-live")
pytestmark = pytest.mark.django_db


def _post(client, body):
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, text, content_type="application/json")


@pytest.fixture
def draft() -> dict:
    """Round figures: 2,200 requests/s at peak through two API servers of 1,000/s each."""
    document = sample_document("round-figures")
    document["components"][1]["name"] = "API servers"
    document["slos"] = {"availability": 0.999, "p99_ms": {"read": 200}}
    return document


def test_it_answers_each_components_load_and_the_strip_to_anyone(api, draft):
    response = _post(api, draft)

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"components", "first_saturating", "figures", "workloads", "slos"}
    assert [c["key"] for c in body["components"]] == ["client", "api", "cache", "db"]
    api_row = body["components"][1]
    assert api_row["name"] == "API servers"
    assert api_row["utilization"] == pytest.approx(1.1)
    assert (api_row["utilization_text"], api_row["band"]) == ("110%", "hot")
    assert api_row["first_saturating"] and api_row["bottleneck"]
    assert api_row["flags"][0]["kind"] == "saturated"
    assert api_row["flags"][0]["text"].startswith("API servers is saturated at 110%")
    assert body["first_saturating"] == {"key": "api", "name": "API servers",
                                        "headroom_text": "0.91x"}
    assert body["components"][0]["band"] == "none"  # the client: no capacity limit
    assert [c["spof"] for c in body["components"]] == [False, False, True, True]
    assert not Design.objects.exists() and not Estimate.objects.exists()


def test_the_strip_has_its_figures_p99s_and_slos_as_text(api, draft):
    body = _post(api, draft).json()

    figures = {f["key"]: f["text"] for f in body["figures"]}
    assert figures["peak_rps"] == "2,200/s"
    assert figures["storage_total"] == "31.5 TB"
    assert figures["cost_month"].startswith("$")
    assert float(figures["requests_served"].rstrip("%")) < 91  # a tenth of the peak is shed
    assert body["workloads"] == [
        {"name": "write", "p99_ms": None, "p99_text": "saturated"},
        {"name": "read", "p99_ms": None, "p99_text": "saturated"},
    ]
    assert [(s["label"], s["verdict"]) for s in body["slos"]] == [
        ("Availability (requests served)", "missed"), ("p99 of 'read'", "missed")]


def test_more_instances_bring_the_service_under_its_target(api, draft):
    draft["components"][1]["instances"] = 4

    body = _post(api, draft).json()

    api_row = body["components"][1]
    assert (api_row["utilization_text"], api_row["band"], api_row["bottleneck"]) == (
        "55%", "ok", False)
    assert body["slos"][1] == {"label": "p99 of 'read'", "met": True, "verdict": "met",
                               "text": "21.9 ms against 200 ms"}


def test_it_answers_400_naming_the_field_of_an_invalid_draft(api, draft):
    draft["components"][1]["instances"] = -1

    assert_error(_post(api, draft), 400, "components[1].instances", "must not be negative")


def test_it_names_an_unknown_route_step(api, draft):
    draft["workloads"][0]["route"][1] = "nowhere"

    assert_error(_post(api, draft), 400, "workloads[0].route[1]", "unknown component")


@pytest.mark.parametrize(
    ("body", "words"), [("[1, 2]", "must be a JSON object"), ('{"name": ', "not valid JSON")]
)
def test_it_answers_400_for_a_body_that_is_not_a_json_object(api, body, words):
    assert_error(_post(api, body), 400, "", words)


def test_it_answers_signed_in_callers_with_the_session(client, user, draft):
    client.force_login(user)

    assert _post(client, json.dumps(draft)).status_code == 200


def test_it_refuses_other_methods(api):
    assert api.get(URL).status_code == 405


@pytest.mark.parametrize("who", ["anon", "user"])
def test_it_is_throttled_at_the_editors_rate(api, owner_api, draft, settings, who):
    # Anonymous drafts count at the editor's own rate, not the general anonymous one (2 here).
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "anon_editor": "2/minute",
                                   "user": "3/minute"},
    }
    cache.clear()
    client = api if who == "anon" else owner_api

    codes = [_post(client, draft).status_code for _ in range({"anon": 3, "user": 4}[who])]

    assert codes[-1] == 429 and set(codes[:-1]) == {200}


def test_it_is_in_the_schema(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/estimate/live/"]["post"]
    assert {"200", "400", "413", "429"} <= set(operation["responses"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/LiveEstimate")
    properties = schema["components"]["schemas"]["LiveComponent"]["properties"]
    assert {"utilization_text", "band", "spof", "first_saturating", "flags"} <= set(properties)


VALIDATE = reverse("api:validate")


def test_validate_with_live_answers_the_same_estimate_for_a_valid_draft(api, draft):
    text = json.dumps(draft)

    answer = api.post(f"{VALIDATE}?live=1", text, content_type="application/json").json()

    assert answer["valid"] is True
    assert answer["live"] == _post(api, draft).json()


def test_validate_with_live_answers_an_invalid_draft_200_with_its_errors(api, draft):
    draft["components"][1]["instances"] = -1

    response = api.post(f"{VALIDATE}?live=1", json.dumps(draft), content_type="application/json")

    assert response.status_code == 200
    body = response.json()
    assert (body["valid"], body["live"]) == (False, None)
    assert body["errors"][0]["field"] == "components[1].instances"


def test_validate_without_live_has_no_live(api, draft):
    body = api.post(VALIDATE, json.dumps(draft), content_type="application/json").json()

    assert set(body) == {"valid", "errors", "echo"}
