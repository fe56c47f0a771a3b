"""Design practice's scorer on any design the engine accepts (issue 16's checklist: any
document the engine accepts gives an answer): a score from 0 to 100 made of its parts, each
part's points within its maximum, and words for every part; never an exception."""

import pytest
from hypothesis import given

from designs.problem_files import problem_files
from estimator.engine.design_score import CHECK_POINTS, STEP_POINTS, score_design
from estimator.present.design_practice import result_rows
from tests.hypothesis_profiles import ci_examples
from tests.strategies import valid_documents

pytestmark = pytest.mark.property
# An easy, a medium and a hard problem: reads and writes, caches, queues, stores.
REFERENCES = [p.reference for p in problem_files()
              if p.slug in ("pastebin", "news-feed", "web-crawler")]


@ci_examples(15)
@given(candidate=valid_documents(max_components=8))
def test_any_valid_design_gets_a_score_made_of_its_parts(candidate):
    for reference in REFERENCES:
        result = score_design(candidate, reference)
        items = result["checks"] + result["steps"]
        assert [i["key"] for i in items] == [k for k, _ in CHECK_POINTS + STEP_POINTS]
        assert all(0 <= i["points"] <= i["max"] for i in items)
        assert 0 <= result["score"] <= 100
        assert abs(result["score"] - sum(i["points"] for i in items)) <= 0.5
        words = result_rows(result)
        assert all(row["text"] for row in words["checks"] + words["steps"])
