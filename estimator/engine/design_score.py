"""Design practice: how a candidate's design holds against a problem (issue 15).

The candidate's design is judged under the problem's load, not its own: each of its
workloads is scaled so that its reads and writes a day, the bytes a day its writes keep and
the bytes its reads return match the problem's reference design, with the problem's
retention, peak factor and SLOs. A design that counted a tenth of the traffic is judged on
the whole of it (its own counts are scored apart, as the interview's estimates step). The
estimate of that design (the engine's, as the design page's) then answers each check:

- `load`: every request served at peak, nothing over the utilisation target;
- `availability`, `p99`, `budget`: the problem's SLOs (a p99 target applies to the
  candidate's workload of the same name, else to each of its workloads of that kind at the
  most lenient target the problem sets for the kind);
- `write_path_spof`: no single point of failure on any write workload's route;
- `storage`: every component that keeps data states its storage, enough for the period.

And the interview chapter's steps, as a rubric (`steps`): requirements, estimates (the
design's own traffic against the problem's), data model, API, high-level design (the kinds of
component the reference relies on) and bottlenecks (none reported under the problem's load).

Plain data out (keys, points, statuses and the facts behind them); the sentences are the
presentation layer's (estimator.present.design_practice). Pure Python: no Django.
"""

import copy
import math

from estimator.engine.errors import DesignError
from estimator.engine.estimate import estimate_live
from estimator.engine.model import parse_design
from estimator.engine.result import EstimateView, Traffic
from estimator.engine.version import ENGINE_VERSION

# (key, points): the engine's checks of the design under the problem's load, then the
# interview's steps. 100 in all.
CHECK_POINTS = (
    ("load", 20), ("availability", 15), ("p99", 15), ("budget", 10),
    ("write_path_spof", 10), ("storage", 10),
)
STEP_POINTS = (
    ("requirements", 4), ("estimates", 4), ("data_model", 3), ("api_design", 3),
    ("high_level", 3), ("bottlenecks", 3),
)
MET, PARTLY, MISSED = "met", "partly", "missed"
# The estimates step: the design's own reads and writes a day against the problem's.
WITHIN_2X, WITHIN_10X = 2.0, 10.0
# A text counts as written from this many words (a heading alone does not).
MIN_WORDS = 5
# The kinds of component whose presence the high-level step looks for, as the reference has
# them; a load balancer and an API gateway both stand at the entry.
ENTRY_KINDS = {"load_balancer", "api_gateway"}
KEY_KINDS = ("entry", "cdn", "cache", "queue", "database", "object_store", "search", "worker")
STORE_KINDS = {"database", "object_store", "search"}
# Bottleneck kinds a finished design should not leave (low_availability only names the
# least available component).
ISSUE_KINDS = ("saturated", "over_target", "spof", "storage", "memory", "retries")


def _view(document: dict) -> EstimateView:
    """The estimate the page's live canvas makes (no uncertainty runs, no derivations)."""
    return EstimateView.from_document(estimate_live(document))


def _share(value: float, total: float) -> float | None:
    return value / total if total > 0 else None


def _scaled(value, factor: float):
    """A figure (a number, or a range {low, mid, high}) times factor."""
    if isinstance(value, dict):
        return {part: number * factor for part, number in value.items()}
    return value * factor


def _read_bytes_per_s(design, estimate: EstimateView) -> float:
    """Bytes a second the design's reads return, on average."""
    rates = {row.name: row.rps for row in estimate.traffic.workloads}
    return sum(rates[w.name] * w.response_bytes for w in design.workloads if w.kind == "read")


def _kept_per_day(estimate: EstimateView) -> float:
    """Bytes a day the writes keep, one copy."""
    storage = estimate.storage
    return storage.bytes_per_day / max(storage.replication_factor, 1)


def _p99_targets(candidate_design, reference_design) -> dict[str, float]:
    """The problem's p99 targets as the candidate's workloads take them (see the module)."""
    reference_targets = dict(reference_design.slos.p99_ms)
    kinds = {w.name: w.kind for w in reference_design.workloads}
    by_kind: dict[str, float] = {}
    for name, target in reference_targets.items():
        by_kind[kinds[name]] = max(by_kind.get(kinds[name], 0.0), target)
    lenient = max(reference_targets.values(), default=None)
    targets = {}
    for workload in candidate_design.workloads:
        target = reference_targets.get(workload.name, by_kind.get(workload.kind, lenient))
        if target is not None:
            targets[workload.name] = target
    return targets


