"""The analytic estimate beside a simulation of the same design: how far apart they are.

The estimate's latencies are the exact M/M/c queues of each component at peak and the route
mixtures built from them (engine.queueing); the simulation (engine.simulate) serves random
requests one by one through the same components. Where both rest on the same assumptions
they should agree within sampling error; the issue's tolerances (issue 13) say how far
apart is a disagreement worth a look: 10% on a mean, 15% on a p95, 20% on a p99, 0.05 on a
utilisation. Pure: two documents (or their views) in, plain data out; formatting is
estimator.present.simulation's.
"""

from dataclasses import asdict, dataclass, field

from estimator.engine.model import parse_design
from estimator.engine.queueing import user_steps
from estimator.engine.result import (
    EstimateView,
    SimulatedComponent,
    SimulatedWorkload,
    SimulationView,
)

# Relative tolerances on a route's latency figures, by figure; None: shown, never flagged.
LATENCY_TOLERANCE = {"mean": 0.10, "p50": None, "p95": 0.15, "p99": 0.20}
UTILIZATION_TOLERANCE = 0.05  # absolute: 0.70 against 0.76 disagrees


@dataclass(frozen=True)
class Figure:
    analytic: float | None  # None: not computed (saturated, or no such figure)
    simulated: float | None  # None: nothing measured (no request served)
    difference: float | None  # relative for latencies, absolute for shares and utilisation
    tolerance: float | None  # None: shown, never flagged
    disagrees: bool


@dataclass(frozen=True)
class WorkloadAgreement:
    name: str
    latency: dict[str, Figure]  # "mean", "p50", "p95", "p99"
    served_share: Figure
    throughput_rps: float
    timeouts: int
    retries: int
    lost: int


@dataclass(frozen=True)
class ComponentAgreement:
    key: str
    utilization: Figure
    attempts: int
    timeouts: int
    retries: int
    lost: int
    mean_wait_ms: float | None


@dataclass(frozen=True)
class Reason:
    """Why the two may differ: `kind` with its facts (see _reasons)."""

    kind: str
    components: tuple[str, ...] = ()
    workloads: tuple[str, ...] = ()
    simulated: int = 0
    requested: int = 0
    multiple: float = 1.0


@dataclass(frozen=True)
class Agreement:
    comparable: bool  # the same traffic and components up: differences are the model's
    reasons: tuple[Reason, ...]
    disagreements: int  # figures past their tolerance
    workloads: tuple[WorkloadAgreement, ...]
    components: tuple[ComponentAgreement, ...] = field(default=())

    def as_dict(self) -> dict:
        """As JSON: the API's `beside_analytic`."""
        return asdict(self)


def agreement(estimate: EstimateView | dict, simulation: SimulationView | dict,
              document: dict | None = None) -> Agreement:
    """Per workload the analytic and simulated mean, p50, p95 and p99 with their relative
    difference, and the served share both ways; per component the utilisation both ways with
    their absolute difference. A figure `disagrees` when the difference is past its
    tolerance and the two ran on the same assumptions (`comparable`); `reasons` say why the
    two may differ (see _reasons); with the design `document`, also where the two models
    part by design (fan-outs, retries: docs/design-document.md, "Simulation")."""
    view, sim = EstimateView.of(estimate), SimulationView.of(simulation)
    comparable = sim.settings.multiple == 1 and not sim.settings.failed
    workloads = [_workload(view, simulated, comparable) for simulated in sim.workloads]
    components = [_component(view, simulated, comparable) for simulated in sim.components
                  if simulated.utilization is not None]
    flagged = sum(f.disagrees for w in workloads for f in (*w.latency.values(), w.served_share))
    flagged += sum(c.utilization.disagrees for c in components)
    reasons = _reasons(view, sim) + (_model_reasons(document) if document else [])
    return Agreement(comparable=comparable, reasons=tuple(reasons),
                     disagreements=flagged, workloads=tuple(workloads),
                     components=tuple(components))


def relative_difference(analytic: float | None, simulated: float | None) -> float | None:
    """(simulated - analytic) / analytic; None when either is missing or analytic is 0."""
    if analytic is None or simulated is None or analytic == 0:
        return None
    return (simulated - analytic) / analytic


