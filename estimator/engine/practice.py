"""Practice mode: read a user's own estimates and score them against the engine's.

Pure Python, like the rest of the engine; the page (what the design gives, the reveal)
is estimator.present.practice. Estimates are typed the way people say them in
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

from estimator.engine import limits
from estimator.engine.result import EstimateView

WITHIN_2X = "within 2x"
WITHIN_10X = "within an order of magnitude"
OFF = "off"
SCORES = (WITHIN_2X, WITHIN_10X, OFF)
# A ratio a hair over 2 (0.002 / 0.001 computed as 1 - 0.998 over 1 - 0.999) is still 2.
_TOLERANCE = 1e-9


# The figures practice asks for, by their key in forms and stored attempts: where the
# estimate document keeps each (also its derivation's key). Their labels, units and
# examples are the practice page's (estimator.present.practice).
FIGURE_PATHS = {
    "total_rps": "traffic.total_rps",
    "storage_per_day": "storage.bytes_per_day",
    "storage_total": "storage.bytes_total",
    "ingress": "bandwidth.ingress_bytes_per_s",
    "egress": "bandwidth.egress_bytes_per_s",
    "cache_per_day": "cache.bytes_per_day",
    "availability": "availability.overall",
}
# Scored on unavailability (see the module's docstring).
AVAILABILITY_PATHS = {"availability.overall"}

# ---- parsing --------------------------------------------------------------------------------
# The messages name units in words, never an example figure: a practice page shows them, and
# any fixed figure is near some design's answer (issue 15: "4K", "6 TB" were the URL
# shortener's own).

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
            raise ValueError(f"{text!r}: write commas only between thousands, "
                             "and a dot for decimals")
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
        raise ValueError(f"{text!r}: give the rate per second (with /s or nothing), "
                         f"not per {period.group(1).lower()}")
    if multiplier is None:
        raise ValueError(f"{text!r}: unknown unit {rest!r} for requests per second "
                         "(write a number, with K, M or B, and /s or nothing)")
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
        units = "KB/s, MB/s, GB/s, or Mbps for bits" if per_second else "KB, MB, GB, TB or PB"
        raise ValueError(f"{text!r}: unknown unit {rest!r} (write a number with {units})")
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
        raise ValueError(f"{text!r}: write an availability as a percentage, a fraction "
                         "or a number of nines")
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


def actual(estimate: EstimateView | dict, key: str) -> float:
    """The estimate's figure for a practice key."""
    return EstimateView.of(estimate).figure(FIGURE_PATHS[key])


def grade(guesses: dict[str, float], estimate: EstimateView | dict) -> dict[str, str]:
    """The score of each guess (by figure key) against the estimate (its view, or the
    document, read here once)."""
    unknown = sorted(set(guesses) - set(FIGURE_PATHS))
    if unknown:
        raise ValueError(f"unknown figures: {', '.join(unknown)}")
    view = EstimateView.of(estimate)
    return {
        key: score(guesses[key], actual(view, key),
                   availability=path in AVAILABILITY_PATHS)
        for key, path in FIGURE_PATHS.items() if key in guesses
    }


def tally(scores: dict[str, str]) -> dict[str, int]:
    """How many scores were within 2x, within 10x (but not 2x), and off."""
    found = list(scores.values())
    return {"within_2x": found.count(WITHIN_2X), "within_10x": found.count(WITHIN_10X),
            "off": found.count(OFF), "total": len(found)}
