"""The design page's simulation section: the newest simulation of the current version (its
progress while queued or running, its figures beside the analytic ones once done, why it
failed), and the form's defaults and bounds."""

from dataclasses import dataclass, field

from django.conf import settings

from designs.models import Design, Simulation
from designs.selectors.simulations import design_latest_simulation, simulation_beside_analytic
from estimator.engine.simulate import DEFAULT_REQUESTS, MAX_MULTIPLE, MAX_REQUESTS
from estimator.present import simulation as texts

FORM = {"requests": DEFAULT_REQUESTS, "multiple": 1.0, "seed": 0,
        "max_requests": MAX_REQUESTS, "max_multiple": MAX_MULTIPLE}


@dataclass
class SimulationSection:
    simulation: Simulation | None = None
    state: str = "empty"  # empty, pending, done or failed
    asked: str = ""  # what was asked: "100,000 requests at 1x the peak traffic, seed 0"
    progress: str = ""  # 43%
    summary: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    form: dict = field(default_factory=lambda: dict(FORM))
    empty_text: str = texts.EMPTY
    form_note: str = field(default_factory=lambda: texts.form_note(
        max_requests=MAX_REQUESTS, wall_seconds=settings.SIMULATION_WALL_SECONDS))


def simulation_section(design: Design) -> SimulationSection:
    simulation = design_latest_simulation(design)
    if simulation is None:
        return SimulationSection()
    # The settings as designs.services.simulations stored them: the form starts from them.
    section = SimulationSection(simulation=simulation,
                                asked=texts.requested_text(**simulation.settings))
    section.form.update(simulation.settings)
    if simulation.status == Simulation.Status.FAILED:
        section.state, section.errors = "failed", simulation.error.splitlines()
    elif simulation.status != Simulation.Status.DONE:
        section.state, section.progress = "pending", texts.progress_text(simulation.progress)
    else:
        _done(section, simulation)
    return section


def _done(section: SimulationSection, simulation: Simulation) -> None:
    section.state = "done"
    section.summary = texts.simulation_summary(simulation.result)
    beside = simulation_beside_analytic(simulation)
    if beside is not None:
        section.tables = texts.beside_tables(beside)
