"""The design document as plain dataclasses, with validation that names each field.

`parse_design` checks the whole document and collects every error before
raising, so a user fixes them all in one pass.
"""

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property

from estimator.engine import defaults, jsontext, limits
from estimator.engine.errors import DesignError, FieldError

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Assumptions:
    daily_active_users: float
    retention_years: float
    peak_factor: float
    replication_factor: int
    cache_fraction: float
    target_utilization: float
    growth_rate: float


@dataclass(frozen=True)
class Prices:
    instance_month: dict[str, float]  # by kind
    storage_gb_month: float
    egress_gb: float


@dataclass(frozen=True)
class Step:
    key: str
    fan_out: float = 1.0
    # On a queue step: the user waits for what follows it (by default a queue ends the
    # user-facing part of the route; the steps after it still carry load).
    waits: bool = False
    # The caller waits at most timeout_ms for one attempt at this step's component (None:
    # no limit), and tries again up to `retries` more times after a failed attempt.
    timeout_ms: float | None = None
    retries: int = 0


@dataclass(frozen=True)
class Workload:
    name: str
    kind: str  # "read" or "write"
    rate: float | None
    per: str
    per_user_per_day: float | None
    request_bytes: float
    response_bytes: float
    stored_bytes: float
    media_fraction: float
    media_bytes: float
    route: tuple[Step, ...]  # the primary path: load follows it
    paths: tuple[tuple[str, ...], ...]  # every alternative path
    # The route as availability reads it: stages in series, each its alternatives (a plain
    # step is a stage of one alternative of one key).
    stages: tuple[tuple[tuple[str, ...], ...], ...]
    peak_factor: float | None
    store: str | None

    @cached_property  # read once per route solved, and routes are solved many times
    def keys(self) -> tuple[str, ...]:
        """The components on any path of the route, once each, sorted."""
        return tuple(sorted({key for path in self.paths for key in path}))


@dataclass(frozen=True)
class Component:
    key: str
    kind: str
    name: str
    instances: int
    capacity_rps: float | None
    availability: float
    redundancy: str
    k: int | None
    latency_ms: float
    hit_ratio: float
    memory_bytes: float | None
    storage_bytes: float | None
    managed: bool
    zone: str | None
    price_month: float | None  # one instance, overriding the price of its kind
    replica_of: str | None = None  # the primary this component is a replica of

    @property
    def serving_instances(self) -> int:
        """Instances that serve traffic: one for active-passive, all otherwise."""
        return 1 if self.redundancy == "active-passive" else self.instances


@dataclass(frozen=True)
class Slos:
    """What the design says it must meet; each target None (or no p99 entry) when unstated."""
    availability: float | None = None  # a fraction in (0, 1]
    p99_ms: tuple[tuple[str, float], ...] = ()  # (workload name, target ms), as written
    monthly_budget: float | None = None  # in the cost's currency

    @property
    def stated(self) -> bool:
        return self.availability is not None or bool(self.p99_ms) or \
            self.monthly_budget is not None


