"""estimator.present.echo: the editor's echo of the numbers typed, by the errors' paths."""

import pytest

from estimator.engine import validate
from estimator.present.echo import echo_texts, related
from tests.samples import sample_document as sample


def _with_cache_memory(value) -> dict:
    document = sample()
    document["components"][2]["memory_bytes"] = value
    return document


def test_a_byte_size_is_echoed_in_its_unit_at_the_errors_path():
    texts = echo_texts(_with_cache_memory(64_000_000_000))

    assert texts["components[2].memory_bytes"] == "64 GB"


def test_every_byte_field_of_components_and_workloads_is_echoed():
    document = sample()
    document["components"][3]["storage_bytes"] = 2_500_000_000_000
    document["workloads"][0].update(response_bytes=1500, stored_bytes=3_000_000,
                                    media={"fraction": 0.5, "bytes": 4_000_000})

    texts = echo_texts(document)

    assert texts["components[3].storage_bytes"] == "2.5 TB"
    assert texts["workloads[0].request_bytes"] == "2 KB"
    assert texts["workloads[0].response_bytes"] == "1.5 KB"
    assert texts["workloads[0].stored_bytes"] == "3 MB"
    assert texts["workloads[0].media.bytes"] == "4 MB"
    assert texts["workloads[1].response_bytes"] == "5 KB"


def test_a_size_under_a_kilobyte_reads_the_same_and_is_not_echoed():
    document = _with_cache_memory(999)
    document["workloads"][0]["request_bytes"] = 0

    texts = echo_texts(document)

    assert "components[2].memory_bytes" not in texts
    assert "workloads[0].request_bytes" not in texts


def test_the_daily_active_users_and_peak_factor_are_echoed_grouped():
    document = sample()
    document["assumptions"]["peak_factor"] = 2.5

    texts = echo_texts(document)

    assert texts["assumptions.daily_active_users"] == "1,000,000"
    assert texts["assumptions.peak_factor"] == "2.5"


def test_the_availability_target_reads_as_a_percentage_and_the_budget_as_money():
    document = sample()
    document["slos"] = {"availability": 0.999, "monthly_budget": 5000,
                        "p99_ms": {document["workloads"][0]["name"]: 200}}

    texts = echo_texts(document)

    assert texts["slos.availability"] == "99.9%"
    assert texts["slos.monthly_budget"] == "$5,000"
    assert not [path for path in texts if path.startswith("slos.p99_ms")]


def test_a_wrong_availability_target_has_its_error_and_no_echo():
    document = sample()
    document["slos"] = {"availability": 99.9, "monthly_budget": 5000}
    errors = [error.path for error in validate(document)]

    texts = echo_texts(document, errors)

    assert errors == ["slos.availability"]
    assert "slos.availability" not in texts
    assert texts["slos.monthly_budget"] == "$5,000"


def test_a_field_left_out_has_no_echo():
    texts = echo_texts(sample())

    assert "components[2].memory_bytes" not in texts
    assert "assumptions.peak_factor" not in texts
    assert "slos.availability" not in texts


@pytest.mark.parametrize("value", ["64GB", True, None, [1], {"low": 1e9, "mid": 2e9,
                                                                  "high": 4e9},
                                   10**400, float("nan")])
def test_what_is_no_plain_number_has_no_echo(value):
    assert "components[2].memory_bytes" not in echo_texts(_with_cache_memory(value))


def test_a_field_an_error_names_has_no_echo():
    document = _with_cache_memory(64_000_000_000)
    document["workloads"][0]["request_bytes"] = 1e30  # too large for the engine
    errors = [error.path for error in validate(document)]

    texts = echo_texts(document, errors)

    assert "workloads[0].request_bytes" in errors
    assert "workloads[0].request_bytes" not in texts
    assert texts["components[2].memory_bytes"] == "64 GB"


@pytest.mark.parametrize(("path", "error", "answer"), [
    ("workloads[0].media.bytes", "workloads[0].media.bytes", True),
    ("workloads[0].media.bytes", "workloads[0].media", True),
    ("workloads[0].media.bytes", "workloads[0]", True),
    ("components[2].memory_bytes", "components[2].memory_bytes.low", True),
    ("components[2].memory_bytes", "components[2].kind", False),
    ("components[1].memory_bytes", "components[12].memory_bytes", False),
    ("workloads[1].request_bytes", "workloads[1].request_bytes_x", False),
    ("components[2].memory_bytes", "", False),  # the document as a whole
])
def test_an_error_relates_to_the_field_itself_its_parts_and_what_holds_it(path, error, answer):
    assert related(path, error) is answer


@pytest.mark.parametrize("document", [[], "text", {"components": "x", "workloads": [1, None],
                                                   "assumptions": [2], "slos": [3]},
                                      {"components": [{"memory_bytes": 5e3}],
                                       "workloads": [{"media": 3}]}])
def test_any_json_value_is_read_without_failing(document):
    texts = echo_texts(document)

    assert texts == ({"components[0].memory_bytes": "5 KB"} if isinstance(document, dict)
                     and isinstance(document["components"], list) else {})
