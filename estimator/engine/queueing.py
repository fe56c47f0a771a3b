"""Latency at peak: each component as an M/M/c queue, each route as the distribution of
the whole request.

A component serves with c = its serving instances, each at mu = capacity_rps requests
per second, at its peak load lambda; its `latency_ms` is the unloaded response time
(network and processing), a constant. Its time is that constant plus the M/M/c wait:
none with probability 1 - C, else exponential with rate c mu - lambda (C from Erlang C),
so P(wait > t) = C exp(-(c mu - lambda) t) and its percentiles have a closed form.

A route's time (its primary path: the first alternative of an `any_of`, as load takes) is
the mixture, over where a read stops (a cache or CDN answers its hits itself, whatever the
step's fan-out), of the sums of its steps' times, the steps independent of each other. A step
with a fan-out of N waits for the slowest of N parallel calls (the maximum of N
independent copies: CDF^N). A queue step ends the user's wait unless the route step says
`"waits": true`: the steps after it carry load, not the user's latency. The mean is
exact; the percentiles are read from the distribution computed numerically: each step's
random part on a common grid of GRID_POINTS points spanning the sum's range up to a tail
of TAIL, convolved by FFT, and each percentile interpolated on the mixture's CDF.
"""

import math

import numpy as np
from scipy.integrate import quad
from scipy.special import pdtr

from estimator.engine.defaults import CACHE_KINDS

# Above this utilisation the wait of an M/M/c queue climbs steeply (1/(1 - rho)).
STEEP_UTILIZATION = 0.8
PERCENTILES = {"p50_ms": 0.50, "p95_ms": 0.95, "p99_ms": 0.99}

# The route's grid: GRID_POINTS points from 0 to where the sum of the steps' waits passes
# with probability under TAIL (a union bound over the steps); a step whose chance of
# waiting at all (times its fan-out) is under TAIL counts as its constant alone in the
# percentiles (its mean wait still counts in the mean).
GRID_POINTS = 2048
TAIL = 1e-6


# Up to this many servers Erlang B comes from its recursion (exact, one step per server);
# past it, from the Poisson distribution in closed form, in constant time.
RECURSION_SERVERS = 1_000


