"""Overload-aware figures (issue 13, part 3): the share of peak requests served when a
component is past its capacity, with hand-computed values."""

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings

from estimator.engine import estimate
from estimator.engine.result import EstimateView
from estimator.engine.version import ENGINE_VERSION
from tests.strategies import valid_documents

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"


def _design(workloads, components):
    return {"name": "Overload", "assumptions": {"peak_factor": 1.0},
            "workloads": workloads, "components": components}


def _workload(name, rate, route, kind="write"):
    return {"name": name, "kind": kind, "rate": rate, "route": route}


SERVICE = {"key": "svc", "kind": "service", "capacity_rps": 1000, "availability": 0.999}


def _by_name(rows, field="name"):
    return {row[field]: row for row in rows}


def test_a_service_offered_twice_its_capacity_serves_half():
    # 2,000 requests/s at peak (peak factor 1) against 1,000/s x 1 instance.
    result = estimate(_design([_workload("send", 2000, ["svc"])], [SERVICE]))
    overload = result["overload"]
    assert overload["workloads"] == [
        {"name": "send", "peak_rps": 2000.0, "served_share": 0.5, "lost_rps": 1000.0}]
    assert overload["served_share"] == 0.5
    assert overload["components"] == [
        {"key": "svc", "offered_rps": 2000.0, "served_rps": 1000.0, "shed_share": 0.5}]
    # 99.9% up x 50% served.
    assert result["availability"]["overall"] == pytest.approx(0.999)
    assert result["availability"]["requests_served"] == pytest.approx(0.4995)


def test_the_peak_factor_and_serving_instances_count():
    # 500/s x peak 4 = 2,000/s against 400/s x 2 active-active = 800/s: 40% served.
    design = _design([_workload("send", 500, ["svc"])],
                     [{**SERVICE, "capacity_rps": 400, "instances": 2}])
    design["assumptions"]["peak_factor"] = 4.0
    overload = estimate(design)["overload"]
    assert overload["workloads"][0]["served_share"] == pytest.approx(0.4)
    assert overload["workloads"][0]["lost_rps"] == pytest.approx(1200)
    # Active-passive serves on one instance only: 400 / 2,000.
    design["components"][0]["redundancy"] = "active-passive"
    assert estimate(design)["overload"]["served_share"] == pytest.approx(0.2)


def test_two_workloads_through_it_shed_proportionally():
    # 1,500 + 500 = 2,000/s against 1,000/s: each loses half; the second also passes a
    # roomy database.
    design = _design(
        [_workload("a", 1500, ["svc"]), _workload("b", 500, ["svc", "db"], kind="read")],
        [SERVICE, {"key": "db", "kind": "database", "capacity_rps": 5000}])
    result = estimate(design)
    workloads = _by_name(result["overload"]["workloads"])
    assert workloads["a"]["served_share"] == pytest.approx(0.5)
    assert workloads["b"]["served_share"] == pytest.approx(0.5)
    assert workloads["a"]["lost_rps"] == pytest.approx(750)
    assert workloads["b"]["lost_rps"] == pytest.approx(250)
    components = _by_name(result["overload"]["components"], "key")
    # The database is offered only what the service served of b: 250/s.
    assert components["db"] == {"key": "db", "offered_rps": pytest.approx(250),
                                "served_rps": pytest.approx(250), "shed_share": 0.0}


def test_shares_multiply_along_a_route():
    # 4,000/s: lb serves 2,000 (50%); the service is offered 2,000 and serves 1,000 (50%):
    # 25% of the requests are served. Without the lb's shedding the service would be offered
    # 4,000 and the product would be 12.5%: requests shed go no further.
    design = _design([_workload("send", 4000, ["lb", "svc"])],
                     [{"key": "lb", "kind": "load_balancer", "capacity_rps": 2000}, SERVICE])
    result = estimate(design)
    assert result["overload"]["served_share"] == pytest.approx(0.25)
    components = _by_name(result["overload"]["components"], "key")
    assert components["svc"]["offered_rps"] == pytest.approx(2000)
    assert components["svc"]["served_rps"] == pytest.approx(1000)


def test_a_cache_in_front_lowers_the_load_and_raises_the_served_share():
    # Reads of 2,500/s: without the cache the database (1,000/s) serves 40%; behind a
    # cache hitting 80%, it is offered 500/s and serves all.
    database = {"key": "db", "kind": "database", "capacity_rps": 1000}
    cache = {"key": "cache", "kind": "cache", "hit_ratio": 0.8, "capacity_rps": 100_000}
    without = estimate(_design([_workload("feed", 2500, ["db"], kind="read")],
                               [database, cache]))
    assert without["overload"]["served_share"] == pytest.approx(0.4)
    behind = estimate(_design([_workload("feed", 2500, ["cache", "db"], kind="read")],
                              [database, cache]))
    assert behind["overload"]["served_share"] == 1.0
    assert _by_name(behind["overload"]["components"], "key")["db"]["offered_rps"] == \
        pytest.approx(500)
    # A cache hitting 50% leaves 1,250/s for the database: 1,000 / 1,250 = 80% served.
    cache["hit_ratio"] = 0.5
    half = estimate(_design([_workload("feed", 2500, ["cache", "db"], kind="read")],
                            [database, cache]))
    assert half["overload"]["served_share"] == pytest.approx(0.8)


