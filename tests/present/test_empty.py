"""estimator.present.empty: a design without workloads says "nothing estimated yet" in the
same words everywhere, and its figures are neither shown nor compared against."""

from estimator.engine import estimate
from estimator.engine.result import EstimateView
from estimator.present import compare, tables
from estimator.present.empty import (
    NOTHING_ESTIMATED_HEADING,
    NOTHING_ESTIMATED_SENTENCE,
    nothing_estimated,
)
from estimator.present.units import fmt_percent
from tests.design_shapes import SHAPES

EMPTY = estimate({**SHAPES["components-only"], "name": "Boxes only"})


def _with_rate(rate: float) -> dict:
    return estimate(SHAPES["one-component"] | {"workloads": [
        {"name": "read", "kind": "read", "rate": rate, "route": ["api"]}]})


def _row(rows: list[dict], key: str) -> dict:
    return next(row for row in rows if row["key"] == key)


def test_the_sentence_starts_with_the_design_pages_heading():
    assert NOTHING_ESTIMATED_HEADING == "Nothing estimated yet"
    assert NOTHING_ESTIMATED_SENTENCE.startswith(NOTHING_ESTIMATED_HEADING + ":")


def test_only_a_design_without_workloads_has_nothing_estimated():
    assert nothing_estimated(EMPTY) and nothing_estimated(EstimateView.of(EMPTY))
    assert not nothing_estimated(_with_rate(5))


def test_the_editors_headline_row_uses_the_same_heading():
    assert tables.headline_rows(EMPTY)[0]["label"] == NOTHING_ESTIMATED_HEADING


def test_an_empty_design_keeps_its_place_with_no_values_and_no_differences():
    rows = compare.compare_all([EMPTY, _with_rate(5), _with_rate(10)])

    total = _row(rows, "traffic.total_rps")
    assert total["values"] == [None, 5, 10]
    assert total["differences"][0] == {"absolute": None, "relative": None}
    # Measured against the first design with workloads, not against the empty one.
    assert total["differences"][1] == {"absolute": 0, "relative": 0}
    assert total["differences"][2] == {"absolute": 5, "relative": 1}
    assert _row(rows, "availability.overall")["values"][0] is None  # its series figure hidden


def test_the_table_says_it_in_the_empty_column_and_marks_the_next_design_the_base():
    estimates = [EMPTY, _with_rate(5), _with_rate(10)]
    flags = compare.estimated(estimates)

    cells = _row(tables.compare_table(compare.compare_all(estimates), flags),
                 "traffic.total_rps")["cells"]

    assert flags == [False, True, True] and compare.base_index(flags) == 1
    assert cells[0] == {"value": "", "text": NOTHING_ESTIMATED_SENTENCE, "direction": "nothing"}
    assert cells[1]["direction"] == "base"
    assert cells[2]["direction"] == "up" and cells[2]["text"] == "+100% / +5/s"


def test_a_design_after_the_base_without_workloads_is_not_measured_either():
    estimates = [_with_rate(5), EMPTY]

    rows = tables.compare_table(compare.compare_all(estimates), compare.estimated(estimates))

    assert {row["cells"][1]["direction"] for row in rows} == {"nothing"}
    assert {row["cells"][0]["direction"] for row in rows} == {"base"}


def test_with_no_design_estimated_there_is_no_base_and_no_value():
    estimates = [EMPTY, estimate(SHAPES["no-workloads"])]
    flags = compare.estimated(estimates)

    rows = compare.compare_all(estimates)

    assert compare.base_index(flags) is None
    assert rows and all(row["values"] == [None, None] for row in rows)


def test_the_terminal_summary_says_it_and_prints_no_figure():
    text = tables.render_text("Boxes only", EMPTY)

    assert text == f"High-level estimate: Boxes only\n\n  {NOTHING_ESTIMATED_SENTENCE}\n"
    assert fmt_percent(EstimateView.of(EMPTY).availability.overall) not in text
    assert "Availability" in tables.render_text("One box", _with_rate(5))
