"""Human-readable figures in decimal units, exact and handbook-style rounded.

The handbook rounds to one significant figure ("~4K/s") and keeps two when
the leading digit is 1 or 2 ("~12K/s", "~23K/s"), so that rounding never
moves a figure by more than about 25%.
"""

import math

BYTE_UNITS = ("B", "KB", "MB", "GB", "TB", "PB", "EB")
COUNT_UNITS = ("", "K", "M", "B", "T")


def _scaled(value: float, units: tuple[str, ...]) -> tuple[float, str]:
    index = 0
    while abs(value) >= 1000 and index < len(units) - 1:
        value /= 1000
        index += 1
    return value, units[index]


def _three_digits(value: float) -> str:
    if value == int(value) and abs(value) < 1000:
        return str(int(value))
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def round_interview(value: float) -> float:
    """Round to one significant figure, or two when the leading digit is 1 or 2."""
    if value == 0 or not math.isfinite(value):
        return value
    exponent = math.floor(math.log10(abs(value)))
    leading = abs(value) / 10**exponent
    digits = 2 if leading < 3 else 1
    return round(value, digits - 1 - exponent)


def fmt_bytes(value: float | None) -> str:
    if value is None:
        return "—"
    scaled, unit = _scaled(float(value), BYTE_UNITS)
    return f"{_three_digits(scaled)} {unit}"


def fmt_count(value: float | None) -> str:
    if value is None:
        return "—"
    scaled, unit = _scaled(float(value), COUNT_UNITS)
    return f"{_three_digits(scaled)}{unit}"


def approx_bytes(value: float | None) -> str:
    if value is None:
        return "—"
    return "~" + fmt_bytes(round_interview(float(value)))


def approx_count(value: float | None) -> str:
    if value is None:
        return "—"
    return "~" + fmt_count(round_interview(float(value)))


def fmt_percent(fraction: float | None, places: int = 4) -> str:
    """99.9% style; enough places to tell 99.99% from 99.999%."""
    if fraction is None:
        return "—"
    text = f"{fraction * 100:.{places}f}".rstrip("0").rstrip(".")
    if text == "100" and fraction < 1:  # never round an imperfect figure up to 100%
        return f">99.{'9' * places}%"
    return f"{text}%"


def fmt_duration(seconds: float | None) -> str:
    """The largest unit that keeps the figure at least 1: 8.77 hours, 43.8 minutes."""
    if seconds is None:
        return "—"
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds:.3g} seconds"


def fmt_nines(nines: float | None) -> str:
    return "perfect" if nines is None else f"{nines:.2f}"