def erlang_b(servers: int, offered_load: float) -> float:
    """Probability that all `servers` are busy (Erlang B), for `offered_load` = lambda / mu."""
    if offered_load <= 0:
        return 0.0
    if servers <= RECURSION_SERVERS:
        # Stable where the textbook sum of a^k / k! overflows.
        blocking = 1.0
        for k in range(1, servers + 1):
            blocking = offered_load * blocking / (k + offered_load * blocking)
        return blocking
    # B = P(N = c) / P(N <= c) for N ~ Poisson(a): the numerator from logarithms, the
    # denominator from the regularised incomplete gamma function (SciPy's pdtr).
    log_mass = servers * math.log(offered_load) - offered_load - math.lgamma(servers + 1)
    below = float(pdtr(servers, offered_load))
    return math.exp(log_mass) / below if below > 0 else 1.0


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arriving request waits, for `offered_load` = lambda / mu."""
    if offered_load >= servers:
        return 1.0
    blocking = erlang_b(servers, offered_load)
    return servers * blocking / (servers - offered_load * (1.0 - blocking))


def mmc(arrival: float, service: float, servers: int) -> dict:
    """Utilisation, waiting probability, mean wait and mean time in system (seconds), and
    the rate of the exponential wait of those who wait (per second)."""
    utilization = arrival / (servers * service)
    if utilization >= 1:
        return {"utilization": utilization, "wait_probability": 1.0, "mean_wait_s": None,
                "mean_time_s": None, "stable": False, "wait_rate": None}
    waiting = erlang_c(servers, arrival / service)
    rate = servers * service - arrival
    wait = waiting / rate
    return {"utilization": utilization, "wait_probability": waiting, "mean_wait_s": wait,
            "mean_time_s": wait + 1 / service, "stable": True, "wait_rate": rate}


def wait_quantile(probability: float, rate: float, p: float) -> float:
    """The p-quantile of a wait that is 0 with probability 1 - `probability`, else
    exponential at `rate`: solves probability x exp(-rate t) = 1 - p."""
    if probability <= 1.0 - p:
        return 0.0
    return math.log(probability / (1.0 - p)) / rate


class Step:
    """One step's time: the constant `latency_ms` plus the maximum of `fan_out` independent
    waits, each 0 with probability 1 - `probability`, else exponential at `rate` per ms."""

    __slots__ = ("constant", "probability", "rate", "fan_out")

    def __init__(self, constant: float, probability: float, rate: float, fan_out: float = 1.0):
        # A fan-out under 1 is a share of the requests calling once (user_steps stops the
        # rest before the step): those that reach it make one call.
        self.constant, self.probability, self.rate, self.fan_out = (
            constant, probability, rate, max(fan_out, 1.0))

    @property
    def calls(self) -> tuple[int, float]:
        """A fan-out of f makes floor(f) calls, and one more with probability frac(f)."""
        whole = math.floor(self.fan_out)
        return whole, self.fan_out - whole

    @property
    def random(self) -> bool:
        return self.probability * math.ceil(self.fan_out) > TAIL

    def mean_wait(self) -> float:
        """E[max of N waits] = (1/rate) x integral from 0 to C of (1 - (1 - u)^N) / u du,
        for N = floor(f) and floor(f) + 1 weighed by frac(f)."""
        if self.probability == 0.0:
            return 0.0
        whole, extra = self.calls
        mean = self._mean_of_max(whole)
        return mean if extra == 0.0 else (1.0 - extra) * mean + extra * self._mean_of_max(
            whole + 1)

    def _mean_of_max(self, n: int) -> float:
        if n == 1:
            return self.probability / self.rate
        value, _ = quad(lambda u: -math.expm1(n * math.log1p(-u)) / u if u > 0 else n,
                        0.0, self.probability, points=[min(self.probability, 1.0 / n)],
                        limit=200)
        return value / self.rate

    def cdf(self, x: np.ndarray) -> np.ndarray:
        """P(max of the waits <= x), for x >= 0: F^N, a mixture of F^floor(f) and
        F^(floor(f) + 1) for a fractional fan-out."""
        tail = self.probability * np.exp(-self.rate * x)
        return _max_cdf(np.log1p(-np.minimum(tail, 1.0 - 1e-300)), *self.calls)

    def span(self, tail: float) -> float:
        """Where the waits pass with probability under `tail` (P(max > x) <= N C exp(-r x))."""
        return max(0.0, math.log(math.ceil(self.fan_out) * self.probability / tail)) / self.rate


def _max_cdf(log_one: np.ndarray, whole: int, extra: float) -> np.ndarray:
    """The CDF of the slowest of floor(f) calls, or of one more with probability frac(f),
    from the log of one call's CDF."""
    found = np.exp(whole * log_one)
    return found if extra == 0.0 else found * ((1.0 - extra) + extra * np.exp(log_one))


