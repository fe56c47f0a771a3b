"""The problem library (designs/problems/*.json, issue 15): at least 25 problems beside the
handbook's five, each a well-formed problem whose reference design estimates without an
error and holds on its own terms: every SLO met, nothing saturated or over the utilisation
target, no single point of failure, every store big enough for the retention period and
every cache for its need, each drawn component carrying load, the interview's free texts
written, and no figure the candidate works out stated in the problem's givens.
"""

import pytest

from designs.example_files import example_slugs
from designs.problem_files import problem_files
from estimator.engine import estimate, validate
from estimator.present import practice

PROBLEMS = {problem.slug: problem for problem in problem_files()}
STORE_KINDS = {"database", "object_store", "search"}
# Bottleneck kinds that say a reference does not hold (low_availability is only the least
# available component under 99.99%, and retries only an amplification).
FAILING_BOTTLENECKS = {"saturated", "over_target", "spof", "storage", "memory"}


def test_the_library_has_at_least_25_problems_beside_the_handbooks_five():
    assert len(PROBLEMS) >= 25, sorted(PROBLEMS)
    assert not set(PROBLEMS) & example_slugs()


def test_titles_are_unique():
    titles = [problem.title.lower() for problem in PROBLEMS.values()]
    assert len(titles) == len(set(titles))


@pytest.fixture(scope="module")
def estimates() -> dict[str, dict]:
    return {slug: estimate(problem.reference) for slug, problem in PROBLEMS.items()}


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_reference_is_valid_and_says_how_it_is_built(slug):
    reference = PROBLEMS[slug].reference
    assert validate(reference) == []
    for part in ("functional", "non_functional"):
        assert reference.get("requirements", {}).get(part, "").strip(), part
    assert reference.get("data_model", "").strip()
    assert reference.get("api_design", "").strip()
    assert reference.get("description", "").strip()


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_reference_meets_every_slo_it_states(slug, estimates):
    reference, figures = PROBLEMS[slug].reference, estimates[slug]
    slos = reference.get("slos", {})
    assert "availability" in slos and "monthly_budget" in slos
    workloads = {workload["name"] for workload in reference["workloads"]}
    assert set(slos.get("p99_ms", {})) == workloads, "a p99 target for every workload"
    assert figures["slos"] and all(row["met"] for row in figures["slos"]), [
        (row["kind"], row["workload"], row["target"], row["actual"])
        for row in figures["slos"] if not row["met"]]
    # A budget with room, not a blank cheque: at most twice the estimated cost.
    assert figures["cost"]["total_month"] * 2 >= slos["monthly_budget"]


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_reference_holds_at_peak(slug, estimates):
    figures = estimates[slug]
    failing = [(b["kind"], b["component"]) for b in figures["bottlenecks"]
               if b["kind"] in FAILING_BOTTLENECKS]
    assert failing == []
    assert figures["overload"]["served_share"] == pytest.approx(1.0)


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_reference_has_reads_and_writes_and_every_component_carries_load(slug, estimates):
    reference, figures = PROBLEMS[slug].reference, estimates[slug]
    assert figures["traffic"]["read_rps"] > 0 and figures["traffic"]["write_rps"] > 0
    idle = [c["key"] for c in figures["components"]
            if c["kind"] != "client" and not c["peak_load_rps"] > 0]
    assert idle == []
    stores = [c for c in reference["components"] if c["kind"] in STORE_KINDS]
    assert stores, "a problem keeps data somewhere"
    kept = {c["key"]: c["stored_bytes_total"] for c in figures["components"]}
    unsized = [c["key"] for c in stores if kept[c["key"]] > 0 and "storage_bytes" not in c]
    assert unsized == [], "every store that keeps data says how much it holds"


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_givens_state_no_figure_the_candidate_works_out(slug, estimates):
    """The statement and the scale lines give inputs (counts a day or a month, sizes of one
    item, years), never a rate or a figure within 2x of one estimate practice asks for."""
    problem = PROBLEMS[slug]
    asked = practice.asked_figures(estimates[slug])
    for text in (problem.statement, problem.summary, *problem.scale):
        assert practice.hide_asked_figures(text, asked) == text, text
