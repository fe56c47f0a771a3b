"""Practice mode: read a user's own estimates, score them against the engine's, reveal the work.

Pure Python, like the rest of the engine. Estimates are typed the way people say them in
an interview ("4K", "12,000", "6 TB", "35GB", "2 MB/s", "99.9%", "0.999") and parsed by
`parse_figure`. The scoring rule (`score`): the ratio between the guess and the actual
figure, max(guess / actual, actual / guess), is

- at most 2: "within 2x" (exactly 2x counts),
- at most 10: "within an order of magnitude" (exactly 10x counts),
- more: "off".

Availability is scored on unavailability, 1 - availability: 99.9% against 99.99% is ten
times the downtime, although both figures read "about 100%". A figure that is zero scores
"within 2x" only against a guess of zero, and "off" against anything else.
"""

import math
import re
from dataclasses import dataclass

from estimator.engine import limits
from estimator.engine.derivations import number
from estimator.engine.model import Design, parse_design
from estimator.present.units import fmt_bytes, fmt_count, fmt_percent

WITHIN_2X = "within 2x"
WITHIN_10X = "within an order of magnitude"
OFF = "off"
SCORES = (WITHIN_2X, WITHIN_10X, OFF)
# A ratio a hair over 2 (0.002 / 0.001 computed as 1 - 0.998 over 1 - 0.999) is still 2.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Figure:
    """One figure to estimate: its key in forms and attempts, where the estimate document
    keeps it (also its derivation's key), its unit and an example of how to type it."""

    key: str
    label: str
    unit: str  # rate, bytes, bytes_rate or fraction
    path: tuple[str, str]
    example: str

    @property
    def derivation_key(self) -> str:
        return ".".join(self.path)


FIGURES = (
    Figure("total_rps", "Requests per second", "rate", ("traffic", "total_rps"), "4K"),
    Figure("storage_per_day", "Storage per day", "bytes", ("storage", "bytes_per_day"), "2 GB"),
    Figure("storage_total", "Storage over the period", "bytes", ("storage", "bytes_total"), "6 TB"),
    Figure("ingress", "Incoming bandwidth", "bytes_rate",
           ("bandwidth", "ingress_bytes_per_s"), "20 KB/s"),
    Figure("egress", "Outgoing bandwidth", "bytes_rate",
           ("bandwidth", "egress_bytes_per_s"), "2 MB/s"),
    Figure("cache_per_day", "Cache per day", "bytes", ("cache", "bytes_per_day"), "35 GB"),
    Figure("availability", "Availability", "fraction", ("availability", "overall"), "99.9%"),
)
FIGURES_BY_KEY = {figure.key: figure for figure in FIGURES}

UNIT_WORDS = {
    "rate": "requests per second",
    "bytes": "bytes",
    "bytes_rate": "bytes per second",
    "fraction": "availability",
}

# ---- parsing --------------------------------------------------------------------------------

_NUMBER = re.compile(r"^([-+]?[\d,]*\.?\d*(?:e[-+]?\d+)?)\s*(.*)$", re.IGNORECASE | re.DOTALL)
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?:e[-+]?\d+)?$", re.IGNORECASE)
COUNT_SUFFIXES = {
    "": 1, "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12,
}
RATE_SUFFIXES = (
    "requests per second", "requests/s", "req/s", "per second", "/second", "/sec", "/s",
    "rps", "qps",
)
PER_SECOND = ("per second", "/second", "/sec", "/s", "ps")
BYTE_PREFIXES = {"": 1, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15, "e": 1e18}
BINARY_PREFIXES = {prefix: 1024 ** (i + 1) for i, prefix in enumerate("kmgtpe")}
_BYTE_UNIT = re.compile(r"^([kmgtpe]?)(i?)(?:bytes?|b)?$", re.IGNORECASE)
_BITS = re.compile(r"^([kKmMgGtTpPeE]?)(?:bps|[bB]its?(?:/s| per second)?|bit/s)$")


def _number(text: str) -> tuple[float, str]:
    """The leading number (12,000 or 1.5e3) and the rest of the text, lower-cased."""
    match = _NUMBER.match(text)
    digits, rest = match.groups()
    if not any(c.isdigit() for c in digits):
        raise ValueError(f"{text!r} does not start with a number")
    if "," in digits:
        if not _GROUPED.match(digits):
            raise ValueError(f"{text!r}: write commas only between thousands (1,500), "
                             "and a dot for decimals (1.5)")
        digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        raise ValueError(f"{text!r} does not start with a number") from None
    if value < 0:
        raise ValueError(f"{text!r}: an estimate cannot be negative")
    return value, rest.strip()


def _strip_suffix(text: str, suffixes: tuple[str, ...]) -> tuple[str, bool]:
    lowered = text.lower()
    for suffix in suffixes:
        if lowered.endswith(suffix):
            return text[: len(text) - len(suffix)].strip(), True
    return text, False


