"""The templates a new design starts from (designs/starter_files.py): each a valid design
document that the engine estimates, with sensible numbers."""

from pathlib import Path

import pytest

from designs.example_files import example_paths
from designs.starter_files import BLANK, starter, starters
from estimator.engine import estimate, validate
from estimator.engine.result import EstimateView

SLUGS = [s.slug for s in starters()]
SHAPES = ("three-tier-web-app", "read-heavy-cache-cdn", "event-pipeline",
          "design-estimator-deployment")


def test_blank_comes_first_then_the_handbook_examples_then_the_shapes():
    examples = [path.stem for path in example_paths()]

    assert SLUGS == [BLANK, *examples, *SHAPES]
    assert all(s.summary for s in starters())


@pytest.mark.parametrize("slug", SLUGS)
def test_each_template_validates_and_is_estimated(slug):
    document = starter(slug).document

    assert validate(document) == []
    view = EstimateView.from_document(estimate(document))
    assert view.has_workloads == (slug != BLANK)


@pytest.mark.parametrize("slug", SHAPES)
def test_the_common_shapes_run_under_their_target_and_have_no_bottleneck(slug):
    document = starter(slug).document
    view = EstimateView.from_document(estimate(document))
    target = document["assumptions"].get("target_utilization", 0.7)

    assert [c.key for c in view.components if (c.utilization or 0) > target] == []
    assert [(b.component, b.kind) for b in view.bottlenecks] == []
    assert view.availability.requests_served >= 0.999


def test_a_template_is_a_copy_and_an_unknown_one_is_none():
    starter("three-tier-web-app").document["name"] = "changed"

    assert starter("three-tier-web-app").name == "Three-tier web app"
    assert starter("blank").name == "Blank" and not starter("blank").is_example
    assert starter("uber").is_example and not starter("event-pipeline").is_example
    assert starter("nothing-here") is None


def test_the_apps_own_deployment_takes_its_capacities_from_the_benchmarks():
    document = starter("design-estimator-deployment").document
    components = {c["key"]: c for c in document["components"]}
    benchmarks = (Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md").read_text()

    assert {c["kind"] for c in components.values()} >= {
        "client", "load_balancer", "service", "worker", "database", "cache"}
    # each figure the notes cite is one the benchmarks record
    for cited in ("192", "169", "10.0 ms", "5.1 ms", "28.2 ms", "39.4 ms"):
        assert cited in benchmarks, cited
    assert "169 req/s" in components["web"]["notes"] and components["web"]["capacity_rps"] == 170
    assert "10.0 ms" in components["celery"]["notes"]
    assert components["celery"]["capacity_rps"] == 100  # 1 s / 10.0 ms
