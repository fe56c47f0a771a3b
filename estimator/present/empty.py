"""A design without workloads: nothing is estimated, and every surface says so in the same
words instead of showing figures of no request.

The engine still answers for such a design (its availability is then every component in
series), so each reader asks `nothing_estimated` before it shows a figure: the design page,
compare, the reports, the home page's cards, the API's headline, practice and the CLI.
"""

from estimator.engine.result import EstimateView

# The design page's heading; the sentence every other surface shows in place of figures.
NOTHING_ESTIMATED_HEADING = "Nothing estimated yet"
NOTHING_ESTIMATED_SENTENCE = f"{NOTHING_ESTIMATED_HEADING}: this design has no workloads."


def nothing_estimated(estimate: EstimateView | dict) -> bool:
    """Whether an estimate is of a design without workloads (no figure to show)."""
    return not EstimateView.of(estimate).has_workloads
