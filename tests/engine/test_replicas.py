"""Replica groups: a primary and the components that are its `replica_of` (issue 13)."""

import pytest

from estimator.engine import estimate


def _replicated(*, reads=1000, writes=100, primary=None, replica=None) -> dict:
    """Reads and writes of a service on a database with one replica (round figures: rates
    per second, peak factor 1, no cache)."""
    return {
        "name": "Replicated",
        "assumptions": {"peak_factor": 1.0},
        "workloads": [
            {"name": "read", "kind": "read", "rate": reads, "route": ["api", "db"]},
            {"name": "write", "kind": "write", "rate": writes, "route": ["api", "db"]},
        ],
        "components": [
            {"key": "api", "kind": "service", "instances": 4, "capacity_rps": 1000},
            {"key": "db", "kind": "database", "capacity_rps": 2000, **(primary or {})},
            {"key": "db-replica", "kind": "database", "capacity_rps": 2000,
             "replica_of": "db", **(replica or {})},
        ],
    }


def _rows(document) -> dict:
    return {row["key"]: row for row in estimate(document)["components"]}


def test_reads_spread_evenly_over_a_primary_and_a_replica_of_equal_capacity():
    rows = _rows(_replicated(writes=0))
    assert rows["db"]["load_rps"] == pytest.approx(500)
    assert rows["db-replica"]["load_rps"] == pytest.approx(500)


def test_writes_go_to_the_primary_only():
    rows = _rows(_replicated(reads=0))
    assert rows["db"]["load_rps"] == pytest.approx(100)
    assert rows["db-replica"]["load_rps"] == 0


def test_a_route_naming_the_replica_still_writes_to_the_primary():
    document = _replicated()
    for workload in document["workloads"]:
        workload["route"] = ["api", "db-replica"]
    rows = _rows(document)
    assert rows["db"]["load_rps"] == pytest.approx(500 + 100)
    assert rows["db-replica"]["load_rps"] == pytest.approx(500)


def test_reads_spread_in_proportion_to_serving_capacity():
    # 2,000 rps on the primary, 2 x 3,000 on the replica: a quarter and three quarters.
    rows = _rows(_replicated(writes=0, replica={"instances": 2, "capacity_rps": 3000}))
    assert rows["db"]["load_rps"] == pytest.approx(250)
    assert rows["db-replica"]["load_rps"] == pytest.approx(750)


def test_utilisation_instances_and_headroom_follow_per_member():
    result = estimate(_replicated())
    rows = {row["key"]: row for row in result["components"]}
    # The primary: 500 reads + 100 writes of 2,000; the replica 500 of 2,000.
    assert rows["db"]["utilization"] == pytest.approx(600 / 2000)
    assert rows["db-replica"]["utilization"] == pytest.approx(500 / 2000)
    assert rows["db"]["instances_needed"] == 1
    # The api carries 1,100 of 4,000 (0.275): the primary (0.3) saturates first.
    assert result["headroom"]["first_saturating"] == "db"
    assert result["headroom"]["factor"] == pytest.approx(2000 / 600)


def test_overload_sheds_per_member():
    # 5,000 reads on an api of 4,000: it serves 80%, and each member of the group is
    # offered half of the 4,000 it passes on, all it can serve.
    result = estimate(_replicated(reads=5000, writes=0, replica={"capacity_rps": 1000}))
    shed = {row["key"]: row for row in result["overload"]["components"]}
    # Capacity 2,000 and 1,000: two thirds and one third of 4,000.
    assert shed["db"]["offered_rps"] == pytest.approx(4000 * 2 / 3)
    assert shed["db-replica"]["offered_rps"] == pytest.approx(4000 / 3)
    assert shed["db"]["shed_share"] == pytest.approx(1 - 2000 / (4000 * 2 / 3))
    assert shed["db-replica"]["shed_share"] == pytest.approx(1 - 1000 / (4000 / 3))
    # 80% through the api, then 75% through the group (either member serves 75%).
    read = result["overload"]["workloads"][0]
    assert read["served_share"] == pytest.approx(0.8 * 0.75)


def test_members_without_capacity_rps_take_their_kinds_default_and_so_an_even_spread():
    document = _replicated(writes=0)
    for member in document["components"][1:]:
        del member["capacity_rps"]
    rows = _rows(document)
    assert rows["db"]["load_rps"] == pytest.approx(500)
    assert rows["db-replica"]["load_rps"] == pytest.approx(500)


