"""A discrete-event simulation of the design at peak, beside the analytic figures.

The same model as the estimate's (capacity.py, queueing.py, overload.py), run request by
request on SimPy's event loop instead of solved in closed form:

- Arrivals: each workload a Poisson stream at its peak rate times `multiple` (drawn as one
  stream at the total rate, each arrival a workload's by its share of the rate);
  `requests` user requests in all. The first
  WARMUP_SHARE of them (in order of arrival) warm the queues up and are left out of every
  statistic.
- A component with a capacity is a FIFO queue with c = its serving instances, each serving
  in a time exponential with mean 1 / capacity_rps; a component without one is its
  constant alone. An attempt's own time is its wait in the queue plus the component's
  `latency_ms` (the unloaded response time, as the analytic figures have it); the server
  is held for the service time. The request moves on when its attempt's time is over.
- The route: the primary path (the first alternative of an `any_of`, as load takes). A
  replica group sends writes to its primary and spreads reads over its members
  (Design.spread), a member picked per call by its share. A cache or CDN answers a read's
  hit itself (probability hit_ratio, one draw per request, whatever the fan-out) and the
  request stops there. A fan-out of f makes floor(f) calls plus one more with
  probability frac(f) per call reaching the step; each call carries on down the route
  (load multiplies, as the analytic load has it), and the request waits at every step for
  the slowest of that step's calls. A queue step ends the user's wait unless it `waits`:
  what follows is still simulated (load, utilisation, losses) but not timed.
- `failed`: components down for the whole run. An attempt at one fails at once. A stage
  with alternatives takes the first alternative whose components are all up (a step on a
  replica group is up while a member that would serve it is); a replica group's reads go
  to its members up, and a write to a primary down fails over to its first replica up when
  the primary is active-passive.
- Timeouts and retries (the shared semantics): a step's `timeout_ms` T bounds one
  attempt's own time (each call of a fan-out apart); an attempt over T is abandoned at T
  but its server still does the work. After a failed attempt (timed out, or at a component
  down) the caller tries again at once, up to `retries` more times; a call whose attempts
  all fail loses the request (it goes no further and is not served). A served request's
  time at the step includes its failed attempts (T each).
- No shedding: queues grow without bound past capacity; the run stays bounded in requests
  and in wall time whatever the design.

How it is run, for speed: every request is a chain of SimPy timeouts, one per step at a
queue reached after some time has passed and one per round of retries (steps without a
queue, or reached at once, take no event). A FIFO queue's wait is
decided when the request arrives (the Kiefer-Wolfowitz recursion: each of the c servers'
next free time on a heap; an arrival starts on the earliest free), so an attempt needs no
event of its own and an abandoned attempt keeps its server as it must. Random numbers come
in batches from numpy's PCG64 seeded by `seed`, drawn in the order of the events, so one
seed gives one result.
"""

import math
import time
from collections.abc import Callable, Sequence
from heapq import heappush, heapreplace

import numpy as np
import simpy
from simpy.core import EmptySchedule

from estimator.engine import traffic
from estimator.engine.defaults import CACHE_KINDS
from estimator.engine.errors import FieldError
from estimator.engine.model import Design, _step, parse_design, shown
from estimator.engine.version import ENGINE_VERSION

MAX_REQUESTS = 1_000_000
DEFAULT_REQUESTS = 100_000
MAX_MULTIPLE = 100.0
DEFAULT_WALL_SECONDS = 25.0
MAX_WALL_SECONDS = 3600.0
MAX_SEED = 2**63 - 1
WARMUP_SHARE = 0.1  # the first tenth of the requests are left out of the statistics
BATCH = 1 << 14  # random numbers drawn at a time
CLOCK_EVERY = 2048  # events (or calls) between looks at the wall clock
PROGRESS_SECONDS = 0.05  # at most 20 progress calls a second


class SimulationError(ValueError):
    """Bad simulation settings; `field` names the setting."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


class _WallTime(Exception):
    """The wall-time budget is spent: stop where the run is."""


# --- settings ---------------------------------------------------------------------------

def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(field: str, value) -> int:
    """A whole number: an int, or a float with nothing after the point (JSON may send 1e5)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise SimulationError(field, f"must be a whole number, not {shown(value)}")
    return value