def under_problem_load(candidate: dict, candidate_estimate: EstimateView | dict,
                       reference: dict, reference_estimate: EstimateView | dict
                       ) -> tuple[dict, dict]:
    """The candidate's document scaled to the problem's traffic, retention, peak and SLOs,
    and the factors applied (None where the candidate has nothing to scale)."""
    candidate_estimate = EstimateView.of(candidate_estimate)
    reference_estimate = EstimateView.of(reference_estimate)
    design, reference_design = parse_design(candidate), parse_design(reference)
    problem, own = reference_estimate.traffic, candidate_estimate.traffic
    factors = {
        "reads": _share(problem.reads_per_day, own.reads_per_day),
        "writes": _share(problem.writes_per_day, own.writes_per_day),
    }
    kept = _kept_per_day(candidate_estimate) * (factors["writes"] or 1.0)
    factors["stored_bytes"] = _share(_kept_per_day(reference_estimate), kept)
    returned = _read_bytes_per_s(design, candidate_estimate) * (factors["reads"] or 1.0)
    factors["response_bytes"] = _share(
        _read_bytes_per_s(reference_design, reference_estimate), returned)

    loaded = copy.deepcopy(candidate)
    for workload in loaded.get("workloads", []):
        writes = workload["kind"] == "write"
        rate = factors["writes" if writes else "reads"]
        if rate is not None:
            field = "rate" if "rate" in workload else "per_user_per_day"
            workload[field] = _scaled(workload[field], rate)
        if writes and factors["stored_bytes"] is not None:
            workload["stored_bytes"] = _scaled(
                workload.get("stored_bytes", workload.get("request_bytes", 0)),
                factors["stored_bytes"])
            if "media" in workload:
                workload["media"]["bytes"] = _scaled(workload["media"]["bytes"],
                                                     factors["stored_bytes"])
        if not writes and factors["response_bytes"] is not None:
            workload["response_bytes"] = _scaled(workload.get("response_bytes", 0),
                                                 factors["response_bytes"])
    assumptions = loaded.setdefault("assumptions", {})
    assumptions["retention_years"] = reference_design.assumptions.retention_years
    assumptions["peak_factor"] = reference_design.assumptions.peak_factor
    slos = {}
    if reference_design.slos.availability is not None:
        slos["availability"] = reference_design.slos.availability
    if targets := _p99_targets(design, reference_design):
        slos["p99_ms"] = targets
    if reference_design.slos.monthly_budget is not None:
        slos["monthly_budget"] = reference_design.slos.monthly_budget
    loaded["slos"] = slos
    return loaded, factors


def _item(key: str, points_max: float, share: float, details: dict) -> dict:
    status = MET if share >= 1 else MISSED if share <= 0 else PARTLY
    return {"key": key, "points": round(points_max * share, 1), "max": points_max,
            "status": status, "details": details}


def _names(estimate: EstimateView) -> dict[str, str]:
    return {row.key: row.name for row in estimate.components}


def _load_check(points: float, estimate: EstimateView, target: float, missing: list[str]) -> dict:
    rows = estimate.components
    saturated = [{"key": r.key, "name": r.name, "utilization": r.utilization}
                 for r in rows if r.capacity_rps is not None
                 and (r.utilization is None or r.utilization > 1)]
    over = [{"key": r.key, "name": r.name, "utilization": r.utilization}
            for r in rows if r.capacity_rps is not None and r.utilization is not None
            and target < r.utilization <= 1]
    served = estimate.overload.served_share
    share = 0.0 if missing or saturated or served < 0.9999 else 0.5 if over else 1.0
    return _item("load", points, share, {
        "missing_kinds": missing,
        "served_share": served, "saturated": saturated, "over_target": over,
        "target_utilization": target, "peak_rps": estimate.traffic.peak_rps})


