"""A typed view of the estimate document: frozen dataclasses built once from the stored
JSON (`EstimateView.from_document`), so that readers name fields instead of keys.

The document's shape is the contract of docs/design-document.md; this is only a reading of
it, and a strict one: every section and field today's engine always writes is required. An
estimate written by an older engine (engine_version below estimator.engine.version's) is
computed again, never read (designs.models.Estimate.is_outdated), so nothing here covers
older shapes. A field is optional (None) only where the engine itself writes null, and has
a default only where the engine itself leaves the key out (a route's availability
derivation has only its text; sensitivity says why only when it skipped).
"""

import dataclasses
import types
import typing
from dataclasses import dataclass
from functools import cache, cached_property


@dataclass(frozen=True)
class Assumptions:
    daily_active_users: float
    retention_years: float
    peak_factor: float
    replication_factor: float
    cache_fraction: float
    target_utilization: float
    growth_rate: float


@dataclass(frozen=True)
class WorkloadTraffic:
    name: str
    kind: str
    rps: float
    peak_rps: float
    per_day: float


@dataclass(frozen=True)
class Traffic:
    read_rps: float
    write_rps: float
    total_rps: float
    peak_rps: float
    reads_per_day: float
    writes_per_day: float
    read_write_ratio: float | None
    workloads: tuple[WorkloadTraffic, ...]


@dataclass(frozen=True)
class StorageYear:
    year: float
    text_bytes: float
    media_bytes: float
    total_bytes: float


@dataclass(frozen=True)
class Storage:
    bytes_per_day: float
    bytes_per_year: float
    bytes_total: float
    text_bytes_per_day: float
    media_bytes_per_day: float
    years: float
    replication_factor: float
    by_year: tuple[StorageYear, ...]


@dataclass(frozen=True)
class Bandwidth:
    ingress_bytes_per_s: float
    egress_bytes_per_s: float
    peak_ingress_bytes_per_s: float
    peak_egress_bytes_per_s: float


@dataclass(frozen=True)
class Cache:
    bytes_per_day: float
    memory_bytes: float | None  # provisioned; None without a cache's memory stated


@dataclass(frozen=True)
class Downtime:
    year_s: float
    month_s: float
    week_s: float
    day_s: float

    def seconds(self, period: str) -> float:
        """Downtime in a year, month, week or day."""
        return getattr(self, f"{period}_s")


@dataclass(frozen=True)
class RouteAvailability:
    name: str
    availability: float
    nines: float | None  # None: perfect
    method: str  # series, exact or monte_carlo
    paths: int
    interval: tuple[float, ...] | None  # Monte Carlo's 95% interval (low, high); else None


@dataclass(frozen=True)
class ComponentAvailability:
    key: str
    availability: float
    nines: float | None


@dataclass(frozen=True)
class Availability:
    overall: float  # components up: each workload's route, weighted by average traffic
    # Requests served: each route's availability times its workload's served share at peak
    # (Overload), weighted as overall is; equal to overall when nothing is overloaded.
    requests_served: float
    nines: float | None
    downtime: Downtime
    workloads: tuple[RouteAvailability, ...]
    components: tuple[ComponentAvailability, ...]


@dataclass(frozen=True)
class Component:
    key: str
    kind: str
    load_rps: float
    peak_load_rps: float
    capacity_rps: float | None  # None: no capacity limit
    instances: int
    redundancy: str
    utilization: float | None
    instances_needed: float | None
    availability: float
    spof: bool
    name: str
    serving_instances: int
    stored_bytes_total: float
    storage_bytes: float | None  # None: not stated
    memory_bytes: float | None  # None: not stated
    cache_need_bytes: float


@dataclass(frozen=True)
class Remedy:
    name: str
    why: str


@dataclass(frozen=True)
class Bottleneck:
    component: str
    kind: str
    severity: str
    message: str
    remedies: tuple[Remedy, ...]


@dataclass(frozen=True)
class Headroom:
    factor: float | None  # None: nothing saturates
    first_saturating: str | None
    max_daily_active_users: float | None