@dataclass(frozen=True)
class Design:
    name: str
    description: str
    requirements: dict[str, str]
    data_model: str
    api_design: str
    assumptions: Assumptions
    workloads: tuple[Workload, ...]
    components: tuple[Component, ...]
    links: tuple[tuple[str, str], ...]
    prices: Prices
    slos: Slos = Slos()

    def component(self, key: str) -> Component:
        return self.components_by_key[key]

    @cached_property  # built once per design: lookups run once per route step
    def components_by_key(self) -> dict[str, Component]:
        return {c.key: c for c in self.components}

    @cached_property
    def replica_groups(self) -> dict[str, tuple[str, ...]]:
        """Each member of a replica group, by key -> the group's keys, the primary first and
        its replicas in the order of the components. Components without replicas are absent."""
        members: dict[str, list[str]] = {}
        for c in self.components:
            if c.replica_of is not None:
                members.setdefault(c.replica_of, [c.replica_of]).append(c.key)
        return {key: tuple(group) for group in members.values() for key in group}

    def spread(self, key: str, kind: str) -> tuple[tuple[str, float], ...]:
        """Where a request of `kind` ("read" or "write") sent to `key` goes: (member, share)
        pairs. Outside a replica group the component itself; in one, writes go to the primary
        and reads spread over every member in proportion to its serving capacity (capacity_rps
        x serving instances), evenly when some member has no capacity set. A member whose
        availability is 0 (down, in a what-if) takes none; a primary down whose redundancy is
        active-passive fails over: its writes go to its first replica up."""
        memo = self._spreads
        found = memo.get((key, kind))
        if found is None:
            found = memo[(key, kind)] = self._spread(key, kind)
        return found

    @cached_property
    def _spreads(self) -> dict:
        return {}

    def _spread(self, key: str, kind: str) -> tuple[tuple[str, float], ...]:
        group = self.replica_groups.get(key)
        if group is None:
            return ((key, 1.0),)
        primary = self.component(group[0])
        up = tuple(member for member in group if self.component(member).availability > 0)
        if kind != "read":
            if primary.availability > 0 or primary.redundancy != "active-passive" or not up:
                return ((group[0], 1.0),)
            return ((up[0], 1.0),)  # the primary is down and fails over: a replica takes over
        group = up or group  # a member never up (down in a what-if) takes no reads
        members = [self.component(member) for member in group]
        capacities = [None if c.capacity_rps is None else c.capacity_rps * c.serving_instances
                      for c in members]
        total = sum(c for c in capacities if c is not None)
        if None in capacities or not total > 0:
            return tuple((member, 1.0 / len(group)) for member in group)
        return tuple((member, capacity / total)
                     for member, capacity in zip(group, capacities, strict=True))


def shown(value) -> str:
    """A value as an error message quotes it: short, and safe for any JSON value (a 5,000-digit
    integer cannot even be turned into text by default)."""
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int) and abs(value) >= 10**21:
        digits = abs(value).bit_length() * 30103 // 100000 + 1  # log10(2) = 0.30103
        return f"a number of about {digits} digits"
    if isinstance(value, int | float):
        return f"{value:g}"
    return {dict: "an object", list: "a list"}.get(type(value), type(value).__name__)


