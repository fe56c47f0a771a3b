"""The practice page: the figures to estimate, what the design gives, and the reveal.

Parsing a typed guess, scoring and grading are the engine's (estimator.engine.practice);
they are named here too, so that the page calls one module.
"""

import dataclasses
from dataclasses import dataclass

from estimator.engine.model import Design, parse_design
from estimator.engine.practice import (  # noqa: F401 (the page's names for the engine's)
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
    unit, path) and an example of how to type it."""

    key: str
    figure: figures.Figure
    example: str

    @property
    def label(self) -> str:
        return self.figure.label

    @property
    def unit(self) -> str:
        return self.figure.unit

    @property
    def derivation_key(self) -> str:
        return self.figure.derivation_key


EXAMPLES = {"total_rps": "4K", "storage_per_day": "2 GB", "storage_total": "6 TB",
            "ingress": "20 KB/s", "egress": "2 MB/s", "cache_per_day": "35 GB",
            "availability": "99.9%"}
FIGURES = tuple(PracticeFigure(key, figures.figure(path), EXAMPLES[key])
                for key, path in FIGURE_PATHS.items())
FIGURES_BY_KEY = {figure.key: figure for figure in FIGURES}

UNIT_WORDS = {
    "rate": "requests per second",
    "bytes": "bytes",
    "bytes_rate": "bytes per second",
    "fraction": "availability",
}


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
