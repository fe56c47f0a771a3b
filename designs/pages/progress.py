"""The progress page's view-model: a user's estimate and design practice over time, and the
problem to try next."""

from designs import charts
from designs.selectors.examples import examples_list
from designs.selectors.practice import practice_attempts_of
from designs.selectors.problems import design_attempts_of, next_problem
from estimator.present.design_practice import level


def progress_context(*, user) -> dict:
    estimates = practice_attempts_of(user=user)
    designs = design_attempts_of(user=user)
    submitted = [a for a in designs if a.submitted_at is not None]
    estimate_points = [
        (item["attempt"].created_at.isoformat(),
         100 * item["tally"]["within_2x"] / item["tally"]["total"] if item["tally"]["total"] else 0,
         item["design"].name)
        for item in reversed(estimates)]
    design_points = [(a.submitted_at.isoformat(), a.score, a.problem.title)
                     for a in sorted(submitted, key=lambda a: a.submitted_at)]
    suggestion, why = next_problem(user=user)
    return {
        "attempts": estimates,
        "design_attempts": [{"attempt": a, "level": level(a.score) if a.score is not None else ""}
                            for a in designs],
        "chart": charts.progress(estimate_points, design_points),
        "next_problem": suggestion,
        "next_problem_why": why,
        "examples": examples_list(),
    }