def _availability(document) -> dict:
    return {w["name"]: w["availability"]
            for w in estimate(document)["availability"]["workloads"]}


def _two_nines(**primary) -> dict:
    document = _replicated(primary={"availability": 0.99, **primary},
                           replica={"availability": 0.99})
    document["components"][0]["availability"] = 1.0
    return document


def test_reads_are_served_if_any_member_is_up():
    assert _availability(_two_nines())["read"] == pytest.approx(1 - 0.01**2)  # 0.9999


def test_writes_without_failover_need_the_primary():
    assert _availability(_two_nines())["write"] == pytest.approx(0.99)


def test_writes_with_active_passive_failover_are_up_if_either_is():
    document = _two_nines(redundancy="active-passive")
    assert _availability(document)["write"] == pytest.approx(0.9999)


def _spof(document) -> dict:
    result = estimate(document)
    flagged = {b["component"] for b in result["bottlenecks"] if b["kind"] == "spof"}
    return {row["key"]: (row["spof"], row["key"] in flagged) for row in result["components"]}


def test_a_primary_with_a_replica_is_no_spof_for_reads():
    document = _replicated(writes=0)
    document["workloads"].pop()
    spof = _spof(document)
    assert spof["db"] == (False, False)
    assert spof["db-replica"] == (False, False)
    assert spof["api"] == (False, False)  # four instances


def test_a_primary_without_failover_is_a_spof_for_writes_and_with_failover_not():
    assert _spof(_replicated())["db"] == (True, True)
    assert _spof(_replicated())["db-replica"] == (False, False)
    assert _spof(_replicated(primary={"redundancy": "active-passive"}))["db"] == (False, False)


def test_a_lone_database_stays_a_spof():
    document = _replicated()
    document["components"].pop()
    assert _spof(document)["db"] == (True, True)


def _what_if(document, scenario) -> tuple[dict, list]:
    from estimator.engine import what_if
    result = what_if(document, scenario)
    return {c["key"]: c for c in result["components"]}, result["stopped_workloads"]


def test_the_primary_down_moves_reads_to_the_replica_and_stops_writes_without_failover():
    rows, stopped = _what_if(_replicated(), {"failed": ["db"]})
    assert stopped == ["write"]
    assert rows["db"]["utilization"] is None
    assert rows["db-replica"]["utilization"] == pytest.approx(1000 / 2000)


def test_the_primary_down_with_failover_moves_writes_to_the_replica_too():
    rows, stopped = _what_if(_replicated(primary={"redundancy": "active-passive"}),
                             {"failed": ["db"]})
    assert stopped == []
    assert rows["db-replica"]["utilization"] == pytest.approx((1000 + 100) / 2000)


def test_the_replica_down_leaves_everything_on_the_primary():
    rows, stopped = _what_if(_replicated(), {"failed": ["db-replica"]})
    assert stopped == []
    assert rows["db"]["utilization"] == pytest.approx((1000 + 100) / 2000)


def test_the_route_working_counts_the_group_as_it_serves_the_workload():
    document = _two_nines()
    texts = {d["key"]: d["text"] for d in estimate(document)["derivations"]}
    assert "db 99.99%" in texts["availability.workloads[read]"]
    assert "db 99%" in texts["availability.workloads[write]"]


def test_a_busy_member_s_message_names_its_group():
    """6,000 reads/s over db and db-replica (3,000 each, against 2,000): both saturated."""
    result = estimate(_replicated(reads=6000, writes=0))
    messages = {b["component"]: b["message"] for b in result["bottlenecks"]
                if b["kind"] == "saturated"}
    words = "db and its replica db-replica share reads; writes go to db"
    assert words[0].upper() + words[1:] in messages["db-replica"]
    assert words[0].upper() + words[1:] in messages["db"]
    assert "share reads" not in messages.get("api", "")


def test_a_shedding_group_s_served_share_is_worked_member_by_member():
    """6,000 reads/s, half to each member of 2,000/s: each serves two thirds."""
    document = _replicated(reads=6000, writes=0)
    document["components"][0]["instances"] = 8  # api passes all 6,000/s
    result = estimate(document)
    text = {d["key"]: d["text"] for d in result["derivations"]}["overload.workloads[read]"]
    assert ("the group of db (db and its replica db-replica share reads; writes go to db: "
            "50% x db 2K/3K (66.6667%) + 50% x db-replica 2K/3K (66.6667%) = 66.6667%)") in text
    assert result["overload"]["workloads"][0]["served_share"] == pytest.approx(2 / 3)