class _Checker:
    """Reads fields from one JSON object, applying defaults and recording errors."""

    def __init__(self, errors: list[FieldError], value, path: str, allowed: tuple[str, ...]):
        self.errors = errors
        self.path = path
        self.highs: dict[str, float] = {}
        self.ok = isinstance(value, dict)
        self.data = value if self.ok else {}
        if not self.ok:
            self.error("", "must be an object")
            return
        for field in value:
            if field not in allowed:
                self.error(field, f"unknown field (allowed: {', '.join(allowed)})")

    def at(self, field: str) -> str:
        if not field:
            return self.path
        return f"{self.path}.{field}" if self.path else field

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(self.at(field), message))

    def has(self, field: str) -> bool:
        return self.data.get(field) is not None

    def number(self, field, default, *, positive=False, fraction=False, integer=False,
               minimum=0.0, maximum=limits.MAX_NUMBER, required=False):
        value = self.data.get(field)
        if value is None:
            if required:
                self.error(field, "is required")
            return default
        limits_ = {"positive": positive, "fraction": fraction, "integer": integer,
                   "minimum": minimum, "maximum": maximum}
        if isinstance(value, dict):
            return self.number_range(field, value, default, limits_)
        return self.check_number(field, value, default, **limits_)

    def number_range(self, field, value: dict, default, limits_: dict):
        """{"low", "mid", "high"}: an uncertain input; the estimate uses its mid, and its high is
        kept (`highs`) for the checks that must hold wherever a sample of the range falls."""
        bounds = ("low", "mid", "high")
        if set(value) != set(bounds):
            self.error(field, 'a range has exactly "low", "mid" and "high"')
            return default
        if limits_["integer"]:
            self.error(field, "must be a whole number, not a range")
            return default
        errors_before = len(self.errors)
        low, mid, high = (self.check_number(f"{field}.{b}", value[b], None, **limits_)
                          for b in bounds)
        if len(self.errors) > errors_before:
            return default
        if not low <= mid <= high:
            self.error(field, f"needs low <= mid <= high (got {low:g}, {mid:g}, {high:g})")
            return default
        self.highs[field] = high
        return mid

    def high(self, field: str, value):
        """The largest value a field may take: its range's high, or the value itself."""
        return self.highs.get(field, value)

    def check_number(self, field, value, default, *, positive=False, fraction=False,
                     integer=False, minimum=0.0, maximum=limits.MAX_NUMBER):
        # Integers are compared, never converted: a 400-digit integer is not a float.
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(field, f"must be a number, not {shown(value)}")
        elif isinstance(value, float) and not math.isfinite(value):
            self.error(field, f"must be a finite number, at most {maximum:g} (got {value})")
        elif value > maximum:
            self.error(field, f"is too large (at most {maximum:g})")
        elif value < 0:
            self.error(field, f"must not be negative (got {shown(value)})")
        elif positive and value == 0:
            self.error(field, "must be greater than 0")
        elif 0 < value < limits.MIN_POSITIVE:
            least = "" if positive else "0 or "
            self.error(field, f"is too small: give {least}at least {limits.MIN_POSITIVE:g} "
                              f"(got {value:g})")
        elif fraction and value > 1:
            self.error(field, f"must be a fraction between 0 and 1 (got {value:g})")
        elif value < minimum:
            self.error(field, f"must be at least {minimum:g} (got {value:g})")
        elif integer and value != int(value):
            self.error(field, f"must be a whole number (got {value:g})")
        else:
            return int(value) if integer else float(value)
        return default

    def text(self, field, default="", *, required=False, max_length=limits.MAX_NAME_LENGTH,
             key=False):
        value = self.data.get(field)
        if value is None or value == "":
            if required:
                self.error(field, "is required")
            return default
        if not isinstance(value, str):
            self.error(field, "must be a string")
            return default
        if len(value) > max_length:
            self.error(field, f"is too long ({len(value)} characters, at most {max_length})")
            return default
        if "\x00" in value:  # no database stores it in text, and no person means it
            self.error(field, "must not contain the NUL character (\\u0000)")
            return default
        if key and not KEY_PATTERN.match(value):
            self.error(field, f"'{value}' may hold only letters, digits, '_' and '-'")
            return default
        return value

    def choice(self, field, choices, default=None, *, required=False):
        value = self.data.get(field)
        if value is None:
            if required:
                self.error(field, f"is required (one of: {', '.join(choices)})")
            return default
        if not isinstance(value, str) or value not in choices:
            self.error(field, f"unknown value {shown(value)} (one of: {', '.join(choices)})")
            return default
        return value

    def boolean(self, field, default=False):
        value = self.data.get(field)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(field, "must be true or false")
            return default
        return value

    def items(self, field, maximum):
        value = self.data.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(field, "must be a list")
            return []
        if len(value) > maximum:
            self.error(field, f"has {len(value)} items, at most {maximum}")
            return []
        return value


DESIGN_FIELDS = (
    "name", "description", "requirements", "data_model", "api_design", "assumptions",
    "workloads", "components", "links", "prices", "slos",
)
SLO_FIELDS = ("availability", "p99_ms", "monthly_budget")
# The interview chapter's free-text sections, for reports.
REQUIREMENT_FIELDS = ("functional", "non_functional", "extended")
ASSUMPTION_FIELDS = tuple(defaults.ASSUMPTIONS)
WORKLOAD_FIELDS = (
    "name", "kind", "rate", "per", "per_user_per_day", "request_bytes", "response_bytes",
    "stored_bytes", "media", "route", "peak_factor", "store",
)
COMPONENT_FIELDS = (
    "key", "kind", "name", "instances", "capacity_rps", "availability", "redundancy", "k",
    "latency_ms", "hit_ratio", "memory_bytes", "storage_bytes", "managed", "zone", "position",
    "notes", "price_month", "replica_of",
)