class TimeoutStep(Step):
    """A step with a timeout T and R retries (engine.retries), given served: k failed
    attempts before the one that succeeds (P(k) = q^k (1 - q) / (1 - q^(R+1)), k <= R), each
    failed attempt T long when it timed out (a share slow / q of them) and ~0 when it failed
    at once (down or shed), then one successful attempt: the constant `latency_ms` plus its
    M/M/c wait conditioned on the whole attempt taking at most T (the wait at most T - L).
    The random part, Y = j T + (W | W <= T - L) for j timed-out attempts, is bounded; a
    fan-out waits for the slowest of its calls (CDF^N), as Step."""

    __slots__ = ("timeout", "slack", "outcomes", "wait_probability", "wait_rate", "within")

    def __init__(self, base: Step, timeout_ms: float, retries: int, fast: float, slow: float,
                 fan_out: float = 1.0):
        q = fast + slow
        served = 1.0 - q ** (retries + 1)
        outcomes = [0.0] * (retries + 1)  # j timed-out attempts, given served
        for k in range(retries + 1):
            for j in range(k + 1):
                outcomes[j] += (math.comb(k, j) * fast ** (k - j) * slow ** j
                                * (1.0 - q) / served)
        self.timeout, self.slack, self.outcomes = (
            timeout_ms, max(0.0, timeout_ms - base.constant), outcomes)
        waiting = base.probability if math.isfinite(base.rate) else 0.0
        self.wait_probability = waiting
        self.wait_rate = base.rate if waiting > 0 else 1.0
        # P(W <= slack): 1 - C at a slack of 0, never 0 (C < 1 on a stable queue).
        self.within = max(1e-300, 1.0 - waiting * math.exp(-self.wait_rate * self.slack))
        at_zero = outcomes[0] * (1.0 - waiting) / self.within
        super().__init__(base.constant, max(0.0, 1.0 - at_zero), self.wait_rate, fan_out)

    def _one_cdf(self, x: np.ndarray) -> np.ndarray:
        """P(Y <= x) = sum over j of P(j) P(W <= x - j T | W <= slack), every j at once."""
        shares = np.array(self.outcomes)
        kept = shares > 0
        y = x[None, :] - (np.flatnonzero(kept) * self.timeout)[:, None]
        # At y >= slack the clipped wait gives P(W <= slack) / P(W <= slack) = 1.
        inside = (1.0 - self.wait_probability * np.exp(
            -self.wait_rate * np.clip(y, 0.0, self.slack))) / self.within
        return np.minimum(shares[kept] @ (inside * (y >= 0)), 1.0)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        one = self._one_cdf(np.asarray(x, dtype=float))
        with np.errstate(divide="ignore"):
            return _max_cdf(np.log(one), *self.calls)

    def _last(self) -> int:
        return max(j for j, share in enumerate(self.outcomes) if share > 0)

    def span(self, tail: float) -> float:
        """The random part's whole range: the last outcome's timed-out attempts plus the
        slack (it is bounded)."""
        return self._last() * self.timeout + self.slack

    def mean_wait(self) -> float:
        """E[Y] in closed form (E[W | W <= b] = C ((1 - e^(-r b)) / r - b e^(-r b)) / P(W <= b));
        with a fan-out, the integral of 1 - CDF^N over the bounded range."""
        if self.fan_out == 1.0:
            c, r, b = self.wait_probability, self.wait_rate, self.slack
            wait = c * (-math.expm1(-r * b) / r - b * math.exp(-r * b)) / self.within
            return sum(j * self.timeout * share for j, share in enumerate(self.outcomes)) + wait
        total = 0.0
        for j in range(self._last() + 1):
            start = j * self.timeout
            end = start + (self.slack if j == self._last() else self.timeout)
            if end > start:
                value, _ = quad(lambda x: 1.0 - float(self.cdf(np.array([x]))[0]), start, end,
                                points=[start + self.slack] if j < self._last() else None,
                                limit=200)
                total += value
        return total


def component_latency(row: dict, latency_ms: float) -> tuple[dict, Step | None]:
    """One component at its peak load: its figures, and its time as a route step (None
    when saturated)."""
    capacity = row["capacity_rps"]
    figures = {"key": row["key"], "utilization": None, "wait_probability": 0.0,
               "mean_wait_ms": 0.0, "mean_latency_ms": latency_ms, "p50_ms": latency_ms,
               "p95_ms": latency_ms, "p99_ms": latency_ms, "steep": False}
    if capacity is None or row["peak_load_rps"] == 0:  # no queue: the constant alone
        return figures, Step(latency_ms, 0.0, math.inf)
    queue = mmc(row["peak_load_rps"], capacity, row["serving_instances"])
    utilization = queue["utilization"]
    figures.update(utilization=utilization, wait_probability=queue["wait_probability"],
                   steep=utilization > STEEP_UTILIZATION)
    if not queue["stable"]:
        figures.update({name: None for name in (
            "mean_wait_ms", "mean_latency_ms", "p50_ms", "p95_ms", "p99_ms")})
        return figures, None
    step = Step(latency_ms, queue["wait_probability"], queue["wait_rate"] / 1000)
    wait_ms = queue["mean_wait_s"] * 1000
    figures.update(mean_wait_ms=wait_ms, mean_latency_ms=latency_ms + wait_ms)
    for name, p in PERCENTILES.items():
        figures[name] = latency_ms + wait_quantile(step.probability, step.rate, p)
    return figures, step