def _rate(text: str) -> float:
    value, rest = _number(text)
    rest, _ = _strip_suffix(rest, RATE_SUFFIXES)
    multiplier = COUNT_SUFFIXES.get(rest.lower())
    period = re.search(r"(?:/|per )\s*(min|hour|day|week|month|year)", rest, re.IGNORECASE)
    if multiplier is None and period:
        raise ValueError(f"{text!r}: give the rate per second (e.g. 4K/s), "
                         f"not per {period.group(1).lower()}")
    if multiplier is None:
        raise ValueError(f"{text!r}: unknown unit {rest!r} for requests per second "
                         "(write e.g. 4K, 12,000, 3.5M or 4K/s)")
    return value * multiplier


def _bytes(text: str, *, per_second: bool) -> float:
    value, rest = _number(text)
    bits = _BITS.match(rest) if per_second else None
    if bits:  # only when said so: 100 Mbps, 1 Gbit/s (MB/s and MBps are bytes)
        return value * BYTE_PREFIXES[bits.group(1).lower()] / 8
    if per_second:
        rest, _ = _strip_suffix(rest, PER_SECOND)
    match = _BYTE_UNIT.match(rest)
    if match is None:
        example = "2 MB/s, 500 KB/s or 100 Mbps" if per_second else "6 TB, 35GB or 500 MB"
        raise ValueError(f"{text!r}: unknown unit {rest!r} (write e.g. {example})")
    prefix, binary = match.group(1).lower(), match.group(2)
    if binary and not prefix:
        raise ValueError(f"{text!r}: unknown unit {rest!r}")
    return value * (BINARY_PREFIXES[prefix] if binary else BYTE_PREFIXES[prefix])


def _fraction(text: str) -> float:
    value, rest = _number(text)
    lowered = rest.lower()
    if lowered == "%":
        value /= 100
    elif lowered in ("nine", "nines"):
        value = 1 - 10 ** -value
    elif lowered:
        raise ValueError(f"{text!r}: write an availability as 99.9%, 0.999 or 3 nines")
    elif 1 < value <= 100:
        value /= 100  # "99.9" means 99.9%
    if not 0 <= value <= 1:
        raise ValueError(f"{text!r}: an availability is between 0% and 100%")
    return value


def parse_figure(text: str, unit: str) -> float:
    """A figure as people write it, in raw units: requests per second (`rate`), bytes
    (`bytes`), bytes per second (`bytes_rate`) or a fraction (`fraction`).

    rate: 4K, 12,000, 3.5M, 1.2e4, 4K/s, 400 rps. bytes: 6 TB, 35GB, 500 MB, 1.5 TiB, a
    bare number of bytes. bytes_rate: the same with or without /s; bits when written so
    (100 Mbps, 1 Gbit/s). fraction: 99.9%, 0.999, 99.9 (a number over 1 is a percentage),
    3 nines. Decimal units (1 KB = 1,000 bytes), as the estimates use. Raises ValueError
    with a message that names the problem.
    """
    text = (text or "").strip()
    if not text:
        raise ValueError("enter an estimate")
    if unit == "rate":
        value = _rate(text)
    elif unit in ("bytes", "bytes_rate"):
        value = _bytes(text, per_second=unit == "bytes_rate")
    elif unit == "fraction":
        value = _fraction(text)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    if not math.isfinite(value) or value > limits.MAX_NUMBER:
        raise ValueError(f"{text!r} is too large")
    return value


# ---- scoring --------------------------------------------------------------------------------


def score(guess: float, actual: float, *, availability: bool = False) -> str:
    """"within 2x", "within an order of magnitude" or "off": see the module's docstring."""
    if availability:
        guess, actual = max(1 - guess, 0.0), max(1 - actual, 0.0)
    if guess < 0 or actual < 0:
        raise ValueError("figures cannot be negative")
    if guess == actual:
        return WITHIN_2X
    if guess == 0 or actual == 0:
        return OFF
    ratio = max(guess / actual, actual / guess)
    if ratio <= 2 * (1 + _TOLERANCE):
        return WITHIN_2X
    if ratio <= 10 * (1 + _TOLERANCE):
        return WITHIN_10X
    return OFF


def actual(estimate: dict, figure: Figure) -> float:
    section, name = figure.path
    return estimate[section][name]


def grade(guesses: dict[str, float], estimate: dict) -> dict[str, str]:
    """The score of each guess (by figure key) against the estimate document."""
    unknown = sorted(set(guesses) - set(FIGURES_BY_KEY))
    if unknown:
        raise ValueError(f"unknown figures: {', '.join(unknown)}")
    return {
        figure.key: score(guesses[figure.key], actual(estimate, figure),
                          availability=figure.unit == "fraction")
        for figure in FIGURES if figure.key in guesses
    }


def tally(scores: dict[str, str]) -> dict[str, int]:
    """How many scores were within 2x, within 10x (but not 2x), and off."""
    found = list(scores.values())
    return {"within_2x": found.count(WITHIN_2X), "within_10x": found.count(WITHIN_10X),
            "off": found.count(OFF), "total": len(found)}