def _assumptions(errors, value) -> Assumptions:
    check = _Checker(errors, {} if value is None else value, "assumptions", ASSUMPTION_FIELDS)
    d = defaults.ASSUMPTIONS
    assumptions = Assumptions(
        daily_active_users=check.number("daily_active_users", d["daily_active_users"]),
        retention_years=check.number("retention_years", d["retention_years"], positive=True,
                                     maximum=limits.MAX_RETENTION_YEARS),
        peak_factor=check.number("peak_factor", d["peak_factor"], minimum=1.0),
        replication_factor=check.number(
            "replication_factor", d["replication_factor"], integer=True, minimum=1
        ),
        cache_fraction=check.number("cache_fraction", d["cache_fraction"], fraction=True),
        target_utilization=check.number(
            "target_utilization", d["target_utilization"], positive=True, fraction=True
        ),
        growth_rate=check.number("growth_rate", d["growth_rate"]),
    )
    _check_growth(check, assumptions)
    return assumptions


def _check_growth(check: _Checker, assumptions: Assumptions) -> None:
    """Traffic after the whole retention period of growth must stay a number the estimate can
    carry; checked at the ranges' highs, as every sample of them must pass."""
    rate = check.high("growth_rate", assumptions.growth_rate)
    years = check.high("retention_years", assumptions.retention_years)
    exponent = (math.ceil(years) - 1) * math.log10(1.0 + rate)
    if exponent > math.log10(limits.MAX_GROWTH_FACTOR):
        check.error("growth_rate", f"grows traffic about 1e{exponent:.0f}-fold over "
                                   f"{years:g} years of retention, at most "
                                   f"{limits.MAX_GROWTH_FACTOR:g}-fold: lower growth_rate "
                                   f"or retention_years")


def _prices(errors, value) -> Prices:
    """The design's prices over the defaults: per instance-month by kind, storage, egress."""
    check = _Checker(errors, {} if value is None else value, "prices",
                     ("instance_month", "storage_gb_month", "egress_gb"))
    by_kind = _Checker(errors, check.data.get("instance_month") or {},
                       "prices.instance_month", defaults.KINDS)
    instance_month = {kind: by_kind.number(kind, price)
                      for kind, price in defaults.INSTANCE_MONTH.items()}
    return Prices(
        instance_month=instance_month,
        storage_gb_month=check.number("storage_gb_month", defaults.STORAGE_GB_MONTH),
        egress_gb=check.number("egress_gb", defaults.EGRESS_GB),
    )


def _slos(errors, value, workload_names: set[str]) -> Slos:
    """The design's targets: availability a fraction in (0, 1], p99 targets in positive ms by
    the name of an existing workload, the monthly budget positive."""
    if value is None:
        return Slos()
    check = _Checker(errors, value, "slos", SLO_FIELDS)
    availability = None
    if check.has("availability"):
        availability = check.check_number("availability", check.data["availability"], None,
                                          positive=True, fraction=True)
    budget = None
    if check.has("monthly_budget"):
        budget = check.check_number("monthly_budget", check.data["monthly_budget"], None,
                                    positive=True)
    targets = []
    raw = check.data.get("p99_ms")
    if raw is not None:
        by_name = _Checker(errors, raw, "slos.p99_ms", tuple(raw) if isinstance(raw, dict) else ())
        for name, ms in by_name.data.items():
            if name not in workload_names:
                known = ", ".join(sorted(workload_names)[:10]) or "none"
                by_name.error(name, f"no workload is called {shown(name)} (workloads: {known})")
                continue
            target = by_name.check_number(name, ms, None, positive=True)
            if target is not None:
                targets.append((name, target))
    return Slos(availability=availability, p99_ms=tuple(targets), monthly_budget=budget)


def _requirements(errors, value) -> dict[str, str]:
    check = _Checker(errors, {} if value is None else value, "requirements", REQUIREMENT_FIELDS)
    return {
        field: check.text(field, max_length=limits.MAX_TEXT_LENGTH) for field in REQUIREMENT_FIELDS
    }