def _check_settings(requests, multiple, seed, failed, wall_seconds) -> tuple:
    requests = _whole("requests", requests)
    if not 1 <= requests <= MAX_REQUESTS:
        raise SimulationError("requests", f"must be between 1 and {MAX_REQUESTS:,} "
                                          f"(got {shown(requests)})")
    if not _is_number(multiple) or (isinstance(multiple, float) and not math.isfinite(multiple)):
        raise SimulationError("multiple", f"must be a finite number, not {shown(multiple)}")
    if not 0 < multiple <= MAX_MULTIPLE:
        raise SimulationError("multiple", f"must be greater than 0 and at most "
                                          f"{MAX_MULTIPLE:g} (got {shown(multiple)})")
    seed = _whole("seed", seed)
    if not 0 <= seed <= MAX_SEED:
        raise SimulationError("seed", f"must be between 0 and {MAX_SEED} (got {shown(seed)})")
    if isinstance(failed, str | bytes) or not isinstance(failed, Sequence):
        raise SimulationError("failed", "must be a list of component keys")
    if not all(isinstance(key, str) for key in failed):
        raise SimulationError("failed", "must be a list of component keys (strings)")
    if not _is_number(wall_seconds) or not 0 < wall_seconds <= MAX_WALL_SECONDS:
        raise SimulationError("wall_seconds", f"must be more than 0 and at most "
                                              f"{MAX_WALL_SECONDS:g} seconds")
    return requests, float(multiple), seed, list(dict.fromkeys(failed)), float(wall_seconds)


# --- the compiled design ------------------------------------------------------------------

class _Component:
    """One component's run-time state and counters (of measured requests only)."""

    __slots__ = ("key", "servers", "mean_service", "latency_s", "hit_ratio", "cache", "down",
                 "free", "attempts", "timeouts", "retries", "lost", "wait_sum", "work")

    def __init__(self, component, down: bool):
        self.key = component.key
        capacity = component.capacity_rps
        self.servers = component.serving_instances if capacity else 0
        self.mean_service = 1.0 / capacity if capacity else 0.0
        self.latency_s = component.latency_ms / 1000.0
        self.hit_ratio = component.hit_ratio
        self.cache = component.kind in CACHE_KINDS
        self.down = down
        self.free: list[float] = []  # the busy servers' next free times (a heap)
        self.attempts = self.timeouts = self.retries = self.lost = 0
        self.wait_sum = 0.0
        self.work = 0.0  # service time brought by measured attempts, seconds

    def take(self, now: float, service: float) -> float:
        """One attempt arriving at `now` and holding a server for `service` seconds, FIFO:
        its wait for the first server free (the busy servers' free times are a heap)."""
        free = self.free
        if len(free) < self.servers:
            heappush(free, now + service)
            return 0.0
        if free[0] <= now:
            heapreplace(free, now + service)
            return 0.0
        begins = free[0]
        heapreplace(free, begins + service)
        return begins - now


def _targets(design: Design, key: str, kind: str, components: dict) -> list:
    """Where a step's calls go, (component, share): Design.spread without the members down.
    A write to a primary down fails over to its first replica up when the primary is
    active-passive; with nothing up, the calls go to the first member (and fail there)."""
    spread = [(components[k], share) for k, share in design.spread(key, kind)]
    group = design.replica_groups.get(key)
    if group is not None and kind != "read" and spread[0][0].down:
        replicas = [components[k] for k in group[1:] if not components[k].down]
        if design.component(group[0]).redundancy == "active-passive" and replicas:
            return [(replicas[0], 1.0)]
    up = [(c, share) for c, share in spread if not c.down]
    return up or [(spread[0][0], 1.0)]