def user_steps(design, workload) -> list[tuple[object, float]]:
    """The primary route's steps the user waits for, each with the share of requests that
    stop after it (a read's cache hit; the requests a fan-out under 1 does not call on, at
    the step before it; the last step takes the rest)."""
    steps, reach = [], 1.0
    for step in workload.route:
        component = design.component(step.key)
        if step.fan_out < 1.0 and steps:
            # A share fan_out of the requests call once; the rest make no call and go no
            # further (load, too, passes on only that share): they stop before this step.
            before, stopped = steps[-1]
            steps[-1] = (before, stopped + reach * (1.0 - step.fan_out))
            reach *= step.fan_out
        stops = 0.0
        if component.kind in CACHE_KINDS and workload.kind == "read":
            stops = reach * component.hit_ratio
            reach -= stops
        steps.append((step, stops))
        if component.kind == "queue" and not step.waits:
            break
    if steps:
        last, stops = steps[-1]
        steps[-1] = (last, stops + reach)
    return steps


def route_distribution(steps: list[tuple[Step, float]]) -> dict:
    """Mean and percentiles (ms) of a mixture, over where a request stops, of sums of
    independent steps. `steps`: each Step with the share of requests that stop after it
    (weights: they are normalised, so a share of requests lost on the way is left out)."""
    total = sum(stops for _, stops in steps)
    if math.isclose(total, 1.0, rel_tol=0.0, abs_tol=1e-12):
        mean, reach = 0.0, 1.0
        for step, stops in steps:
            mean += reach * (step.constant + step.mean_wait())
            reach -= stops
    else:  # each step counts for the requests that stop at it or after it
        mean, reach = 0.0, total
        for step, stops in steps:
            mean += reach / total * (step.constant + step.mean_wait())
            reach -= stops
    # Stop points: (share, the constant so far, the random steps so far).
    stops_at, constant, randoms = [], 0.0, []
    for step, stops in steps:
        constant += step.constant
        if step.random:
            randoms.append(step)
        if stops > 0:
            stops_at.append((stops, constant, len(randoms)))
    percentiles = _mixture_percentiles(stops_at, randoms)
    return {"mean_ms": mean, **percentiles}


def _partial_cdfs(randoms: list[Step], counts: set[int]) -> tuple[np.ndarray, dict]:
    """The grid's points (ms) and, for each count n, the CDF at them of the sum of the
    first n random steps' waits. Each wait's mass on [x - dt/2, x + dt/2) goes to the grid
    point x; the CDF is read at the bins' upper edges."""
    total = sum(step.span(TAIL / len(randoms)) for step in randoms)
    dt = total / GRID_POINTS
    edges = (np.arange(GRID_POINTS) + 0.5) * dt
    cdfs = np.array([step.cdf(edges) for step in randoms])
    masses = np.diff(cdfs, axis=1, prepend=0.0)
    masses[:, -1] += 1.0 - cdfs[:, -1]
    wanted = sorted(n for n in counts if n > 0)
    if wanted == [1]:
        return edges, {1: cdfs[0]}
    spectra = np.cumprod(np.fft.rfft(masses, n=2 * GRID_POINTS, axis=1), axis=0)
    sums = np.fft.irfft(spectra[[n - 1 for n in wanted]], n=2 * GRID_POINTS, axis=1)
    partial = np.cumsum(np.clip(sums[:, :GRID_POINTS], 0.0, None), axis=1)
    partial = np.minimum(np.maximum.accumulate(partial, axis=1), 1.0)
    return edges, dict(zip(wanted, partial, strict=True))