def _component(errors, value, path) -> Component | None:
    check = _Checker(errors, value, path, COMPONENT_FIELDS)
    if not check.ok:
        return None
    key = check.text("key", required=True, key=True)
    kind = check.choice("kind", defaults.KINDS, required=True)
    instances = check.number("instances", 1, positive=True, integer=True,
                             maximum=limits.MAX_INSTANCES)
    redundancy = check.choice("redundancy", defaults.REDUNDANCY_KINDS, defaults.REDUNDANCY)
    k = check.number("k", None, positive=True, integer=True, maximum=limits.MAX_INSTANCES)
    if redundancy == "k-of-n" and not check.has("k"):
        check.error("k", "is required when redundancy is 'k-of-n'")
    if k is not None and k > instances:
        check.error("k", f"must not exceed instances ({k} > {instances})")
    _position(check)
    check.text("notes", max_length=limits.MAX_TEXT_LENGTH)
    if not key or not kind:
        return None
    capacity_default = defaults.CAPACITY_RPS[kind]
    capacity = check.number("capacity_rps", capacity_default, positive=True)
    return Component(
        key=key,
        kind=kind,
        name=check.text("name", key),
        instances=instances,
        capacity_rps=capacity,
        availability=check.number("availability", defaults.AVAILABILITY[kind], fraction=True),
        redundancy=redundancy,
        k=k if redundancy == "k-of-n" else None,
        latency_ms=check.number("latency_ms", defaults.LATENCY_MS[kind]),
        hit_ratio=check.number("hit_ratio", defaults.HIT_RATIO.get(kind, 0.0), fraction=True),
        memory_bytes=check.number("memory_bytes", None),
        storage_bytes=check.number("storage_bytes", None),
        managed=check.boolean("managed"),
        zone=check.text("zone", None),
        price_month=check.number("price_month", None),
        replica_of=check.text("replica_of", None, key=True),
    )


def _position(check: _Checker) -> None:
    value = check.data.get("position")
    if value is None:
        return
    position = _Checker(check.errors, value, check.at("position"), ("x", "y"))
    for axis in ("x", "y"):
        raw = position.data.get(axis)
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not (
                -limits.MAX_NUMBER <= raw <= limits.MAX_NUMBER):  # NaN compares False too
            position.error(axis, f"must be a number from {-limits.MAX_NUMBER:g} "
                                 f"to {limits.MAX_NUMBER:g}")


STEP_FIELDS = ("key", "fan_out", "waits", "timeout_ms", "retries")


def _step(errors: list[FieldError], raw, path: str, keys: dict[str, str]) -> Step | None:
    """One route step: a key, or {"key": ..., "fan_out": N, "waits": true, "timeout_ms": T,
    "retries": R}. `keys`: each component's kind by its key."""
    timeout_ms, retries = None, 0
    if isinstance(raw, str):
        key, fan_out, waits = raw, 1.0, False
    else:
        step = _Checker(errors, raw, path, STEP_FIELDS)
        if not step.ok:
            return None
        key = step.text("key", required=True)
        fan_out = step.number("fan_out", 1.0, positive=True)
        waits = step.boolean("waits")
        timeout_ms = step.number("timeout_ms", None, positive=True,
                                 maximum=limits.MAX_TIMEOUT_MS)
        retries = step.number("retries", 0, integer=True, maximum=limits.MAX_RETRIES)
    if key and key not in keys:
        errors.append(FieldError(path, f"unknown component '{key}'"))
        return None
    if waits and key and keys[key] != "queue":
        errors.append(FieldError(f"{path}.waits", f"only a queue step can say the user waits "
                                                  f"for what follows it ('{key}' is a "
                                                  f"{keys[key]})"))
        return None
    return Step(key, fan_out, waits, timeout_ms, retries) if key else None


def _alternatives(errors, raw: dict, path: str, keys: dict[str, str]) -> list[list[Step]]:
    """{"any_of": [[steps], [steps], ...]}: two or more alternative sub-routes."""
    check = _Checker(errors, raw, path, ("any_of",))
    options = check.data.get("any_of")
    if not isinstance(options, list) or len(options) < 2:
        check.error("any_of", "must list at least two alternatives, each a list of steps")
        return []
    if len(options) > limits.MAX_ROUTE_PATHS:
        check.error("any_of", f"has {len(options):,} alternatives, at most "
                              f"{limits.MAX_ROUTE_PATHS:,}")
        return []
    parsed = []
    for index, option in enumerate(options):
        where = check.at(f"any_of[{index}]")
        if not isinstance(option, list) or not option:
            errors.append(FieldError(where, "must be a non-empty list of steps"))
            continue
        if len(option) > limits.MAX_ROUTE_STEPS:
            errors.append(FieldError(where, f"has {len(option):,} steps, at most "
                                            f"{limits.MAX_ROUTE_STEPS}"))
            continue
        steps = []
        for position, raw_step in enumerate(option):
            if isinstance(raw_step, dict) and "any_of" in raw_step:
                errors.append(FieldError(f"{where}[{position}]", "alternatives cannot be nested"))
                continue
            step = _step(errors, raw_step, f"{where}[{position}]", keys)
            if step is not None:
                steps.append(step)
        parsed.append(steps)
    return parsed