class _Step:
    """One route step, ready to run: where its calls go, how many, and its limits."""

    __slots__ = ("members", "member", "shares", "base", "frac", "timeout_s", "retries", "hit",
                 "ends", "queued", "simple")

    def __init__(self, design: Design, step, kind: str, components: dict, ends: bool):
        up = _targets(design, step.key, kind, components)
        total = sum(s for _, s in up)
        self.members = [c for c, _ in up]
        self.member = self.members[0]
        cumulative, running = [], 0.0
        for _, share in up:
            running += share / total if total > 0 else 1.0 / len(up)
            cumulative.append(running)
        self.shares = cumulative
        self.base = int(math.floor(step.fan_out))
        self.frac = step.fan_out - self.base
        self.timeout_s = None if step.timeout_ms is None else step.timeout_ms / 1000.0
        self.retries = step.retries
        first = design.component(step.key)
        # A read at a cache or CDN stops on a hit (the analytic route's rule: one draw per
        # request, whatever the fan-out).
        self.hit = first.hit_ratio if first.kind in CACHE_KINDS and kind == "read" else 0.0
        self.ends = ends  # the user stops waiting after this step
        self.queued = any(c.servers for c in self.members)
        # One call to one component up and no timeout: run inline (_Run.advance).
        self.simple = (self.base == 1 and self.frac == 0.0 and len(self.members) == 1
                       and not self.members[0].down and self.timeout_s is None)

    @property
    def up(self) -> bool:
        return not all(c.down for c in self.members)


def _raw_route(document: dict, index: int) -> list:
    return document["workloads"][index].get("route") or []


def _route(document: dict, design: Design, index: int, workload, components) -> list:
    """The steps the workload's requests take: at each stage of alternatives, the first
    whose components are all up (Steps parsed again from the document: the design keeps
    them for the primary path only)."""
    keys = {c.key: c.kind for c in design.components}
    errors: list[FieldError] = []
    raw_stages = []
    for raw in _raw_route(document, index):
        if isinstance(raw, dict) and "any_of" in raw:
            raw_stages.append([[_step(errors, s, "", keys) for s in option]
                               for option in raw["any_of"]])
        else:
            raw_stages.append([[_step(errors, raw, "", keys)]])
    route, user_done = [], False
    for options in raw_stages:
        compiled = []
        for option in options:
            steps = []
            for step in option:
                kind = design.component(step.key).kind
                ends = not user_done and kind == "queue" and not step.waits
                steps.append(_Step(design, step, workload.kind, components, ends))
            compiled.append(steps)
        # The user's wait ends at the primary's queue step; alternatives follow the primary.
        user_done = user_done or any(s.ends for s in compiled[0])
        route += _choose(compiled)  # the components down are down for the whole run
    return route


def _choose(options: list) -> list:
    """The first alternative with every component up; the primary when none is."""
    for option in options:
        if all(step.up for step in option):
            return option
    return options[0]


class _Workload:
    __slots__ = ("name", "steps", "arrivals", "served", "lost", "timeouts", "retries", "times")

    def __init__(self, name: str, steps: list):
        self.name = name
        self.steps = steps
        self.arrivals = self.served = self.lost = self.timeouts = self.retries = 0
        self.times: list[float] = []


# --- the run ------------------------------------------------------------------------------

class _Random:
    """Uniform and unit-exponential draws in batches, as Python floats."""

    def __init__(self, generator: np.random.Generator):
        self.generator = generator
        self._uniform: list[float] = []
        self._exponential: list[float] = []

    def uniform(self) -> float:
        if not self._uniform:
            self._uniform = self.generator.random(BATCH).tolist()
        return self._uniform.pop()

    def exponential(self) -> float:
        if not self._exponential:
            self._exponential = self.generator.standard_exponential(BATCH).tolist()
        return self._exponential.pop()