@dataclass(frozen=True)
class WorkloadOverload:
    name: str
    peak_rps: float
    served_share: float  # 0..1: the share of its peak requests served
    lost_rps: float  # peak requests per second not served


@dataclass(frozen=True)
class ComponentOverload:
    key: str
    offered_rps: float  # reaching it at peak, after what the components before it shed
    served_rps: float  # at most its capacity x serving instances
    shed_share: float  # 0..1: the share of what it is offered that it sheds


@dataclass(frozen=True)
class Overload:
    """Requests served at peak when components are past their capacity (engine.overload)."""

    served_share: float  # over every workload, weighted by peak traffic
    workloads: tuple[WorkloadOverload, ...]
    components: tuple[ComponentOverload, ...]

    @property
    def overloaded(self) -> bool:
        return any(c.shed_share > 0 for c in self.components)


@dataclass(frozen=True)
class RetryStep:
    """One route step with a timeout or retries at the fixed point (engine.retries)."""

    index: int  # its position on the workload's primary route
    key: str
    timeout_ms: float | None  # None: attempts never time out
    retries: int
    down_share: float  # attempts failing because the component is down
    shed_share: float  # attempts it sheds (past its capacity)
    timeout_share: float  # attempts over the timeout
    attempt_failure: float  # q
    attempts_per_call: float  # 1 + q + ... + q^R
    call_failure: float  # q^(R+1): the share of calls lost


@dataclass(frozen=True)
class WorkloadRetries:
    name: str
    steps: tuple[RetryStep, ...]


@dataclass(frozen=True)
class ComponentRetries:
    """A component whose load retries raise: peak load without and with them."""

    key: str
    peak_load_rps_without_retries: float
    peak_load_rps: float
    amplification: float | None  # with / without; None when nothing reaches it without


@dataclass(frozen=True)
class Retries:
    """Timeouts and retries: each workload's steps with them, the components they load."""

    workloads: tuple[WorkloadRetries, ...]  # only workloads with such a step
    components: tuple[ComponentRetries, ...]
    settled: bool  # False: the fixed point was not reached in the rounds allowed

    @property
    def stated(self) -> bool:
        """Some step has a timeout or retries."""
        return bool(self.workloads)


@dataclass(frozen=True)
class ComponentLatency:
    key: str
    utilization: float | None
    wait_probability: float | None
    mean_latency_ms: float | None  # None: saturated
    p95_ms: float | None
    p99_ms: float | None
    steep: bool
    mean_wait_ms: float | None  # None: saturated
    p50_ms: float | None


@dataclass(frozen=True)
class RouteLatency:
    name: str
    mean_ms: float | None  # None: a step the user waits for is saturated
    p95_ms: float | None
    p99_ms: float | None
    p50_ms: float | None


@dataclass(frozen=True)
class Latency:
    components: tuple[ComponentLatency, ...]
    workloads: tuple[RouteLatency, ...]
    steep: tuple[str, ...]


@dataclass(frozen=True)
class GrowthYear:
    year: int
    traffic_factor: float
    peak_rps: float
    storage_added_bytes: float
    storage_cumulative_bytes: float


@dataclass(frozen=True)
class GrowthLimit:
    component: str
    kind: str
    year: int
    message: str


@dataclass(frozen=True)
class Growth:
    rate: float
    years: tuple[GrowthYear, ...]
    limits: tuple[GrowthLimit, ...]


@dataclass(frozen=True)
class ComponentCost:
    key: str
    kind: str
    instances: int
    unit_month: float | None
    month: float | None


@dataclass(frozen=True)
class Cost:
    currency: str
    components: tuple[ComponentCost, ...]
    compute_month: float
    storage_month: float
    egress_month: float
    total_month: float
    storage_month_at_end: float
    hours_per_month: float


@dataclass(frozen=True)
class NPlusOne:
    key: str
    passes: bool
    utilization_after: float | None


@dataclass(frozen=True)
class ComponentImportance:
    key: str
    improvement: float
    availability_if_perfect: float
    birnbaum: float


