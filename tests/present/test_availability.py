"""estimator.present.availability: routes as text, read from the parsed design."""

from estimator.engine import estimate
from estimator.engine.result import RouteAvailability
from estimator.present.availability import (
    component_availability_rows,
    importance_rows,
    improve_first,
    route_availability_rows,
    route_method,
    route_texts,
)


def test_route_texts_write_fan_outs_as_keys_and_alternatives_grouped(design):
    design["components"].append({"key": "cdn", "kind": "cdn"})
    design["workloads"][1]["route"] = [
        "client", {"any_of": [["cdn"], ["api", "cache"]]}, {"key": "db", "fan_out": 2}]

    routes = {r["name"]: r["route"] for r in route_texts(design)}

    assert routes["read"] == "client → cdn | api + cache → db"


def test_route_texts_show_each_component_once(design):
    design["workloads"][1]["route"] = ["client", "api", "api", "db"]

    routes = {r["name"]: r["route"] for r in route_texts(design)}

    assert routes["read"] == "client → api → db"


def test_a_document_the_engine_refuses_has_no_routes():
    assert route_texts({"name": "x", "workloads": [{"name": "w", "route": ["a"]}]}) == []


def test_route_availability_shows_the_product_of_its_components(design):
    design["components"][1]["availability"] = 0.99  # api, two instances: 99.99%
    design["components"][3]["availability"] = 0.999  # db, one instance

    rows = {r["name"]: r for r in route_availability_rows(design, estimate(design))}

    assert rows["write"]["route"] == "client → api → db"
    assert rows["write"]["formula"] == "100% x 99.99% x 99.9% = 99.89001%"
    assert rows["write"]["nines"] == "2.96"
    assert rows["read"]["formula"].count(" x ") == 3


def test_route_availability_counts_a_component_once(design):
    design["workloads"][0]["route"] = ["client", "api", {"key": "api", "fan_out": 2}, "db"]

    rows = route_availability_rows(design, estimate(design))

    assert rows[0]["route"] == "client → api → db"


def test_component_availability_rows_have_nines(design):
    rows = {r["key"]: r for r in component_availability_rows(estimate(design))}

    assert rows["client"]["nines"] == "perfect"
    assert rows["api"]["instances"] == 2 and rows["api"]["redundancy"] == "active-active"


def _route(**fields) -> RouteAvailability:
    return RouteAvailability(name="w", availability=0.999, nines=3.0,
                             **{"interval": None, **fields})


def test_route_method_names_exact_and_monte_carlo_with_its_interval():
    assert route_method(_route(method="series", paths=1)) == "series"
    assert route_method(_route(method="exact", paths=2)) == "exact, 2 paths"
    assert route_method(_route(method="monte_carlo", paths=3, interval=(0.9991, 0.9995))) == (
        "Monte Carlo, 3 paths (95%: 99.91% to 99.95%)")


def test_route_rows_show_alternatives_and_the_method(design):
    design["components"].append({"key": "cdn", "kind": "cdn"})
    design["workloads"][1]["route"] = ["client", {"any_of": [["cdn"], ["api", "cache"]]}, "db"]

    rows = {r["name"]: r for r in route_availability_rows(design, estimate(design))}

    assert rows["read"]["route"] == "client → cdn | api + cache → db"
    assert rows["read"]["method"] == "exact, 2 paths"
    assert rows["write"]["method"] == "series"


def test_improve_first_names_the_component_and_the_availability_it_would_give(design):
    design["components"][3]["availability"] = 0.99  # db: a lone 99% instance on every route
    result = estimate(design)

    advice = improve_first(result)
    rows = importance_rows(result)

    assert advice == ("Improve db first: availability would rise from 98.909901% to "
                      "99.908991%.")
    assert rows[0]["if_perfect"] == "99.908991%"
    assert rows[0]["key"] == "db" and rows[0]["gain"].endswith(" pp")