def _route(check: _Checker, keys: dict[str, str]):
    """The primary route (load follows the first alternative), every alternative path, and
    the route's stages."""
    primary: list[Step] = []
    paths: list[list[str]] = [[]]
    stages: list[tuple[tuple[str, ...], ...]] = []
    errors_before = len(check.errors)
    raw_primary = []  # (where, raw step) along the primary route, for the fan-out check
    for index, raw in enumerate(check.items("route", limits.MAX_ROUTE_STEPS)):
        path = check.at(f"route[{index}]")
        if isinstance(raw, dict) and "any_of" in raw:
            options = _alternatives(check.errors, raw, path, keys)
            if not options:
                continue
            # Checked before the paths are built: they multiply.
            if len(paths) * len(options) > limits.MAX_ROUTE_PATHS:
                check.errors.append(FieldError(
                    path, f"the alternatives make over {limits.MAX_ROUTE_PATHS:,} paths"))
                return tuple(primary), (), ()
            if max(map(len, paths)) + max(map(len, options)) > limits.MAX_ROUTE_STEPS:
                check.errors.append(FieldError(
                    path, f"a path through the alternatives is over {limits.MAX_ROUTE_STEPS} "
                          f"steps long"))
                return tuple(primary), (), ()
            primary += options[0]
            first = raw["any_of"][0]
            raw_primary += [(path, step) for step in first] if isinstance(first, list) else []
            paths = [p + [s.key for s in option] for p in paths for option in options]
            stages.append(tuple(tuple(s.key for s in option) for option in options))
            continue
        step = _step(check.errors, raw, path, keys)
        if step is not None:
            primary.append(step)
            raw_primary.append((path, raw))
            paths = [p + [step.key] for p in paths]
            stages.append(((step.key,),))
    if len(check.errors) == errors_before:
        _check_fan_out(check.errors, raw_primary)
    return tuple(primary), tuple(tuple(p) for p in paths), tuple(stages)


def _fan_out_high(raw_step) -> float:
    """The largest fan-out a validated raw step may take (a range's high)."""
    value = raw_step.get("fan_out") if isinstance(raw_step, dict) else None
    if isinstance(value, dict):
        value = value["high"]
    return 1.0 if value is None else float(value)


def _check_fan_out(errors: list[FieldError], raw_primary) -> None:
    """The fan-outs along the primary route multiply; their product must stay bounded."""
    product = 1.0
    for where, raw_step in raw_primary:
        product *= _fan_out_high(raw_step)
        if product > limits.MAX_ROUTE_FAN_OUT:
            errors.append(FieldError(where, f"the fan-outs up to this step multiply to "
                                            f"{product:g}, at most {limits.MAX_ROUTE_FAN_OUT:g}"))
            return


def _workload(errors, value, path, keys: dict[str, str]) -> Workload | None:
    check = _Checker(errors, value, path, WORKLOAD_FIELDS)
    if not check.ok:
        return None
    name = check.text("name", required=True)
    kind = check.choice("kind", ("read", "write"), required=True)
    has_rate, has_per_user = check.has("rate"), check.has("per_user_per_day")
    if has_rate == has_per_user:
        check.error("rate", "give exactly one of 'rate' (with 'per') and 'per_user_per_day'")
    if check.has("per") and not has_rate:
        check.error("per", "goes with 'rate'")
    request_bytes = check.number("request_bytes", 0.0)
    stored_default = request_bytes if kind == "write" else 0.0
    media = _Checker(errors, check.data.get("media") or {}, check.at("media"),
                     ("fraction", "bytes"))
    store = check.text("store", None)
    if store is not None and store not in keys:
        check.error("store", f"unknown component '{store}'")
    route, paths, stages = _route(check, keys)
    workload = Workload(
        name=name,
        kind=kind,
        rate=check.number("rate", None),
        per=check.choice("per", tuple(defaults.PERIOD_SECONDS), "second"),
        per_user_per_day=check.number("per_user_per_day", None),
        request_bytes=request_bytes,
        response_bytes=check.number("response_bytes", 0.0),
        stored_bytes=check.number("stored_bytes", stored_default),
        media_fraction=media.number("fraction", 0.0, fraction=True),
        media_bytes=media.number("bytes", 0.0),
        route=route,
        paths=paths,
        stages=stages,
        peak_factor=check.number("peak_factor", None, minimum=1.0),
        store=store if store in keys else None,
    )
    return workload if name and kind else None