@dataclass(frozen=True)
class Importance:
    components: tuple[ComponentImportance, ...]
    improve_first: str | None  # None: no component would gain
    partial: bool


@dataclass(frozen=True)
class Derivation:
    """How a figure follows from the inputs; a route's availability has only its text."""

    key: str
    label: str
    text: str
    formula: str = ""
    working: str = ""
    result: float | None = None
    exact: str = ""
    rounded: str = ""


@dataclass(frozen=True)
class Slo:
    """One of the design's targets against the estimate's figure (engine.slos)."""

    kind: str  # "availability", "p99" or "budget"
    workload: str | None  # the p99's workload; None otherwise
    target: float
    actual: float | None  # None: a p99 whose route is saturated or whose requests all fail
    met: bool
    margin: float | None  # availability: actual - target; else target - actual
    margin_relative: float | None  # p99, budget: margin / target
    margin_nines: float | None  # availability: nines of actual - nines of target
    why: str | None  # a missed target: where to look first; None when met


@dataclass(frozen=True)
class UncertainFigure:
    key: str
    label: str
    p10: float | None
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class Uncertainty:
    seed: int
    samples: int
    inputs: tuple[str, ...]
    figures: tuple[UncertainFigure, ...]


@dataclass(frozen=True)
class Driver:
    input: str
    low: float | None
    high: float | None
    swing: float


@dataclass(frozen=True)
class SensitiveFigure:
    key: str
    drivers: tuple[Driver, ...]


@dataclass(frozen=True)
class Sensitivity:
    change: float
    inputs_checked: int
    figures: tuple[SensitiveFigure, ...]
    skipped: str | None = None  # why the engine skipped it (too many components); else absent


@dataclass(frozen=True)
class EstimateView:
    assumptions: Assumptions
    traffic: Traffic
    storage: Storage
    bandwidth: Bandwidth
    cache: Cache
    availability: Availability
    components: tuple[Component, ...]
    bottlenecks: tuple[Bottleneck, ...]
    headroom: Headroom
    overload: Overload
    retries: Retries
    latency: Latency
    growth: Growth
    cost: Cost
    n_plus_one: tuple[NPlusOne, ...]
    importance: Importance
    derivations: tuple[Derivation, ...]
    slos: tuple[Slo, ...]
    uncertainty: Uncertainty
    sensitivity: Sensitivity
    engine_version: int  # the engine that wrote the document (estimator.engine.version)

    @classmethod
    def from_document(cls, document: dict) -> "EstimateView":
        """The view of an estimate document written by today's engine; raises TypeError when
        a section or field it always writes is missing (an older document: compute it
        again), KeyError or TypeError when one is malformed."""
        return _build(cls, document)

    @classmethod
    def of(cls, estimate: "EstimateView | dict") -> "EstimateView":
        """The view itself, or the view of a document: for readers given either."""
        return estimate if isinstance(estimate, EstimateView) else cls.from_document(estimate)

    @property
    def has_workloads(self) -> bool:
        """Whether the design has a workload. Without one nothing is estimated: the engine
        still answers (its availability is then the components' in series), but no request
        carries that figure, so pages show an empty state instead."""
        return bool(self.traffic.workloads)

    def component_name(self, key: str) -> str:
        """A component's name, or its key when the estimate has no such component."""
        found = self._components_by_key.get(key)
        return (found.name or key) if found else key

    def component(self, key: str) -> Component | None:
        return self._components_by_key.get(key)

    # Built on first use and kept (cached_property writes the instance's __dict__, which a
    # frozen dataclass allows): pages look components and derivations up once per row.
    @cached_property
    def _components_by_key(self) -> dict[str, Component]:
        return {c.key: c for c in self.components}

    @cached_property
    def _derivations_by_key(self) -> dict[str, Derivation]:
        return {d.key: d for d in self.derivations}

    def derivation(self, key: str) -> Derivation | None:
        """The derivation of a figure by its key ("traffic.total_rps")."""
        return self._derivations_by_key.get(key)

    def derivation_text(self, key: str) -> str | None:
        found = self.derivation(key)
        return found.text if found else None

    def figure(self, path: str):
        """The value at a dotted path of the view ("traffic.peak_rps")."""
        value = self
        for name in path.split("."):
            value = getattr(value, name)
        return value


