"""Uncertain inputs and sensitive ones.

Any numeric input may be a range `{"low", "mid", "high"}`; the estimate uses
the mid. A seeded Monte Carlo run samples every range from a triangular
distribution (mode at mid) and reports P10/P50/P90 of each headline figure:
the same design and seed give the same figures. Sensitivity (of every headline figure but
requests served and the served share) moves each traffic
assumption and workload figure the document states (not defaults; whole-number
counts excepted; at most 40 inputs, none past 1,000 components) by -10% and
+10% and ranks the inputs by how far each headline figure swings; for
fractions that are availabilities it moves the unavailability instead, so
99.9% becomes 99.89% and 99.91%.
"""

import dataclasses
import random

from estimator.engine.arith import ratio
from estimator.engine.compare import HEADLINE_PATHS, figure
from estimator.engine.limits import MIN_POSITIVE
from estimator.present.figures import HEADLINE_FIGURES

DEFAULT_SEED = 20_261_121
SAMPLES = 200
MIN_SAMPLES = 20
# Components and route steps times samples, at most (about 5 s of re-estimates at the most).
SAMPLE_WORK = 2_000_000
MAX_SENSITIVITY_INPUTS = 40
# Sensitivity re-estimates the design twice per input: past this size it is skipped.
MAX_SENSITIVITY_COMPONENTS = 1_000
TOP = 5
RANGE_KEYS = {"low", "mid", "high"}
SKIPPED = {"position", "x", "y"}
# Sensitivity moves these (whole-number counts such as the replication factor excepted).
ASSUMPTION_INPUTS = ("daily_active_users", "retention_years", "peak_factor", "cache_fraction",
                     "target_utilization", "growth_rate")
WORKLOAD_INPUTS = ("rate", "per_user_per_day", "request_bytes", "response_bytes",
                   "stored_bytes", "media_fraction", "media_bytes", "peak_factor")
FRACTIONS = {"cache_fraction", "target_utilization", "media_fraction"}
# The stored document names each figure of uncertainty["figures"] (docs/design-document.md)
# with the catalogue's label.
DOCUMENT_LABELS = {figure.path: figure.label for figure in HEADLINE_FIGURES}
# Sensitivity leaves these out: each of its re-estimates would need the overload walk
# (repeated until the shares settle), doubling its time on large designs.
SERVED_PATHS = ("availability.requests_served", "overload.served_share")
SWUNG_PATHS = tuple(path for path in HEADLINE_PATHS if path not in SERVED_PATHS)


def _is_range(value) -> bool:
    return isinstance(value, dict) and set(value) == RANGE_KEYS


def _walk(value, path=()):
    """(path, value) of every number and range in a design document."""
    if _is_range(value):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED:
                yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield path, value