def _absolute_difference(analytic: float | None, simulated: float | None) -> float | None:
    return None if analytic is None or simulated is None else simulated - analytic


def _figure(analytic, simulated, tolerance, comparable: bool, relative: bool = True) -> Figure:
    if relative:
        difference = relative_difference(analytic, simulated)
    else:
        difference = _absolute_difference(analytic, simulated)
    past = tolerance is not None and difference is not None and abs(difference) > tolerance
    return Figure(analytic=analytic, simulated=simulated, difference=difference,
                  tolerance=tolerance, disagrees=comparable and past)


def _workload(view: EstimateView, simulated: SimulatedWorkload,
              comparable: bool) -> WorkloadAgreement:
    route = next((w for w in view.latency.workloads if w.name == simulated.name), None)
    overload = next((w for w in view.overload.workloads if w.name == simulated.name), None)
    latency = {
        name: _figure(getattr(route, f"{name}_ms", None), getattr(simulated, f"{name}_ms"),
                      tolerance, comparable)
        for name, tolerance in LATENCY_TOLERANCE.items()
    }
    served = _figure(overload.served_share if overload else None, simulated.served_share,
                     None, comparable, relative=False)
    return WorkloadAgreement(name=simulated.name, latency=latency, served_share=served,
                             throughput_rps=simulated.throughput_rps,
                             timeouts=simulated.timeouts, retries=simulated.retries,
                             lost=simulated.lost)


def _analytic_utilization(view: EstimateView, key: str) -> float | None:
    """The component's utilisation as its queue has it (per serving instance), else as the
    component table has it."""
    queue = next((c for c in view.latency.components if c.key == key), None)
    if queue is not None and queue.utilization is not None:
        return queue.utilization
    component = view.component(key)
    return component.utilization if component else None


def _component(view: EstimateView, simulated: SimulatedComponent,
               comparable: bool) -> ComponentAgreement:
    figure = _figure(_analytic_utilization(view, simulated.key), simulated.utilization,
                     UTILIZATION_TOLERANCE, comparable, relative=False)
    return ComponentAgreement(key=simulated.key, utilization=figure,
                              attempts=simulated.attempts, timeouts=simulated.timeouts,
                              retries=simulated.retries, lost=simulated.lost,
                              mean_wait_ms=simulated.mean_wait_ms)


def _reasons(view: EstimateView, sim: SimulationView) -> list[Reason]:
    """Why the two may differ (estimator.present.simulation words them): "saturated"
    (components past capacity at peak: their queues have no steady state), "stopped" (the
    simulation ran out of time before its requests), "multiple" (run at another multiple of
    the peak) and "failed" (run with components down)."""
    reasons = []
    saturated = [c.key for c in view.latency.components
                 if c.utilization is not None and c.utilization >= 1]
    if saturated:
        reasons.append(Reason("saturated", components=tuple(saturated)))
    if not sim.complete:
        reasons.append(Reason("stopped", simulated=sim.requests_simulated,
                              requested=sim.settings.requests))
    if sim.settings.multiple != 1:
        reasons.append(Reason("multiple", multiple=sim.settings.multiple))
    if sim.settings.failed:
        reasons.append(Reason("failed", components=tuple(sim.settings.failed)))
    return reasons


def _model_reasons(document: dict) -> list[Reason]:
    """Where the simulation parts from the analytic model by design, from the routes:
    "fan_out" (workloads with a fan-out above 1 on a step the user waits for: the analytic
    figures take its calls as independent, the simulated ones wait for each other in one
    queue, so the simulated p99 runs higher) and "retries" (workloads whose steps retry
    after a timeout: a retry joins the same queue behind the work it gave up on)."""
    design = parse_design(document)
    fanned = [w.name for w in design.workloads
              if any(s.fan_out > 1 for s, _ in user_steps(design, w))]
    retried = [w.name for w in design.workloads
               if any(s.retries and s.timeout_ms is not None for s in w.route)]
    reasons = []
    if fanned:
        reasons.append(Reason("fan_out", workloads=tuple(fanned)))
    if retried:
        reasons.append(Reason("retries", workloads=tuple(retried)))
    return reasons