def engine_version_of(document: dict) -> int:
    """The version of the engine that wrote a stored estimate document, 0 for one written
    before versions. Read without building the view: an older document may not fit it, and
    this is how the app finds that out (and computes the estimate again)."""
    return document.get("engine_version") or 0


# ---- building from JSON ---------------------------------------------------------------------
# Each view class gets, once, a converter per field from its type hint; building a view is
# then one call per JSON object (a design of 1,000 components is read in milliseconds).


def _as_is(value):
    return value


def _converter(kind):
    """A function from a JSON value to the field's type: a nested view, a tuple of them (or of
    plain values), or the value as it is; None stays None."""
    if isinstance(kind, types.UnionType):  # X | None
        inner = _converter(next(k for k in typing.get_args(kind) if k is not type(None)))
        return lambda value: None if value is None else inner(value)
    if dataclasses.is_dataclass(kind):
        return _builder(kind)
    if typing.get_origin(kind) is tuple:
        item = _converter(typing.get_args(kind)[0])
        return tuple if item is _as_is else lambda value: tuple(map(item, value))
    return _as_is


@cache
def _builder(cls):
    """A function from a JSON object to an instance of the view class: each field from its
    key (a missing key takes the field's default; unknown keys are ignored)."""
    hints = typing.get_type_hints(cls)
    fields = [(field.name, _converter(hints[field.name])) for field in dataclasses.fields(cls)]

    def build(data: dict):
        return cls(**{name: convert(data[name]) for name, convert in fields if name in data})

    return build


def _build(cls, data: dict):
    return _builder(cls)(data)


# ---- the simulation document ---------------------------------------------------------------
# What estimator.engine.simulate writes (docs/estimate-document.md, "The simulation
# document"): read here as the estimate is, so that no other module reads its keys.


@dataclass(frozen=True)
class SimulationSettings:
    requests: int
    multiple: float  # of the peak traffic
    seed: int
    failed: tuple[str, ...]  # components down throughout


@dataclass(frozen=True)
class SimulatedWorkload:
    name: str
    arrivals: int
    served: int
    lost: int
    served_share: float | None  # None: no arrivals
    throughput_rps: float | None  # None: no time measured
    mean_ms: float | None  # None: nothing served
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    timeouts: int
    retries: int


@dataclass(frozen=True)
class SimulatedComponent:
    key: str
    utilization: float | None  # None: no capacity limit
    attempts: int
    timeouts: int
    retries: int
    lost: int
    mean_wait_ms: float | None


@dataclass(frozen=True)
class SimulatedTotals:
    arrivals: int
    served: int
    lost: int
    served_share: float | None
    timeouts: int
    retries: int


@dataclass(frozen=True)
class SimulationView:
    """A simulation document: per workload and component, what the simulated requests met."""

    engine_version: int
    settings: SimulationSettings
    stopped: str  # "complete", or "wall time" when it ran out of its time
    requests_simulated: int
    warmup_requests: int
    simulated_seconds: float
    wall_seconds: float
    workloads: tuple[SimulatedWorkload, ...]
    components: tuple[SimulatedComponent, ...]
    totals: SimulatedTotals

    @classmethod
    def from_document(cls, document: dict) -> "SimulationView":
        """The view of a simulation document; KeyError or TypeError when it is malformed."""
        return _build(cls, document)

    @classmethod
    def of(cls, simulation: "SimulationView | dict") -> "SimulationView":
        return simulation if isinstance(simulation, SimulationView) else cls.from_document(
            simulation)

    @property
    def complete(self) -> bool:
        return self.stopped == "complete"

    def workload(self, name: str) -> SimulatedWorkload | None:
        return next((w for w in self.workloads if w.name == name), None)

    def component(self, key: str) -> SimulatedComponent | None:
        return next((c for c in self.components if c.key == key), None)
