"""The availability page's calculator and table of nines (estimator.engine.availability)."""

import pytest

from estimator.engine import DesignError
from estimator.engine.availability import blocks_in_series, nines_ladder
from estimator.present.tables import blocks_summary, fine_duration, nines_table


def _messages(blocks) -> list[str]:
    with pytest.raises(DesignError) as raised:
        blocks_in_series(blocks)
    return [str(error) for error in raised.value.errors]


def test_two_three_nines_blocks_in_series_multiply():
    result = blocks_in_series([{"availability": 0.999}, {"availability": 0.999}])

    assert result["availability"] == pytest.approx(0.998001, abs=1e-12)
    assert blocks_summary(result)["availability"] == "99.8001%"


def test_two_of_three_at_99_percent():
    result = blocks_in_series(
        [{"availability": 0.99, "instances": 3, "redundancy": "k-of-n", "k": 2}]
    )

    assert result["blocks"][0]["availability"] == pytest.approx(0.999702, abs=1e-12)
    assert blocks_summary(result)["availability"] == "99.9702%"


def test_active_passive_counts_as_parallel():
    result = blocks_in_series([{"availability": 0.999, "instances": 2,
                                "redundancy": "active-passive"}])

    assert result["availability"] == pytest.approx(0.999999, abs=1e-12)


def test_downtime_follows_the_whole():
    result = blocks_in_series([{"availability": 0.999}])

    assert result["downtime"]["year_s"] / 3600 == pytest.approx(8.77, abs=0.005)
    assert [d["period"] for d in blocks_summary(result)["downtime"]] == [
        "year", "month", "week", "day"]


def test_errors_name_the_block_and_field_in_the_engines_words():
    messages = _messages([
        {"availability": 1.5},
        {"availability": 0.9, "instances": 2, "redundancy": "k-of-n", "k": 3},
        {"instances": 2},
        {"availability": 0.9, "redundancy": "k-of-n"},
    ])

    assert messages == [
        "blocks[0].availability: must be a fraction between 0 and 1 (got 1.5)",
        "blocks[1].k: must not exceed instances (3 > 2)",
        "blocks[2].availability: is required",
        "blocks[3].k: is required when redundancy is 'k-of-n'",
    ]


def test_unknown_block_fields_are_rejected():
    assert _messages([{"availability": 0.9, "key": "x"}]) == [
        "blocks[0].key: unknown field (allowed: availability, instances, redundancy, k)"]


def test_the_ladder_runs_from_one_to_nine_nines():
    rows = nines_table(nines_ladder())

    assert [row["availability"] for row in rows] == [
        "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%", "99.99999%", "99.999999%",
        "99.9999999%",
    ]
    assert rows[2] == {"availability": "99.9%", "label": "three nines", "year": "8.77 hours",
                       "month": "43.8 minutes", "week": "10.1 minutes"}
    assert rows[0]["label"] == "one nine"
    assert rows[5]["week"] == "605 milliseconds"  # the handbook: 604.8 milliseconds


def test_fine_duration_uses_milliseconds_under_a_second():
    assert fine_duration(0.0316) == "31.6 milliseconds"
    assert fine_duration(90) == "1.5 minutes"
    assert fine_duration(0) == "0 seconds"