def _links(errors, items, keys: dict[str, str]) -> tuple[tuple[str, str], ...]:
    links, seen = [], set()
    for index, raw in enumerate(items):
        check = _Checker(errors, raw, f"links[{index}]", ("from", "to", "label"))
        if not check.ok:
            continue
        ends = [check.text(end, required=True) for end in ("from", "to")]
        check.text("label")
        for end, key in zip(("from", "to"), ends, strict=True):
            if key and key not in keys:
                check.error(end, f"unknown component '{key}'")
        pair = tuple(ends)
        if ends[0] and ends[0] == ends[1]:
            check.error("to", f"a link cannot join '{ends[0]}' to itself")
        elif pair in seen:
            check.error("", f"duplicate link {ends[0]} -> {ends[1]}")
        elif all(key in keys for key in ends):
            seen.add(pair)
            links.append(pair)
    return tuple(links)


def _check_path_steps(errors: list[FieldError], workloads: list[Workload]) -> None:
    """Availability walks every path of every route: their steps in all are bounded."""
    total = sum(len(path) for workload in workloads for path in workload.paths)
    if total > limits.MAX_PATH_STEPS:
        errors.append(FieldError("workloads", f"the routes make {total:,} steps over all their "
                                              f"paths, at most {limits.MAX_PATH_STEPS:,}"))


def _unique(errors, items, field, label) -> None:
    seen: dict[str, int] = {}
    for item in items:
        value = getattr(item[1], field)
        if value in seen:
            errors.append(FieldError(f"{label}[{item[0]}].{field}",
                                     f"duplicate {field} '{value}' (also {label}[{seen[value]}])"))
        else:
            seen[value] = item[0]


def _check_replicas(errors: list[FieldError], components) -> None:
    """`replica_of` names another component of the same kind that is itself a primary (a
    replica of a replica is refused, so no group can hold a cycle)."""
    by_key = {c.key: c for _, c in components}
    for index, c in components:
        primary_key = c.replica_of
        if primary_key is None:
            continue
        path = f"components[{index}].replica_of"
        primary = by_key.get(primary_key)
        if primary_key == c.key:
            errors.append(FieldError(path, f"a component cannot be a replica of itself "
                                           f"('{c.key}')"))
        elif primary is None:
            errors.append(FieldError(path, f"unknown component '{primary_key}'"))
        elif primary.kind != c.kind:
            errors.append(FieldError(path, f"must name a component of the same kind "
                                           f"('{primary_key}' is a {primary.kind}, "
                                           f"'{c.key}' a {c.kind})"))
        elif primary.replica_of is not None:
            errors.append(FieldError(path, f"'{primary_key}' is itself a replica (of "
                                           f"'{primary.replica_of}'): name the primary"))


class Parts:
    """What reading a document's components, workloads and links gave, by the identity of
    the objects read: when many copies of one document differ in a few values (uncertainty
    samples copy only what their ranges touch), a part a copy shares with the original is not
    read again. Only parts read without an error are kept."""

    def __init__(self):
        self._read: dict[int, tuple] = {}

    def read(self, raw, errors: list[FieldError], reader):
        kept = self._read.get(id(raw))
        if kept is not None and kept[0] is raw:  # the same object, not one at a reused address
            return kept[1]
        before = len(errors)
        value = reader()
        if len(errors) == before:
            self._read[id(raw)] = (raw, value)
        return value