def label(path) -> str:
    """workloads[0].rate style, as validation messages name fields."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _headlines(document, estimate_core) -> dict:
    result = estimate_core(document)
    return {key: figure(result, key) for key in HEADLINE_PATHS}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def _with(document: dict, changes) -> dict:
    """The document with each (path, value) of `changes` set, copying only the objects and
    lists on those paths: a sample of a large design costs what its ranges touch."""
    root = dict(document)
    copies = {(): root}
    for path, value in changes:
        target = root
        for depth in range(1, len(path)):
            prefix = path[:depth]
            if prefix not in copies:
                original = target[path[depth - 1]]
                copies[prefix] = list(original) if isinstance(original, list) else dict(original)
                target[path[depth - 1]] = copies[prefix]
            target = copies[prefix]
        target[path[-1]] = value
    return root


def _sample(rng: random.Random, r: dict) -> float:
    value = rng.triangular(r["low"], r["high"], r["mid"])
    # Below the smallest figure validation takes, a sample of a range from 0 is 0.
    return 0.0 if value < MIN_POSITIVE else value


def sample_count(document: dict, samples: int = SAMPLES) -> int:
    """Samples for this document: SAMPLES, fewer for large designs (each sample validates
    and re-estimates the whole design), never under MIN_SAMPLES."""
    size = len(document.get("components") or ()) + sum(
        len(w.get("route") or ()) + 1 for w in document.get("workloads") or ()
        if isinstance(w, dict))
    return max(MIN_SAMPLES, min(samples, SAMPLE_WORK // max(1, size)))


def monte_carlo(document: dict, estimate_core, *, seed=DEFAULT_SEED, samples=SAMPLES) -> dict:
    ranges = [(path, value) for path, value in _walk(document) if _is_range(value)]
    if not ranges:
        return {"seed": seed, "samples": 0, "inputs": [], "figures": []}
    rng = random.Random(seed)
    samples = sample_count(document, samples)
    runs: dict[str, list[float]] = {key: [] for key in HEADLINE_PATHS}
    for _ in range(samples):
        sampled = _with(document, [(path, _sample(rng, r)) for path, r in ranges])
        for key, value in _headlines(sampled, estimate_core).items():
            if value is not None:
                runs[key].append(value)
    return {
        "seed": seed,
        "samples": samples,
        "inputs": [label(path) for path, _ in ranges],
        "figures": [
            {"key": key, "label": DOCUMENT_LABELS[key], "p10": _percentile(runs[key], 0.1),
             "p50": _percentile(runs[key], 0.5), "p90": _percentile(runs[key], 0.9)}
            for key in HEADLINE_PATHS if runs[key]
        ],
    }


def _moved(name: str, value: float, factor: float) -> float:
    if name == "availability":
        return 1.0 - (1.0 - value) * factor
    moved = value * factor
    return min(moved, 1.0) if name in FRACTIONS else moved


def _inputs(design):
    """(label, replace(design, value) -> design, value) for each traffic assumption and
    workload figure that is set: the inputs sensitivity moves."""
    found = []
    for name in ASSUMPTION_INPUTS:
        value = getattr(design.assumptions, name)
        if value:
            def apply(d, v, name=name):
                return dataclasses.replace(
                    d, assumptions=dataclasses.replace(d.assumptions, **{name: v}))
            found.append((f"assumptions.{name}", name, apply, value))
    for index, workload in enumerate(design.workloads):
        for name in WORKLOAD_INPUTS:
            value = getattr(workload, name)
            if value:
                def apply(d, v, index=index, name=name):
                    workloads = list(d.workloads)
                    workloads[index] = dataclasses.replace(workloads[index], **{name: v})
                    return dataclasses.replace(d, workloads=tuple(workloads))
                found.append((f"workloads[{index}].{name}", name, apply, value))
    return found[:MAX_SENSITIVITY_INPUTS]


def sensitivity(design, estimate_core_design) -> dict:
    if len(design.components) > MAX_SENSITIVITY_COMPONENTS:
        return {"change": 0.1, "inputs_checked": 0, "figures": [],
                "skipped": f"over {MAX_SENSITIVITY_COMPONENTS:,} components"}

    def headlines(changed) -> dict:
        result = estimate_core_design(changed)
        return {key: figure(result, key) for key in SWUNG_PATHS}

    base = headlines(design)
    swings: dict[str, list[dict]] = {key: [] for key in base}
    inputs = _inputs(design)
    for label_, name, apply, value in inputs:
        low_run = headlines(apply(design, _moved(name, value, 0.9)))
        high_run = headlines(apply(design, _moved(name, value, 1.1)))
        for key, at_base in base.items():
            low, high = low_run[key], high_run[key]
            if None in (low, high, at_base) or low == high:
                continue
            swing = ratio(abs(high - low), abs(at_base)) if at_base else abs(high - low)
            if swing is None:
                continue
            swings[key].append({"input": label_, "low": low, "high": high, "swing": swing})
    return {
        "change": 0.1,
        "inputs_checked": len(inputs),
        "figures": [
            {"key": key, "drivers": sorted(rows, key=lambda r: -r["swing"])[:TOP]}
            for key, rows in swings.items()
        ],
    }
