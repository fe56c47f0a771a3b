"""The practice page: the figures to estimate, what the design gives, and the reveal.

Parsing a typed guess, scoring and grading are the engine's (estimator.engine.practice);
they are named here too, so that the page calls one module.
"""

import dataclasses
import re
from dataclasses import dataclass

from estimator.engine.model import Design, parse_design
from estimator.engine.practice import (  # noqa: F401 (the page's names for the engine's)
    AVAILABILITY_PATHS,
    BINARY_PREFIXES,
    BYTE_PREFIXES,
    COUNT_SUFFIXES,
    FIGURE_PATHS,
    OFF,
    SCORES,
    WITHIN_2X,
    WITHIN_10X,
    actual,
    grade,
    parse_figure,
    score,
    tally,
)
from estimator.engine.result import EstimateView
from estimator.present import figures, patterns
from estimator.present.units import fmt_bytes, fmt_count, fmt_input, fmt_percent


@dataclass(frozen=True)
class PracticeFigure:
    """One figure to estimate: its key in forms and attempts, the catalogue's figure (label,
    unit, path) and how to type it (FORMAT_HINTS)."""

    key: str
    figure: figures.Figure
    format_hint: str

    @property
    def label(self) -> str:
        return self.figure.label

    @property
    def unit(self) -> str:
        return self.figure.unit

    @property
    def derivation_key(self) -> str:
        return self.figure.derivation_key


# How to type each figure, in words and without a number. The examples were once the URL
# shortener's own answers ("4K", "6 TB": six of seven typed as shown scored within 2x), and
# no number can be safe: one fixed for every design lands near some design's answer, and one
# chosen per design to stay 10x away tells the candidate where the answer is not (a ladder
# of candidates skipped near the answer points at it). The units are what the field needs.
UNIT_WORDS = {
    "rate": "requests per second",
    "bytes": "bytes",
    "bytes_rate": "bytes per second",
    "fraction": "availability",
}
FORMAT_HINTS = {
    "rate": "a number, with K, M or B for thousand, million, billion; /s optional",
    "bytes": "a number with KB, MB, GB, TB or PB",
    "bytes_rate": "a number with KB/s, MB/s, GB/s, or bits as Mbps, Gbps",
    "fraction": "a percentage with its nines, or the same as a fraction",
}
FIGURES = tuple(PracticeFigure(key, figures.figure(path),
                               FORMAT_HINTS[figures.figure(path).unit])
                for key, path in FIGURE_PATHS.items())
FIGURES_BY_KEY = {figure.key: figure for figure in FIGURES}


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