def _mixture_percentiles(stops_at, randoms: list[Step]) -> dict:
    """Each percentile of the mixture, inverted from its piecewise-linear CDF."""
    counts = {count for _, _, count in stops_at}
    edges, cdfs = (_partial_cdfs(randoms, counts) if any(counts) else (None, {}))
    points, parts = [], []  # each stop: its CDF as (times, values), and its share
    for share, constant, count in stops_at:
        if count == 0:
            times, values = np.array([0.0]), np.array([1.0])
        else:
            atom = math.prod((1.0 - s.probability) ** s.fan_out for s in randoms[:count])
            times = np.concatenate(([0.0], edges))
            values = np.maximum(np.concatenate(([atom], cdfs[count])), atom)
        parts.append((share, constant, times, values))
        points.append(constant + times)
    grid = np.unique(np.concatenate(points))
    total = sum(share for share, *_ in parts)
    right = np.zeros_like(grid)  # H(t)
    left = np.zeros_like(grid)  # H(t-)
    for share, constant, times, values in parts:
        x = grid - constant
        inside = np.interp(x, times, values, left=0.0, right=1.0) * (share / total)
        right += np.where(x < 0, 0.0, inside)
        left += np.where(x <= 0, 0.0, inside)
    right = np.maximum.accumulate(right)
    figures = {}
    for name, p in PERCENTILES.items():
        i = int(np.searchsorted(right, p, side="left"))
        if i == 0:
            value = grid[0]
        elif i >= len(grid):
            value = grid[-1]
        elif left[i] < p:
            value = grid[i]
        else:
            low = right[i - 1]
            value = grid[i - 1] + (p - low) / (left[i] - low) * (grid[i] - grid[i - 1])
        figures[name] = float(value)
    return figures


def route_latency(design, workload, steps_by_key: dict[str, Step | None],
                  retries=None) -> dict:
    """The whole request along the primary route, up to where the user stops waiting, for
    the requests served. `retries`: engine.retries' solution: a step with a timeout takes
    its TimeoutStep's time, and the requests a guarded step loses are left out (each stop
    point weighs the share of requests that stop there times the share of calls served on
    the way)."""
    steps, served = [], 1.0
    saturated = {"name": workload.name, "mean_ms": None, "p50_ms": None, "p95_ms": None,
                 "p99_ms": None}
    for index, (route_step, stops) in enumerate(user_steps(design, workload)):
        component = steps_by_key[route_step.key]
        call = retries.step(workload.name, index) if retries is not None else None
        if call is not None:
            served *= 1.0 - call.call_failure
            if served <= 0.0:
                return saturated  # no call gets through: no request is served
        if component is None:
            return saturated
        if call is not None and call.timeout_ms is not None:
            step = TimeoutStep(component, call.timeout_ms, call.retries, call.fast_failure,
                               call.slow_failure, route_step.fan_out)
        else:
            step = Step(component.constant, component.probability, component.rate,
                        route_step.fan_out)
        steps.append((step, stops * served))
    if not steps:
        return {"name": workload.name, "mean_ms": 0.0, "p50_ms": 0.0, "p95_ms": 0.0,
                "p99_ms": 0.0}
    return {"name": workload.name, **route_distribution(steps)}


def latency(design, rows: list[dict], retries=None) -> dict:
    """`retries`: engine.retries' solution (None: no step has a timeout or retries)."""
    latencies = {c.key: c.latency_ms for c in design.components}
    components, steps_by_key = [], {}
    for row in rows:
        figures, step = component_latency(row, latencies[row["key"]])
        components.append(figures)
        steps_by_key[row["key"]] = step
    return {
        "components": components,
        "workloads": [route_latency(design, w, steps_by_key, retries) for w in design.workloads],
        "steep": [c["key"] for c in components if c["steep"]],
    }
