import json

import pytest

from estimator.engine import DesignError, estimate, parse_json, validate
from estimator.engine.limits import MAX_DOCUMENT_BYTES
from tests.bad_designs import BAD_DESIGNS, bad_design


def test_the_base_design_is_valid(design):
    assert validate(design) == []


@pytest.mark.parametrize(("mutation", "field", "words"),
                         [case[1:] for case in BAD_DESIGNS], ids=[c[0] for c in BAD_DESIGNS])
def test_bad_input_names_the_field(mutation, field, words):
    with pytest.raises(DesignError) as raised:
        estimate(bad_design(mutation))
    messages = [str(error) for error in raised.value.errors]
    assert any(m.startswith(f"{field}: ") and words in m for m in messages), messages


def test_every_error_is_reported_at_once(design):
    design["workloads"][0]["rate"] = -1
    design["components"][1]["instances"] = 0
    errors = validate(design)
    assert {e.path for e in errors} == {"workloads[0].rate", "components[1].instances"}
    assert str(DesignError(errors)).endswith("(and 1 more)")


def test_the_document_must_be_an_object():
    assert [str(e) for e in validate([1, 2])] == ["must be an object"]


def test_parse_json_rejects_bad_json_and_oversize_documents():
    with pytest.raises(DesignError, match="not valid JSON"):
        parse_json("{nope")
    with pytest.raises(DesignError, match="at most 2,000,000"):
        parse_json(json.dumps({"name": "x" * MAX_DOCUMENT_BYTES}))
    with pytest.raises(DesignError, match="nested too deeply"):
        parse_json("[" * 100_000 + "]" * 100_000)
    with pytest.raises(DesignError, match="must be a JSON object"):
        parse_json("[]")


def test_defaults_fill_every_field():
    result = estimate({"name": "minimal", "components": [{"key": "db", "kind": "database"}]})
    row = result["components"][0]
    assert row["capacity_rps"] == 5000 and row["instances"] == 1
    assert result["assumptions"]["peak_factor"] == 2.0
    assert result["assumptions"]["cache_fraction"] == 0.2


def test_slos_are_read_with_each_part_optional():
    from estimator.engine.model import Slos, parse_design
    from tests.samples import sample_document

    document = sample_document("round-figures")
    assert parse_design(document).slos == Slos()
    assert not parse_design(document).slos.stated
    document["slos"] = {"availability": 0.999, "p99_ms": {"read": 200, "write": 50},
                        "monthly_budget": 5000}
    slos = parse_design(document).slos
    assert slos == Slos(availability=0.999, p99_ms=(("read", 200.0), ("write", 50.0)),
                        monthly_budget=5000.0)
    assert slos.stated
    document["slos"] = {"p99_ms": {}}
    assert not parse_design(document).slos.stated


def test_a_p99_target_naming_no_workload_says_which_workloads_there_are():
    from estimator.engine.model import validate
    from tests.samples import sample_document

    document = sample_document("round-figures")
    document["slos"] = {"p99_ms": {"redirect": 200}, "availability": 1}
    errors = validate(document)
    assert [(e.path, e.message) for e in errors] == [
        ("slos.p99_ms.redirect", 'no workload is called "redirect" (workloads: read, write)')]


def _with_replica(**replica) -> dict:
    document = bad_design(lambda d: None)
    document["components"].append({"key": "db2", "kind": "database", **replica})
    return document


def test_a_replica_of_a_database_is_valid():
    assert validate(_with_replica(replica_of="db")) == []


def test_a_replica_cycle_is_refused_at_both_ends():
    document = _with_replica(replica_of="db")
    document["components"][3]["replica_of"] = "db2"
    errors = validate(document)
    assert [e.path for e in errors] == ["components[3].replica_of", "components[4].replica_of"]
    assert all("itself a replica" in e.message for e in errors)


def test_replica_of_must_be_a_key():
    errors = validate(_with_replica(replica_of=3))
    assert [(e.path, e.message) for e in errors] == [("components[4].replica_of",
                                                      "must be a string")]