def reveal(guesses: dict[str, float], scores: dict[str, str],
           estimate: EstimateView | dict) -> list[dict]:
    """Each figure after an attempt: the guess, its score, the actual figure (exact and
    rounded), its derivation ({} for a figure without one) and the patterns that move it
    (what to read next, from the pattern library)."""
    view = EstimateView.of(estimate)
    rows = []
    for figure in FIGURES:
        guess = guesses.get(figure.key)
        derivation = view.derivation(figure.derivation_key)
        exact = format_figure(view.figure(figure.figure.path), figure.unit)
        rows.append({
            "key": figure.key,
            "label": figure.label,
            "guess": None if guess is None else format_figure(guess, figure.unit),
            "score": scores.get(figure.key),
            "level": SCORE_LEVELS.get(scores.get(figure.key), "none"),
            "exact": derivation.exact if derivation and derivation.exact else exact,
            "rounded": derivation.rounded if derivation else "",
            "derivation": dataclasses.asdict(derivation) if derivation else {},
            "patterns": [{"name": p.name, "slug": p.slug}
                         for p in patterns.patterns_moving(figure.key)],
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
        shown = f"{value:.0%}" if name in ("cache_fraction", "target_utilization") else fmt_input(
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
        rate = (f"{fmt_input(w.per_user_per_day)} per user per day" if w.per_user_per_day
                is not None else f"{fmt_input(w.rate)} per {w.per}")
        media = (f"{w.media_fraction:.0%} of writes upload {fmt_bytes(w.media_bytes)}"
                 if w.media_fraction and w.media_bytes else "")
        steps = [s.key if s.fan_out == 1 else f"{s.key} (x{fmt_input(s.fan_out)})"
                 for s in w.route]
        rows.append({
            "name": w.name, "kind": w.kind, "rate": rate,
            "request": _size(w.request_bytes), "response": _size(w.response_bytes),
            "stored": _size(w.stored_bytes) if w.kind == "write" else "—", "media": media,
            "peak_factor": "" if w.peak_factor is None else f"{fmt_input(w.peak_factor)}x",
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


# ---- figures the design's free texts give away ---------------------------------------------
#
# A design's description and requirements are written for the design page, so they may state
# what practice asks for: Twitter's "a high request throughput (12K requests/s)". Such a
# figure, when within 2x of an asked one (the band the scorer calls "within 2x"), is hidden,
# and every rate is.
# Counts per day or month, sizes of one request and the like stay: they are what the
# candidate works from. The tables of workloads, assumptions and components are never
# touched: they are the inputs as given.

HIDDEN = "[hidden: you estimate this]"

_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w.,])~?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?![\d,])")
# What may follow a number, tried in this order (bytes per second before a rate, so that
# "100 B/s" is bytes; a rate before bytes, so that "12B requests/s" is a rate).
_BITS_RATE = re.compile(r"\s?([kKmMgGtTpP]?)(?:bps|b/s|bits?/s|bits? per second)\b")
_BYTES_RATE = re.compile(
    r"\s?([kKmMgGtTpPeE]?)(i?)(?:B|[bB]ytes?)(?:/s\b|/sec\b|ps\b|\s?per second\b|\s?a second\b)")
_RATE = re.compile(
    r"\s?(k|m|b|bn|thousand|million|billion)?\s?(?:[a-z]+\s?)?"
    r"(?:/s\b|/sec\b|/second\b|per second\b|a second\b|rps\b|qps\b)", re.IGNORECASE)
_BYTES = re.compile(r"\s?([kKmMgGtTpPeE]?)(i?)(?:B|[bB]ytes?)\b")
_PERCENT = re.compile(r"\s?%")
# "8.76 hours down a year" is 99.9% said as downtime.
_DOWNTIME = re.compile(
    r"\s?(second|minute|hour|day)s? (?:down|of downtime) (?:a|per) (year|month)\b")
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400, "month": 30 * 86_400,
            "year": 365 * 86_400}


def _byte_multiplier(prefix: str, binary: str) -> float:
    prefix = prefix.lower()
    return BINARY_PREFIXES[prefix] if binary and prefix else BYTE_PREFIXES[prefix]


def figures_in_text(text: str) -> list[tuple[int, int, str, float]]:
    """Each figure with a unit in a free text: (start, end, unit, value), the unit one of
    the catalogue's ("rate", "bytes", "bytes_rate", "fraction"). "12K requests/s" is a rate
    of 12,000; "6 TB" bytes; "2 MB/s" and "100 Mbps" bytes per second; "99.9%" and "8.76
    hours down a year" the fraction 0.999. A bare number, or a count per day or month, is
    none."""
    found = []
    for match in _NUMBER_IN_TEXT.finditer(text):
        number = float(match.group(1).replace(",", ""))
        tail_at = match.end()
        if bits := _BITS_RATE.match(text, tail_at):
            found.append((match.start(), bits.end(), "bytes_rate",
                          number * BYTE_PREFIXES[bits.group(1).lower()] / 8))
        elif rate_bytes := _BYTES_RATE.match(text, tail_at):
            found.append((match.start(), rate_bytes.end(), "bytes_rate",
                          number * _byte_multiplier(rate_bytes.group(1), rate_bytes.group(2))))
        elif rate := _RATE.match(text, tail_at):
            found.append((match.start(), rate.end(), "rate",
                          number * COUNT_SUFFIXES[(rate.group(1) or "").lower()]))
        elif size := _BYTES.match(text, tail_at):
            found.append((match.start(), size.end(), "bytes",
                          number * _byte_multiplier(size.group(1), size.group(2))))
        elif percent := _PERCENT.match(text, tail_at):
            found.append((match.start(), percent.end(), "fraction", number / 100))
        elif down := _DOWNTIME.match(text, tail_at):
            share = number * _SECONDS[down.group(1)] / _SECONDS[down.group(2)]
            found.append((match.start(), down.end(), "fraction", max(1 - share, 0.0)))
    return found


def asked_figures(estimate: EstimateView | dict) -> list[tuple[str, str, float]]:
    """The figures practice asks for in this estimate: (key, unit, value)."""
    view = EstimateView.of(estimate)
    return [(f.key, f.unit, view.figure(f.figure.path)) for f in FIGURES]


# Rates (requests or bytes a second) in a free text are what practice computes from the
# counts a day it gives, never an input: any of them is hidden there. Twitter's "12K
# requests/s" is its writes, 5x under its total once the timeline reads count, and still
# half the working.
ALWAYS_HIDDEN_UNITS = frozenset({"rate", "bytes_rate"})


def gives_away(unit: str, value: float, asked: list[tuple[str, str, float]]) -> bool:
    """Whether a figure typed as a guess would score within 2x of an asked one of its unit."""
    return any(
        score(value, answer, availability=FIGURE_PATHS[key] in AVAILABILITY_PATHS) == WITHIN_2X
        for key, asked_unit, answer in asked if asked_unit == unit
    )


def hide_asked_figures(text: str, asked: list[tuple[str, str, float]]) -> str:
    """The text with every figure that gives an asked one away replaced by HIDDEN."""
    parts, last = [], 0
    for start, end, unit, value in figures_in_text(text):
        if unit in ALWAYS_HIDDEN_UNITS or gives_away(unit, value, asked):
            parts += [text[last:start], HIDDEN]
            last = end
    return "".join(parts) + text[last:]


def given(document: dict, estimate: EstimateView | dict | None = None) -> dict:
    """What the design states, without any computed figure: its description and
    requirements (with the figures that give an asked one away hidden, when the estimate is
    given), assumptions (defaults marked), workloads as given and components. Raises
    DesignError."""
    design = parse_design(document)
    asked = asked_figures(estimate) if estimate is not None else []

    def shown(text: str) -> str:
        return hide_asked_figures(text, asked) if asked else text

    requirements = [
        {"label": label, "text": shown(design.requirements.get(name, ""))}
        for name, label in REQUIREMENT_LABELS.items() if design.requirements.get(name)
    ]
    return {
        "description": shown(design.description),
        "requirements": requirements,
        "assumptions": _assumption_rows(design, document),
        "workloads": _workload_rows(design),
        "components": _component_rows(design),
    }