# ---- the practice page ----------------------------------------------------------------------


def format_figure(value: float, unit: str) -> str:
    """A parsed guess as the estimates show figures: 12K/s, 6 TB, 2 MB/s, 99.9%."""
    if unit == "rate":
        return f"{fmt_count(value)}/s"
    if unit == "bytes":
        return fmt_bytes(value)
    if unit == "bytes_rate":
        return f"{fmt_bytes(value)}/s"
    return fmt_percent(value, 6)


SCORE_LEVELS = {WITHIN_2X: "good", WITHIN_10X: "close", OFF: "off"}


def reveal(guesses: dict[str, float], scores: dict[str, str], estimate: dict) -> list[dict]:
    """Each figure after an attempt: the guess, its score, the actual figure (exact and
    rounded) and its derivation ({} for an estimate stored before derivations existed)."""
    by_key = {d["key"]: d for d in estimate.get("derivations", [])}
    rows = []
    for figure in FIGURES:
        guess = guesses.get(figure.key)
        derivation = by_key.get(figure.derivation_key, {})
        rows.append({
            "key": figure.key,
            "label": figure.label,
            "guess": None if guess is None else format_figure(guess, figure.unit),
            "score": scores.get(figure.key),
            "level": SCORE_LEVELS.get(scores.get(figure.key), "none"),
            "exact": derivation.get("exact") or format_figure(actual(estimate, figure),
                                                              figure.unit),
            "rounded": derivation.get("rounded", ""),
            "derivation": derivation,
        })
    return rows


ASSUMPTION_LABELS = {
    "daily_active_users": ("Daily active users", "{} users a day"),
    "retention_years": ("Retention", "{} years"),
    "peak_factor": ("Peak factor", "peak = {} x average"),
    "replication_factor": ("Replication", "{} copies of each stored byte"),
    "cache_fraction": ("Cache share", "{} of a day's reads"),
    "target_utilization": ("Target utilisation", "{} of capacity at peak"),
}
REQUIREMENT_LABELS = {
    "functional": "Functional requirements",
    "non_functional": "Non-functional requirements",
    "extended": "Extended requirements",
}


def _assumption_rows(design: Design, document: dict) -> list[dict]:
    given = document.get("assumptions") or {}
    rows = []
    for name, (label, form) in ASSUMPTION_LABELS.items():
        value = getattr(design.assumptions, name)
        shown = f"{value:.0%}" if name in ("cache_fraction", "target_utilization") else number(
            value)
        if name == "daily_active_users" and not value:
            form = "not stated: the rates are given directly"
        if name == "replication_factor" and value == 1:
            form = "1 copy of each stored byte"
        rows.append({"label": label, "value": form.format(shown), "default": name not in given})
    return rows


def _size(value: float) -> str:
    return "—" if not value else fmt_bytes(value)


def _workload_rows(design: Design) -> list[dict]:
    rows = []
    for w in design.workloads:
        rate = (f"{number(w.per_user_per_day)} per user per day" if w.per_user_per_day
                is not None else f"{number(w.rate)} per {w.per}")
        media = (f"{w.media_fraction:.0%} of writes upload {fmt_bytes(w.media_bytes)}"
                 if w.media_fraction and w.media_bytes else "")
        steps = [s.key if s.fan_out == 1 else f"{s.key} (x{number(s.fan_out)})" for s in w.route]
        rows.append({
            "name": w.name, "kind": w.kind, "rate": rate,
            "request": _size(w.request_bytes), "response": _size(w.response_bytes),
            "stored": _size(w.stored_bytes) if w.kind == "write" else "—", "media": media,
            "peak_factor": "" if w.peak_factor is None else f"{number(w.peak_factor)}x",
            "route": " → ".join(steps),
        })
    return rows


def _component_rows(design: Design) -> list[dict]:
    rows = []
    for c in design.components:
        redundancy = f"{c.k} of {c.instances}" if c.redundancy == "k-of-n" else c.redundancy
        rows.append({
            "key": c.key, "name": c.name, "kind": c.kind, "instances": c.instances,
            "redundancy": redundancy, "availability": fmt_percent(c.availability, 6),
            "hit_ratio": f"{c.hit_ratio:.0%}" if c.hit_ratio else "", "managed": c.managed,
        })
    return rows


def given(document: dict) -> dict:
    """What the design states, without any computed figure: its requirements, assumptions
    (defaults marked), workloads as given and components. Raises DesignError."""
    design = parse_design(document)
    requirements = [
        {"label": label, "text": design.requirements.get(name, "")}
        for name, label in REQUIREMENT_LABELS.items() if design.requirements.get(name)
    ]
    return {
        "requirements": requirements,
        "assumptions": _assumption_rows(design, document),
        "workloads": _workload_rows(design),
        "components": _component_rows(design),
    }