class _Request:
    __slots__ = ("run", "workload", "start", "measured", "steps", "position", "calls",
                 "user_s", "pending", "tries", "finish")

    def __init__(self, run, workload: _Workload, start: float, measured: bool):
        self.run = run
        self.workload = workload
        self.start = start
        self.measured = measured
        self.steps: list = workload.steps
        self.position = 0
        self.calls = 1  # parallel branches carrying on down the route
        self.user_s: float | None = None
        # The calls of the current step waiting to retry, by member: how many (a round of
        # retries all have the same number of tries behind them, `tries`).
        self.pending: dict = {}
        self.tries = 0
        self.finish = 0.0  # when the current step's slowest successful call returns

    def on_time(self, _event) -> None:
        self.run.advance(self, 0.0)

    def on_retry(self, _event) -> None:
        self.run.retry(self)


class _Run:
    def __init__(self, env: simpy.Environment, random: _Random, deadline: float):
        self.env = env
        self.random = random
        self.deadline = deadline
        self.work_units = 0
        self.in_flight = 0

    def tick(self, units: int) -> None:
        self.work_units += units
        if self.work_units >= CLOCK_EVERY:
            self.work_units = 0
            if time.perf_counter() > self.deadline:
                raise _WallTime

    # A request walks its route until it must wait for the clock (a queue step after some
    # time has passed, or a retry); then it schedules a timeout and goes on from there.
    def start(self, request: _Request) -> None:
        self.in_flight += 1
        self.advance(request, 0.0)

    def advance(self, request: _Request, lag: float) -> None:
        """Carry the request on from its current position; `lag`: time already spent past
        the clock's now (constant latencies, or a step's slowest call still returning)."""
        clock = self.env.now
        steps, position = request.steps, request.position
        while True:
            if position >= len(steps):
                self.done(request, lag)
                return
            step = steps[position]
            if step.queued and lag > 0.0:  # meet the queue in its time order
                request.position = position
                self.env.timeout(lag).callbacks.append(request.on_time)
                return
            if step.simple and request.calls == 1:
                # One call at one component up, no timeout: the common step, inline.
                member = step.member
                wait = 0.0
                if member.servers:
                    service = self.random.exponential() * member.mean_service
                    wait = member.take(clock, service)
                    if request.measured:
                        member.attempts += 1
                        member.wait_sum += wait
                        member.work += service
                elif request.measured:
                    member.attempts += 1
                lag += wait + member.latency_s
                position += 1
                if step.ends and request.user_s is None:
                    request.user_s = clock + lag - request.start
                if step.hit and self.random.uniform() < step.hit:
                    self.done(request, lag)
                    return
                continue
            request.position = position
            calls = self._calls(request, step)
            now = clock + lag
            request.finish = now
            request.pending = {}
            request.tries = 0
            for _ in range(calls):
                if not self.attempt(request, step, self._member(step), now, 0):
                    self.lose(request)
                    return
            if request.pending:  # some calls retry after their timeout
                self.env.timeout(step.timeout_s).callbacks.append(request.on_retry)
                return
            lag = request.finish - clock
            if not self._after_step(request, step, lag):
                return
            position = request.position

    def retry(self, request: _Request) -> None:
        step = request.steps[request.position]
        pending, request.pending = request.pending, {}
        request.tries += 1
        now = self.env.now
        for member, count in pending.items():
            for _ in range(count):
                if not self.attempt(request, step, member, now, request.tries):
                    self.lose(request)
                    return
        if request.pending:
            self.env.timeout(step.timeout_s).callbacks.append(request.on_retry)
            return
        lag = request.finish - now
        if self._after_step(request, step, lag):
            self.advance(request, lag)

    def _after_step(self, request: _Request, step: _Step, lag: float) -> bool:
        """After a step's calls all returned: a cache hit or the route's end serves the
        request; returns whether it carries on."""
        request.position += 1
        if step.ends and request.user_s is None:
            request.user_s = self.env.now + lag - request.start
        if step.hit and self.random.uniform() < step.hit:
            self.done(request, lag)
            return False
        return True

    def _calls(self, request: _Request, step: _Step) -> int:
        branches = request.calls
        if step.frac == 0.0:
            calls = branches * step.base
        elif branches <= 64:
            calls = branches * step.base + sum(
                1 for _ in range(branches) if self.random.uniform() < step.frac)
        else:
            calls = branches * step.base + int(self.random.generator.binomial(branches, step.frac))
        request.calls = calls
        return calls

    def _member(self, step: _Step) -> _Component:
        members = step.members
        if len(members) == 1:
            return members[0]
        u = self.random.uniform()
        for member, edge in zip(members, step.shares, strict=True):
            if u < edge:
                return member
        return members[-1]

    def attempt(self, request: _Request, step: _Step, member: _Component, now: float,
                tries: int) -> bool:
        """One call's attempts at `member` from `now`: False when they all fail (the request
        is lost); a timed-out attempt with retries left waits in request.pending."""
        self.tick(1)
        measured = request.measured
        workload = request.workload
        timeout = step.timeout_s
        while True:
            if measured:
                member.attempts += 1
                if tries:
                    member.retries += 1
                    workload.retries += 1
            if member.down:
                if tries < step.retries:
                    tries += 1
                    continue
                if measured:
                    member.lost += 1
                return False
            wait = 0.0
            if member.servers:
                service = self.random.exponential() * member.mean_service
                wait = member.take(now, service)
                if measured:
                    member.wait_sum += wait
                    member.work += service
            took = wait + member.latency_s
            if timeout is not None and took > timeout:
                if measured:
                    member.timeouts += 1
                    workload.timeouts += 1
                if tries < step.retries:
                    if member.servers:  # the retry meets the queue as it is after T
                        request.pending[member] = request.pending.get(member, 0) + 1
                        return True
                    tries += 1  # a constant over T times out every time
                    continue
                if measured:
                    member.lost += 1
                return False
            end = now + took
            if end > request.finish:
                request.finish = end
            return True

    def done(self, request: _Request, lag: float) -> None:
        self.in_flight -= 1
        if not request.measured:
            return
        workload = request.workload
        workload.served += 1
        user = request.user_s if request.user_s is not None else (
            self.env.now + lag - request.start)
        workload.times.append(user)

    def lose(self, request: _Request) -> None:
        self.in_flight -= 1
        if request.measured:
            request.workload.lost += 1