def test_a_component_without_a_capacity_serves_all():
    result = estimate(_design([_workload("send", 1e6, ["client"])],
                              [{"key": "client", "kind": "client"}]))
    assert result["overload"]["served_share"] == 1.0


def test_an_unloaded_design_serves_every_request(design):
    design["components"][1]["instances"] = 10
    result = estimate(design)
    assert result["overload"]["served_share"] == 1.0
    assert all(w["served_share"] == 1.0 and w["lost_rps"] == 0.0
               for w in result["overload"]["workloads"])
    assert result["availability"]["requests_served"] == result["availability"]["overall"]


def test_the_round_figures_design_is_overloaded_at_its_api(design):
    # api: 2 x 1,000/s against (100 + 1,000) x 2 = 2,200/s at peak: 2,000 / 2,200 served.
    result = estimate(design)
    assert result["overload"]["served_share"] == pytest.approx(2000 / 2200)
    saturated = next(b for b in result["bottlenecks"] if b["kind"] == "saturated")
    assert "It serves 2K of 2.2K requests/s at peak: 9.1% of the requests through it " \
           "are lost." in saturated["message"]


def test_requests_served_is_weighted_by_traffic_like_overall():
    # a: 1,500/s at 99.9% x 50%; b: 500/s at 99.9% x 99.99% x 50%.
    design = _design(
        [_workload("a", 1500, ["svc"]), _workload("b", 500, ["svc", "db"])],
        [SERVICE, {"key": "db", "kind": "database", "capacity_rps": 5000,
                   "availability": 0.9999}])
    available = estimate(design)["availability"]
    expected = (1500 * 0.999 * 0.5 + 500 * 0.999 * 0.9999 * 0.5) / 2000
    assert available["requests_served"] == pytest.approx(expected)


def test_the_view_reads_the_new_fields_and_the_version_is_at_least_two():
    result = estimate(_design([_workload("send", 2000, ["svc"])], [SERVICE]))
    view = EstimateView.from_document(result)
    assert ENGINE_VERSION >= 2 and result["engine_version"] == ENGINE_VERSION
    assert view.overload.overloaded
    assert view.overload.workloads[0].served_share == 0.5
    assert view.overload.components[0].shed_share == 0.5
    assert view.availability.requests_served == pytest.approx(0.4995)


def test_derivations_show_the_work():
    result = estimate(_design([_workload("send", 2000, ["svc"])], [SERVICE]))
    texts = {d["key"]: d["text"] for d in result["derivations"]}
    assert texts["availability.requests_served"] == (
        "requests served = each workload's route availability x its share served at peak, "
        "weighted by its traffic = 99.9% x 50% served = 49.95% ~ 49.95%")
    assert texts["overload.workloads[send]"] == (
        "send: served share at peak = product of served/offered along its route = "
        "svc 1K/2K (50%) = 50% of 2,000/s (1,000/s lost)")


def test_whatsapp_at_a_billion_users_serves_few_of_its_requests():
    document = json.loads((EXAMPLES / "whatsapp.json").read_text())
    document["assumptions"]["daily_active_users"] = 1_000_000_000
    result = estimate(document)
    available = result["availability"]
    assert available["overall"] > 0.9994  # every component is up...
    # ...but the balancers serve 200K of the ~2.1M/s peak, and the services behind them
    # saturate too: about a tenth of the requests are served.
    assert result["overload"]["served_share"] == pytest.approx(0.104, rel=1e-3)
    assert available["requests_served"] == pytest.approx(0.99939 * 0.104, rel=1e-3)
    assert available["requests_served"] < available["overall"] / 9


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_the_handbook_examples_are_not_overloaded_at_their_own_figures(path):
    result = estimate(json.loads(path.read_text()))
    assert result["overload"]["served_share"] == 1.0
    assert result["availability"]["requests_served"] == result["availability"]["overall"]


@settings(max_examples=40, deadline=None)
@given(valid_documents())
def test_any_design_serves_a_share_between_none_and_all(document):
    result = estimate(document)
    overload = result["overload"]
    assert 0.0 <= overload["served_share"] <= 1.0
    for workload in overload["workloads"]:
        assert 0.0 <= workload["served_share"] <= 1.0
        assert workload["lost_rps"] >= 0.0 or math.isclose(workload["lost_rps"], 0.0)
    for component in overload["components"]:
        assert component["served_rps"] <= component["offered_rps"] * (1 + 1e-12)
    available = result["availability"]
    assert available["requests_served"] <= available["overall"] * (1 + 1e-12)
    if not any(c["shed_share"] > 0 for c in overload["components"]):
        assert available["requests_served"] == available["overall"]