def _slo_checks(estimate: EstimateView, missing: list[str], no_traffic: bool) -> list[dict]:
    """The SLO rows; a kind of traffic the design does not carry misses the availability
    target (none of it is served) and a p99 target, and with no traffic at all the budget
    too (a design that serves nothing costs nothing)."""
    rows = estimate.slos
    points = dict(CHECK_POINTS)
    checks = []
    for kind, key in (("availability", "availability"), ("budget", "budget")):
        row = next((r for r in rows if r.kind == kind), None)
        details = {"target": None, "actual": None, "stated": row is not None}
        if row is not None:
            details.update(target=row.target, actual=row.actual)
            if kind == "availability":
                details["improve_first"] = estimate.importance.improve_first
                # Importance ignores overload: when requests are shed, say so instead.
                details["shed"] = estimate.overload.served_share < 0.9999
        details["missing_kinds"] = missing
        unserved = bool(missing) if kind == "availability" else no_traffic
        share = 0.0 if unserved else 1.0 if row is None or row.met else 0.0
        checks.append(_item(key, points[key], share, details))
    p99_rows = [r for r in rows if r.kind == "p99"]
    missed = [{"workload": r.workload, "target": r.target, "actual": r.actual}
              for r in p99_rows if not r.met]
    missed += [{"workload": None, "kind": kind, "target": None, "actual": None}
               for kind in missing]
    checked = len(p99_rows) + len(missing)
    share = 1.0 if not checked else (checked - len(missed)) / checked
    checks.insert(1, _item("p99", points["p99"], share,
                           {"missed": missed, "checked": checked}))
    return checks


def _spof_check(points: float, design, estimate: EstimateView, problem_writes: bool) -> dict:
    writes = [w for w in design.workloads if w.kind == "write"]
    on_write_path = {key for w in writes for key in w.keys}
    names = _names(estimate)
    spofs = [{"key": r.key, "name": names[r.key]} for r in estimate.components
             if r.spof and r.key in on_write_path]
    no_write_path = problem_writes and not writes
    share = 0.0 if spofs or no_write_path else 1.0
    return _item("write_path_spof", points, share,
                 {"spofs": spofs, "no_write_path": no_write_path})


def _storage_check(points: float, estimate: EstimateView, problem_keeps: bool) -> dict:
    keeping = [r for r in estimate.components if (r.stored_bytes_total or 0) > 0]
    short = [{"key": r.key, "name": r.name, "kept": r.stored_bytes_total,
              "storage": r.storage_bytes} for r in keeping
             if r.storage_bytes is not None and r.storage_bytes < r.stored_bytes_total]
    unsized = [{"key": r.key, "name": r.name, "kept": r.stored_bytes_total}
               for r in keeping if r.storage_bytes is None]
    nothing_kept = problem_keeps and not keeping
    share = 0.0 if short or nothing_kept else 0.5 if unsized else 1.0
    return _item("storage", points, share, {
        "short": short, "unsized": unsized, "nothing_kept": nothing_kept,
        "years": estimate.storage.years})


def _words(text: str) -> int:
    return len(text.split())


def _text_step(key: str, points: float, texts: dict[str, str]) -> dict:
    missing = [name for name, text in texts.items() if _words(text) < MIN_WORDS]
    return _item(key, points, (len(texts) - len(missing)) / len(texts), {"missing": missing})


def _ratio(own: float, problem: float) -> float | None:
    """How far off (at least 1), None when one side is nothing and the other is not."""
    if own <= 0 or problem <= 0:
        return 1.0 if own == problem else None
    return max(own / problem, problem / own)


def _estimates_step(points: float, own: Traffic, problem: Traffic) -> dict:
    ratios = {kind: _ratio(getattr(own, f"{kind}_per_day"), getattr(problem, f"{kind}_per_day"))
              for kind in ("reads", "writes")}
    shares = [1.0 if r is not None and r <= WITHIN_2X else 0.5
              if r is not None and r <= WITHIN_10X else 0.0 for r in ratios.values()]
    details = {f"{kind}_per_day": getattr(own, f"{kind}_per_day") for kind in ("reads", "writes")}
    details.update({f"problem_{kind}_per_day": getattr(problem, f"{kind}_per_day")
                    for kind in ("reads", "writes")})
    details["ratios"] = ratios
    return _item("estimates", points, sum(shares) / len(shares), details)


def _kind_classes(estimate: EstimateView) -> set[str]:
    """The key kinds among the components that carry load."""
    kinds = set()
    for row in estimate.components:
        if row.kind != "client" and (row.peak_load_rps or 0) > 0:
            kinds.add("entry" if row.kind in ENTRY_KINDS else row.kind)
    return kinds & set(KEY_KINDS)


