"""Stored simulations, and the analytic figures a finished one is read beside."""

from django.db.models import QuerySet

from designs.models import Design, Simulation, visible
from designs.selectors.estimates import design_version_documents
from estimator.engine import DesignError
from estimator.engine.agreement import Agreement, agreement


def simulations_visible(*, user) -> QuerySet[Simulation]:
    """Simulations of the designs this user may see, with their design but without the
    design documents: read only if asked."""
    return (
        Simulation.objects.filter(visible(user, via="design__"))
        .select_related("design")
        .defer("input", "design__document")
    )


def design_latest_simulation(design: Design) -> Simulation | None:
    """The newest simulation of the design's current version, whatever its status."""
    return design.simulations.filter(design_version=design.version).first()


def design_version_latest_done_simulation(design: Design, version: int) -> Simulation | None:
    """The newest finished (done) simulation of one version, for the report."""
    done = design.simulations.filter(design_version=version, status=Simulation.Status.DONE)
    return done.defer("input").first()


def simulation_beside_analytic(simulation: Simulation) -> Agreement | None:
    """A done simulation beside the estimate of its version (the stored estimate when done,
    else computed now, nothing saved); None while it is not done, or when that version
    cannot be estimated."""
    if simulation.status != Simulation.Status.DONE:
        return None
    try:
        document, estimate = design_version_documents(simulation.design,
                                                      simulation.design_version)
        return agreement(estimate, simulation.result, document)
    except DesignError:
        return None