def _arrivals(random: _Random, rates: list[float], requests: int):
    """The merged arrival stream of `requests` requests: (times, workload indexes). One
    Poisson stream at the total rate, each arrival a workload's by its share of the rate:
    the same as a Poisson stream per workload (thinning), ending together."""
    total = sum(rates)
    generator = random.generator
    times = np.cumsum(generator.standard_exponential(requests) / total)
    edges = np.cumsum(np.asarray(rates) / total)
    which = np.minimum(np.searchsorted(edges, generator.random(requests), side="right"),
                       len(rates) - 1)
    return times, which


def _finite(value):
    return float(value) if value is not None and math.isfinite(value) else None


def simulate(document: dict, *, requests: int = DEFAULT_REQUESTS, multiple: float = 1.0,
             seed: int = 0, failed: Sequence[str] = (),
             wall_seconds: float = DEFAULT_WALL_SECONDS,
             progress: Callable[[float], None] | None = None) -> dict:
    """The simulation document of a design document (see the module's docstring).

    Raises model.DesignError for an invalid document, SimulationError for bad settings.
    Calls progress(fraction done in [0, 1]) now and then (at most ~20 times a second)."""
    requests, multiple, seed, failed, wall_seconds = _check_settings(
        requests, multiple, seed, failed, wall_seconds)
    design = parse_design(document)
    known = {c.key for c in design.components}
    unknown = [key for key in failed if key not in known]
    if unknown:
        raise SimulationError("failed", f"unknown component '{unknown[0]}'")
    began = time.perf_counter()
    down = set(failed)
    components = {c.key: _Component(c, c.key in down) for c in design.components}
    rates = [peak * multiple for _, _, peak in traffic.workload_rates(design)]
    workloads = [_Workload(w.name, _route(document, design, i, w, components))
                 for i, w in enumerate(design.workloads)]

    random = _Random(np.random.Generator(np.random.PCG64(seed)))
    env = simpy.Environment()
    run = _Run(env, random, began + wall_seconds)
    usable = [r if r > 0 and math.isfinite(r) else 0.0 for r in rates]
    if sum(usable) > 0:
        times, which = _arrivals(random, usable, requests)
    else:
        times, which = np.zeros(0), np.zeros(0, dtype=int)
    count = len(times)
    warmup = int(count * WARMUP_SHARE)
    times_list, which_list = times.tolist(), which.tolist()
    arrived = [0]

    def arrive():
        for index in range(count):
            at = times_list[index]
            if at > env.now:
                yield env.timeout(at - env.now)
            workload = workloads[which_list[index]]
            measured = index >= warmup
            if measured:
                workload.arrivals += 1
            arrived[0] = index + 1
            run.start(_Request(run, workload, env.now, measured))

    env.process(arrive())
    stopped = "complete"
    last_report = began
    events = 0
    try:
        while True:
            try:
                env.step()
            except EmptySchedule:
                break
            events += 1
            if events % CLOCK_EVERY == 0:
                now = time.perf_counter()
                if now > run.deadline:
                    raise _WallTime
                if progress is not None and now - last_report >= PROGRESS_SECONDS:
                    last_report = now
                    progress(min(1.0, arrived[0] / count) if count else 1.0)
    except _WallTime:
        stopped = "wall time"
    if progress is not None:
        progress(1.0)

    measured_start = times_list[warmup] if warmup < count else 0.0
    last = min(times_list[arrived[0] - 1], env.now) if arrived[0] else 0.0
    window = last - measured_start
    document_out = _document(design, workloads, components, window)
    document_out.update({
        "engine_version": ENGINE_VERSION,
        "settings": {"requests": requests, "multiple": multiple, "seed": seed,
                     "failed": failed},
        "stopped": stopped,
        "requests_simulated": arrived[0],
        "warmup_requests": min(warmup, arrived[0]),
        "simulated_seconds": float(env.now),
        "wall_seconds": time.perf_counter() - began,
    })
    order = ("engine_version", "settings", "stopped", "requests_simulated", "warmup_requests",
             "simulated_seconds", "wall_seconds", "workloads", "components", "totals")
    return {key: document_out[key] for key in order}