def _high_level_step(points: float, estimate: EstimateView,
                     reference_estimate: EstimateView) -> dict:
    expected = _kind_classes(reference_estimate)
    present = _kind_classes(estimate)
    missing = [kind for kind in KEY_KINDS if kind in expected - present]
    share = 1.0 if not expected else (len(expected) - len(missing)) / len(expected)
    return _item("high_level", points, share, {"missing_kinds": missing})


def _bottlenecks_step(points: float, estimate: EstimateView, no_traffic: bool) -> dict:
    """None reported under the problem's load (nothing to report of a design carrying no
    traffic: no points either)."""
    names = _names(estimate)
    issues = [{"kind": b.kind, "key": b.component, "name": names.get(b.component, "")}
              for b in estimate.bottlenecks if b.kind in ISSUE_KINDS]
    share = 0.0 if no_traffic else max(0.0, 1.0 - len(issues) / 3)
    return _item("bottlenecks", points, share, {"issues": issues, "no_traffic": no_traffic})


def score_design(candidate: dict, reference: dict) -> dict:
    """How the candidate's design document holds against the problem whose reference design
    is given (see the module). Raises DesignError when the candidate is not a valid design
    (the reference must be one)."""
    reference_estimate = _view(reference)
    own_estimate = _view(candidate)
    problem = reference_estimate.traffic
    loaded, factors = under_problem_load(candidate, own_estimate, reference, reference_estimate)
    try:
        estimate = _view(loaded)
    except DesignError:
        # Scaling passed a limit (a design counting a billionth of the traffic): judged on
        # its own figures, which the result says.
        estimate, loaded_ok = own_estimate, False
    else:
        loaded_ok = True
    design = parse_design(loaded if loaded_ok else candidate)
    target = design.assumptions.target_utilization
    reference_design = parse_design(reference)
    points = dict(CHECK_POINTS)
    own = own_estimate.traffic
    missing = [kind for kind in ("reads", "writes")
               if getattr(problem, f"{kind}_per_day") > 0 and getattr(own, f"{kind}_per_day") <= 0]
    no_traffic = own.reads_per_day <= 0 and own.writes_per_day <= 0
    checks = [
        _load_check(points["load"], estimate, target, missing),
        *_slo_checks(estimate, missing, no_traffic),
        _spof_check(points["write_path_spof"], design, estimate, problem.writes_per_day > 0),
        _storage_check(points["storage"], estimate,
                       reference_estimate.storage.bytes_per_day > 0),
    ]
    # In STEP_POINTS' order (unpacked: "bottlenecks" is also an estimate section's name).
    (requirements_max, estimates_max, data_model_max, api_max, high_level_max,
     bottlenecks_max) = (points for _, points in STEP_POINTS)
    requirements = candidate.get("requirements", {})
    steps = [
        _text_step("requirements", requirements_max, {
            "functional": requirements.get("functional", ""),
            "non_functional": requirements.get("non_functional", "")}),
        _estimates_step(estimates_max, own_estimate.traffic, problem),
        _text_step("data_model", data_model_max,
                   {"data_model": candidate.get("data_model", "")}),
        _text_step("api_design", api_max,
                   {"api_design": candidate.get("api_design", "")}),
        _high_level_step(high_level_max, estimate, reference_estimate),
        _bottlenecks_step(bottlenecks_max, estimate, no_traffic),
    ]
    total = sum(item["points"] for item in checks + steps)
    return {
        "engine_version": ENGINE_VERSION,
        "score": int(math.floor(total + 0.5)),
        "max": sum(p for _, p in CHECK_POINTS + STEP_POINTS),
        "checks": checks,
        "steps": steps,
        "factors": factors,
        "under_problem_load": loaded_ok,
        "problem": {"reads_per_day": problem.reads_per_day,
                    "writes_per_day": problem.writes_per_day,
                    "peak_rps": problem.peak_rps,
                    "years": reference_design.assumptions.retention_years},
        "figures": {
            "peak_rps": estimate.traffic.peak_rps,
            "requests_served": estimate.availability.requests_served,
            "cost_month": estimate.cost.total_month,
            "currency": estimate.cost.currency,
        },
    }
