"""The compare page: several estimates' headline figures side by side, with each one's
difference to the base written as text ("+12% / +3.4K/s").

The base is the first design with workloads: a design without any has nothing estimated
(estimator.present.empty), so its values are None and nothing is measured against it."""

import math
import sys

from estimator.engine import compare
from estimator.engine.result import EstimateView
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE, nothing_estimated
from estimator.present.figures import figure, format_value
from estimator.present.units import (
    NO_VALUE,
    finite,
    fmt_bytes,
    fmt_count,
    fmt_money,
    fmt_ms,
    fmt_number,
    fmt_percent,
)

NO_DIFFERENCE = {"absolute": None, "relative": None}


def estimated(estimates: list[EstimateView | dict]) -> list[bool]:
    """Which of these estimates have figures to compare: those of designs with workloads."""
    return [not nothing_estimated(estimate) for estimate in estimates]


def base_index(flags: list[bool]) -> int | None:
    """The base's place among the designs: the first one estimated (None when none is)."""
    return flags.index(True) if True in flags else None


def _spread(row: dict, flags: list[bool]) -> dict:
    """A row of the estimated designs only, widened to every design: None where a design has
    nothing estimated."""
    values, differences = iter(row["values"]), iter(row["differences"])
    return {**row,
            "values": [next(values) if flag else None for flag in flags],
            "differences": [next(differences) if flag else dict(NO_DIFFERENCE)
                            for flag in flags]}


def compare_all(estimates: list[EstimateView | dict]) -> list[dict]:
    """estimator.engine.compare.compare_all rows of the designs with workloads, against the
    first of them, each with its figure's label and unit; a design without workloads keeps
    its place with None values and no difference."""
    views = [EstimateView.of(estimate) for estimate in estimates]
    flags = estimated(views)
    rows = compare.compare_all([view for view, flag in zip(views, flags, strict=True) if flag])
    return [{"key": row["key"], "label": figure(row["key"]).label,
             "unit": figure(row["key"]).unit, **_spread(row, flags)}
            for row in rows]


def _signed(value: float, text: str) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "±") + text


def _absolute_change(value: float, unit: str) -> str:
    size = abs(value)
    if unit == "rate":
        return _signed(value, fmt_count(size) + "/s")
    if unit == "bytes":
        return _signed(value, fmt_bytes(size))
    if unit == "bytes_rate":
        return _signed(value, fmt_bytes(size) + "/s")
    if unit == "fraction":  # percentage points: a relative change of 99.9% says little
        return _signed(value, fmt_percent(size, 6).rstrip("%") + " pp")
    if unit == "money":
        return _signed(value, fmt_money(size))
    if unit == "ms":
        return _signed(value, fmt_ms(size))
    return _signed(value, fmt_number(size, ",.2f"))


def _relative_change(relative: float) -> str:
    """+12%, -3.4%, +494%, +0.05%: three significant figures at most, no exponents."""
    percent = min(abs(relative) * 100, sys.float_info.max)
    places = 0 if percent >= 100 or percent == 0 else min(4, 2 - math.floor(math.log10(percent)))
    text = fmt_number(percent, f",.{max(places, 0)}f")
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return _signed(relative, text + "%")


def _negligible(absolute: float, relative: float | None, unit: str) -> bool:
    """A change too small to show (under the places the page prints): float noise, such as
    two designs whose availabilities are equal but multiplied in another order."""
    if unit == "fraction":
        return abs(absolute) < 5e-9  # fmt_percent(.., 6) shows 0.000001%
    if relative is not None:
        return abs(relative) < 5e-7  # _relative_change shows 0.0001%
    return abs(absolute) < 1e-9


def format_difference(difference: dict, unit: str) -> dict:
    """A compare difference ({"absolute", "relative"}) as text and a direction
    (up, down, same, or none when unknown): "+12% / +3.4K/s"."""
    absolute, relative = finite(difference["absolute"]), finite(difference["relative"])
    if absolute is None:
        return {"text": NO_VALUE, "direction": "none"}
    if _negligible(absolute, relative, unit):
        return {"text": "same", "direction": "same"}
    parts = [_absolute_change(absolute, unit)]
    if relative is not None and unit != "fraction":
        parts.insert(0, _relative_change(relative))
    return {"text": " / ".join(parts), "direction": "up" if absolute > 0 else "down"}


# The cell of a design without workloads: the sentence, said once for its whole column.
NOTHING_CELL = {"value": "", "text": NOTHING_ESTIMATED_SENTENCE, "direction": "nothing"}


def _compare_cells(row: dict, unit: str, flags: list[bool]) -> list[dict]:
    base = {"text": "base", "direction": "base"}
    pairs = zip(row["values"], row["differences"], flags, strict=True)
    first = base_index(flags)
    return [
        {"value": format_value(value, unit),
         **(base if index == first else format_difference(difference, unit))}
        if flag else dict(NOTHING_CELL)
        for index, (value, difference, flag) in enumerate(pairs)
    ]


def compare_table(figures: list[dict], flags: list[bool] | None = None) -> list[dict]:
    """compare_all rows as text: each design's value and, but for the base, its difference
    to the base; a design not estimated (flags, by default every design is) gets
    NOTHING_CELL. Labels and units from the catalogue."""
    return [
        {"key": row["key"], "label": figure(row["key"]).label,
         "cells": _compare_cells(row, figure(row["key"]).unit,
                                 flags if flags is not None else [True] * len(row["values"]))}
        for row in figures
    ]