def _document(design: Design, workloads: list[_Workload], components: dict,
              window: float) -> dict:
    rows = []
    for w in workloads:
        times = np.asarray(w.times) * 1000.0
        figures = {"mean_ms": None, "p50_ms": None, "p95_ms": None, "p99_ms": None}
        if len(times):
            p50, p95, p99 = np.percentile(times, [50, 95, 99]).tolist()
            figures = {"mean_ms": _finite(float(times.mean())), "p50_ms": _finite(p50),
                       "p95_ms": _finite(p95), "p99_ms": _finite(p99)}
        finished = w.served + w.lost
        rows.append({
            "name": w.name, "arrivals": w.arrivals, "served": w.served, "lost": w.lost,
            "served_share": w.served / finished if finished else None,
            "throughput_rps": _finite(w.served / window) if window > 0 else None,
            **figures, "timeouts": w.timeouts, "retries": w.retries,
        })
    component_rows = []
    for c in design.components:
        state = components[c.key]
        utilization = None
        if state.servers and window > 0 and not state.down:
            utilization = _finite(min(1.0, state.work / (state.servers * window)))
        elif state.servers and state.down:
            utilization = 0.0
        component_rows.append({
            "key": c.key, "utilization": utilization, "attempts": state.attempts,
            "timeouts": state.timeouts, "retries": state.retries, "lost": state.lost,
            "mean_wait_ms": _finite(state.wait_sum / state.attempts * 1000.0)
            if state.attempts else None,
        })
    arrivals = sum(w.arrivals for w in workloads)
    served = sum(w.served for w in workloads)
    lost = sum(w.lost for w in workloads)
    return {
        "workloads": rows,
        "components": component_rows,
        "totals": {"arrivals": arrivals, "served": served, "lost": lost,
                   "served_share": served / (served + lost) if served + lost else None,
                   "timeouts": sum(w.timeouts for w in workloads),
                   "retries": sum(w.retries for w in workloads)},
    }
