"""estimator.present.availability: routes as text, read from the parsed design."""

from estimator.present.availability import route_texts


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
