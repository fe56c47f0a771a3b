"""Design practice's scorer (estimator.engine.design_score, issue 15): every problem's
reference scores high against its own problem; a deliberately weak design scores low with
its misses named; a design is judged under the problem's load, whatever its own workloads
count; the rubric reads the interview's texts and the reference's kinds of component."""

import copy

import pytest

from designs.problem_files import problem_files
from estimator.engine.design_score import score_design, under_problem_load
from estimator.engine.estimate import estimate_live
from estimator.present.design_practice import result_rows

PROBLEMS = {problem.slug: problem for problem in problem_files()}


def _by_key(result: dict) -> dict:
    return {item["key"]: item for item in result["checks"] + result["steps"]}


def weak_design(reference: dict) -> dict:
    """What a hurried candidate draws: the problem's traffic through one small service into
    one database, both single instances, no storage stated, no texts."""
    design = {"name": "Weak", "components": [
        {"key": "client", "kind": "client"},
        {"key": "app", "kind": "service", "capacity_rps": 10},
        {"key": "db", "kind": "database"},
    ], "links": [{"from": "client", "to": "app"}, {"from": "app", "to": "db"}]}
    figures = estimate_live(reference)["traffic"]
    design["workloads"] = [
        {"name": kind, "kind": kind, "rate": figures[f"{kind}s_per_day"], "per": "day",
         "request_bytes": 500, "response_bytes": 500, "route": ["client", "app", "db"]}
        for kind in ("read", "write") if figures[f"{kind}s_per_day"] > 0]
    return design


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_every_reference_scores_high_against_its_own_problem(slug):
    reference = PROBLEMS[slug].reference
    result = score_design(reference, reference)
    statuses = [(item["key"], item["status"]) for item in result["checks"] + result["steps"]]
    assert result["score"] >= 90, statuses
    assert all(item["status"] == "met" for item in result["checks"])
    assert result["under_problem_load"]
    assert result["factors"]["reads"] == pytest.approx(1)
    assert result["factors"]["writes"] == pytest.approx(1)


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_a_weak_design_scores_low_with_its_misses_named(slug):
    reference = PROBLEMS[slug].reference
    result = score_design(weak_design(reference), reference)
    items = _by_key(result)
    assert result["score"] < 40
    assert items["load"]["status"] == "missed"
    assert "app" in [row["key"] for row in items["load"]["details"]["saturated"]]
    assert {row["key"] for row in items["write_path_spof"]["details"]["spofs"]} == {"app", "db"}
    assert items["storage"]["details"]["unsized"][0]["key"] == "db"
    assert items["requirements"]["details"]["missing"] == ["functional", "non_functional"]
    assert items["estimates"]["status"] == "met"  # its counts are the problem's
    words = result_rows(result)
    assert "app" in next(r["text"] for r in words["checks"] if r["key"] == "load")
    assert "Peak load served" in words["missed"] and words["level"] == "weak"
    # Every miss of the engine's checks points to patterns that fix it.
    assert all(row["patterns"] for row in words["checks"] if row["status"] != "met")


def test_a_design_counting_a_tenth_of_the_traffic_is_judged_under_the_whole():
    reference = PROBLEMS["pastebin"].reference
    tenth = copy.deepcopy(reference)
    for workload in tenth["workloads"]:
        workload["rate"] /= 10
    for component in tenth["components"]:
        if component["key"] == "read_api":
            component["capacity_rps"] = 10  # enough for its own tenth, not for the problem
    own = estimate_live(tenth)
    assert max(c["utilization"] or 0 for c in own["components"]) < 1
    loaded, factors = under_problem_load(tenth, own, reference, estimate_live(reference))
    assert factors["reads"] == pytest.approx(10) and factors["writes"] == pytest.approx(10)
    assert [w["rate"] for w in loaded["workloads"]] == pytest.approx(
        [w["rate"] for w in reference["workloads"]])
    result = score_design(tenth, reference)
    items = _by_key(result)
    assert items["load"]["status"] == "missed"
    assert [row["key"] for row in items["load"]["details"]["saturated"]] == ["read_api"]
    # Its own counts are an order of magnitude off: half the estimates step.
    assert items["estimates"]["status"] == "partly"
    assert items["estimates"]["details"]["ratios"]["reads"] == pytest.approx(10)


def test_storage_and_bytes_follow_the_problem_not_the_design():
    """A candidate who keeps a tenth of the bytes a paste needs still needs the problem's
    storage: their stores are judged against it."""
    reference = PROBLEMS["pastebin"].reference
    small = copy.deepcopy(reference)
    for workload in small["workloads"]:
        workload["stored_bytes"] = workload.get("stored_bytes", 0) / 10
    for component in small["components"]:
        if component["key"] == "object_store":
            component["storage_bytes"] = 100e9  # enough for a tenth
    result = score_design(small, reference)
    storage = _by_key(result)["storage"]
    assert storage["status"] == "missed"
    assert storage["details"]["short"][0]["key"] == "object_store"


def test_an_empty_design_scores_nothing_for_the_engines_checks():
    reference = PROBLEMS["pastebin"].reference
    result = score_design({"name": "Nothing yet"}, reference)
    assert all(item["points"] == 0 for item in result["checks"])
    assert result["score"] <= 5
    words = result_rows(result)
    assert "no workloads" in words["checks"][0]["text"]


def test_p99_targets_apply_by_name_then_by_kind_at_the_most_lenient():
    reference = PROBLEMS["pastebin"].reference
    candidate = copy.deepcopy(reference)
    candidate["workloads"][1]["name"] = "get paste"  # renamed: takes the reads' target
    candidate["slos"] = {}
    loaded, _ = under_problem_load(candidate, estimate_live(candidate), reference,
                                   estimate_live(reference))
    assert loaded["slos"]["p99_ms"] == {"create paste": 100, "get paste": 100}
    assert loaded["slos"]["monthly_budget"] == reference["slos"]["monthly_budget"]


def test_the_rubric_reads_texts_and_the_kinds_the_reference_relies_on():
    reference = PROBLEMS["pastebin"].reference
    candidate = copy.deepcopy(reference)
    candidate["data_model"] = "pastes"  # a heading, not a model
    candidate["components"] = [c for c in candidate["components"] if c["key"] != "cache"]
    candidate["links"] = [link for link in candidate["links"] if "cache" not in link.values()]
    for workload in candidate["workloads"]:
        workload["route"] = [key for key in workload["route"] if key != "cache"]
    items = _by_key(score_design(candidate, reference))
    assert items["data_model"]["status"] == "missed"
    assert items["high_level"]["details"]["missing_kinds"] == ["cache"]
    assert items["api_design"]["status"] == "met"


def test_an_invalid_candidate_is_refused_naming_the_field():
    from estimator.engine import DesignError
    with pytest.raises(DesignError) as raised:
        score_design({"name": "x", "components": [{"key": "a"}]}, PROBLEMS["pastebin"].reference)
    assert "components[0].kind" in str(raised.value)