def _read_each(parts: Parts | None, errors, raw, reader):
    return reader() if parts is None else parts.read(raw, errors, reader)


def collect(document, parts: Parts | None = None) -> tuple[Design | None, list[FieldError]]:
    """The design and every error found; the design is None when there are errors. `parts`
    remembers what was read, for reading copies of the document (see Parts)."""
    errors: list[FieldError] = []
    check = _Checker(errors, document, "", DESIGN_FIELDS)
    if not check.ok:
        return None, errors
    name = check.text("name", required=True)
    description = check.text("description", max_length=limits.MAX_TEXT_LENGTH)
    requirements = _requirements(errors, check.data.get("requirements"))
    data_model = check.text("data_model", max_length=limits.MAX_TEXT_LENGTH)
    api_design = check.text("api_design", max_length=limits.MAX_TEXT_LENGTH)
    assumptions = _assumptions(errors, check.data.get("assumptions"))
    raw_components = check.items("components", limits.MAX_COMPONENTS)
    indexed = [(i, _read_each(parts, errors, c, lambda c=c, i=i: _component(
        errors, c, f"components[{i}]"))) for i, c in enumerate(raw_components)]
    components = [(i, c) for i, c in indexed if c is not None]
    _unique(errors, components, "key", "components")
    keys = {c.key: c.kind for _, c in components}  # the kinds, for route steps that wait
    _check_replicas(errors, components)
    raw_workloads = check.items("workloads", limits.MAX_WORKLOADS)
    indexed_w = [(i, _read_each(parts, errors, w, lambda w=w, i=i: _workload(
        errors, w, f"workloads[{i}]", keys))) for i, w in enumerate(raw_workloads)]
    workloads = [(i, w) for i, w in indexed_w if w is not None]
    _unique(errors, workloads, "name", "workloads")
    _check_path_steps(errors, [w for _, w in workloads])
    raw_links = check.items("links", limits.MAX_LINKS)
    links = _read_each(parts, errors, raw_links, lambda: _links(errors, raw_links, keys))
    prices = _prices(errors, check.data.get("prices"))
    names = {w["name"] for w in raw_workloads if isinstance(w, dict) and isinstance(
        w.get("name"), str)}
    slos = _slos(errors, check.data.get("slos"), names)
    if errors:
        return None, errors
    design = Design(
        name=name,
        description=description,
        requirements=requirements,
        data_model=data_model,
        api_design=api_design,
        assumptions=assumptions,
        workloads=tuple(w for _, w in workloads),
        components=tuple(c for _, c in components),
        links=links,
        prices=prices,
        slos=slos,
    )
    return design, []


def document_bytes(document) -> int:
    """The size the limit applies to: the document as compact UTF-8 JSON, as it is stored."""
    return len(json.dumps(document, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=True).encode("utf-8", "surrogatepass"))


def size_error(document) -> FieldError | None:
    """The document over MAX_DOCUMENT_BYTES, or None (also when it cannot be encoded at all,
    a 5,000-digit integer say: validation then names the field)."""
    try:
        size = document_bytes(document)
    except (ValueError, TypeError, RecursionError):
        return None
    if size <= limits.MAX_DOCUMENT_BYTES:
        return None
    return FieldError("", f"document is {size:,} bytes, at most {limits.MAX_DOCUMENT_BYTES:,}")


def validate(document) -> list[FieldError]:
    """Every error of the document, its size included (what saving checks)."""
    too_large = size_error(document)
    if too_large is not None:
        return [too_large]
    return collect(document)[1]


def parse_design(document, parts: Parts | None = None) -> Design:
    design, errors = collect(document, parts)
    if errors:
        raise DesignError(errors)
    return design


def parse_json(text: str | bytes) -> dict:
    """A design document from JSON text, within the size limit."""
    size = len(text.encode() if isinstance(text, str) else text)
    if size > limits.MAX_DOCUMENT_BYTES:
        raise DesignError([FieldError("", f"document is {size:,} bytes, "
                                          f"at most {limits.MAX_DOCUMENT_BYTES:,}")])
    document = jsontext.loads(text)
    if not isinstance(document, dict):
        raise DesignError([FieldError("", "must be a JSON object")])
    return document
