"""The large design bench/editor_large.py opens in the editor: valid, and of its shape."""

from collections import Counter

from bench.editor_large import WORKLOADS, large_design
from estimator.engine import validate


def test_the_large_design_is_valid_with_300_components():
    document = large_design(300)

    assert validate(document) == []
    kinds = Counter(c["kind"] for c in document["components"])
    assert len(document["components"]) == 300
    assert kinds["service"] > 150 and kinds["load_balancer"] == 3
    assert kinds["cache"] and kinds["database"] and kinds["queue"] and kinds["worker"]


def test_every_hop_of_every_route_is_drawn_and_the_routes_are_long():
    document = large_design(300)
    links = {(link["from"], link["to"]) for link in document["links"]}

    assert len(document["workloads"]) == len(WORKLOADS)
    for workload in document["workloads"]:
        route = workload["route"]
        assert len(route) >= 13
        assert all(hop in links for hop in zip(route, route[1:], strict=False))


def test_no_two_components_share_a_place_on_the_canvas():
    places = [(c["position"]["x"], c["position"]["y"]) for c in large_design(300)["components"]]

    assert len(set(places)) == len(places)
