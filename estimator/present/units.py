"""Human-readable figures in decimal units, exact and handbook-style rounded.

The handbook rounds to one significant figure ("~4K/s") and keeps two when
the leading digit is 1 or 2 ("~12K/s", "~23K/s"), so that rounding never
moves a figure by more than about 25%.

Every formatter takes any number or None and answers text a person can read: None, NaN
and infinities show as NO_VALUE, zero never as "-0", figures too small or too large for
plain digits in short scientific form ("3.17e-8", "1e300 B"), never "nan" or "inf".
"""

import math
import sys

BYTE_UNITS = ("B", "KB", "MB", "GB", "TB", "PB", "EB")
COUNT_UNITS = ("", "K", "M", "B", "T")
NO_VALUE = "—"
# Plain digits up to here ("$1,234,567"); past it a figure's digits are noise to a reader
# and would stretch a table cell, so it is written "1.23e15".
PLAIN_LIMIT = 1e15
# Past 999,999 of the largest unit ("1,000 EB" is the largest input), a figure is written in
# the smallest unit, in scientific form: "1e24 B" rather than "1e6 EB".
UNIT_LIMIT = 1e6


def finite(value) -> float | None:
    """The value as a float, or None when there is no number to show (None, NaN, an
    infinity, an integer past the largest float, not a number at all); -0.0 becomes 0.0."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number + 0.0 if math.isfinite(number) else None  # -0.0 + 0.0 is 0.0


def _no_minus_zero(text: str) -> str:
    """"-0", "-0.00": a negative figure that rounded to zero, shown as zero."""
    if text.startswith("-") and not any(digit in text for digit in "123456789"):
        return text[1:]
    return text


def scientific(value: float) -> str:
    """Three significant figures with a short exponent: 3.17e-8, 1.2e25, 1e300."""
    mantissa, _, exponent = f"{value:.3g}".partition("e")
    return _no_minus_zero(f"{mantissa}e{int(exponent)}" if exponent else mantissa)


def fmt_number(value: float, spec: str) -> str:
    """A finite number formatted by `spec` (",.2f"), in scientific form past PLAIN_LIMIT,
    never "-0"."""
    if abs(value) >= PLAIN_LIMIT:
        return scientific(value)
    return _no_minus_zero(format(value, spec))


def fmt_input(value: float) -> str:
    """An input as the user would write it: 10,000,000,000, 0.05, 38.6; past 1e15, 1.2e21."""
    if abs(value) >= PLAIN_LIMIT:
        return scientific(value)
    if value == int(value) and abs(value) >= 1:
        return f"{int(value):,}"
    return significant(value)


def fmt_plain(value: float | None, places: int = 6) -> str:
    """A number as typed into a field: 10,000, 0.9999, 2.5 (grouped digits, at most `places`
    decimals, no trailing zeros)."""
    number = finite(value)
    if number is None:
        return NO_VALUE
    text = fmt_number(number, f",.{places}f")
    if "." in text and "e" not in text:
        text = _no_minus_zero(text.rstrip("0").rstrip("."))
    return text


def significant(value: float) -> str:
    """Three significant figures in plain digits ("3.86", "500", "1,234" in the largest
    unit); scientific below 0.0001 and past UNIT_LIMIT."""
    rounded = f"{value:.3g}"
    if "e" not in rounded:
        return _no_minus_zero(rounded)
    if abs(value) < 1 or abs(value) >= UNIT_LIMIT:
        return scientific(value)
    return _no_minus_zero(f"{value:,.0f}")


def _scaled(value: float, units: tuple[str, ...]) -> tuple[float, str]:
    """The value in the largest unit that keeps it at least 1, judged after rounding to
    three figures (999.7 B is 1 KB); past UNIT_LIMIT of the largest, in the smallest."""
    scaled, index = value, 0
    while abs(float(f"{scaled:.3g}")) >= 1000 and index < len(units) - 1:
        scaled /= 1000
        index += 1
    if abs(scaled) >= UNIT_LIMIT:
        return value, units[0]
    return scaled, units[index]


def _in_units(value, units: tuple[str, ...], separator: str) -> str:
    number = finite(value)
    if number is None:
        return NO_VALUE
    scaled, unit = _scaled(number, units)
    return f"{significant(scaled)}{separator}{unit}"


def round_interview(value: float) -> float:
    """Round to one significant figure, or two when the leading digit is 1 or 2."""
    if value == 0 or not math.isfinite(value):
        return value
    # Through the decimal text: 10**exponent would underflow to 0 for subnormal figures.
    digits = 2 if f"{abs(value):e}"[0] in "12" else 1
    rounded = float(f"{value:.{digits - 1}e}")
    return rounded if math.isfinite(rounded) else value  # 1.8e308 would round past the largest


def fmt_bytes(value: float | None) -> str:
    return _in_units(value, BYTE_UNITS, " ")


def fmt_count(value: float | None) -> str:
    return _in_units(value, COUNT_UNITS, "")


def approx_bytes(value: float | None) -> str:
    number = finite(value)
    return NO_VALUE if number is None else "~" + fmt_bytes(round_interview(number))


def approx_count(value: float | None) -> str:
    number = finite(value)
    return NO_VALUE if number is None else "~" + fmt_count(round_interview(number))


def _percent(fraction: float) -> float:
    return min(fraction * 100, sys.float_info.max)  # a fraction past 1.8e306 overflows


def fmt_percent(fraction: float | None, places: int = 4) -> str:
    """99.9% style; enough places to tell 99.99% from 99.999%."""
    number = finite(fraction)
    if number is None:
        return NO_VALUE
    text = fmt_number(_percent(number), f".{places}f")
    if "." in text and "e" not in text:
        text = _no_minus_zero(text.rstrip("0").rstrip("."))
    if text == "100" and number < 1:  # never round an imperfect figure up to 100%
        return f">99.{'9' * places}%"
    if text == "0" and number > 0:  # nor a figure that is not zero down to 0%
        return f"<0.{'0' * (places - 1)}1%" if places else "<1%"
    return f"{text}%"


def fmt_fraction(fraction: float | None, places: int = 0) -> str:
    """A fraction as a percentage with fixed places, as Python's "{:.0%}" ("70%", "3.1%")."""
    number = finite(fraction)
    return NO_VALUE if number is None else fmt_number(_percent(number), f".{places}f") + "%"


def fmt_factor(value: float | None) -> str:
    """A multiplier: "2.50x"."""
    number = finite(value)
    return NO_VALUE if number is None else fmt_number(number, ".2f") + "x"


def fmt_duration(seconds: float | None) -> str:
    """The largest unit that keeps the figure at least 1: 8.77 hours, 43.8 minutes."""
    number = finite(seconds)
    if number is None:
        return NO_VALUE
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if number >= size:
            return f"{significant(number / size)} {unit}"
    return f"{significant(number)} seconds"


def fmt_nines(nines: float | None) -> str:
    """Nines to two places; None (or infinitely many) is perfect availability."""
    if nines is None or nines == math.inf:
        return "perfect"
    number = finite(nines)
    return NO_VALUE if number is None else fmt_number(number, ".2f")


def exact_rate(value: float | None) -> str:
    """3,858/s below a million, 1.16M/s above, 3.17e-8/s below 0.1 (one a year)."""
    number = finite(value)
    if number is None:
        return NO_VALUE
    if number and abs(number) < 0.1:
        return f"{fmt_count(number)}/s"
    if abs(number) < 1_000_000:
        return f"{number:,.1f}/s" if abs(number) < 100 else f"{number:,.0f}/s"
    return f"{fmt_count(number)}/s"


CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def fmt_money(value: float | None, currency: str = "USD") -> str:
    """$107,001 (whole units from 100 up and for round amounts), $12.50; other currencies by
    their code."""
    number = finite(value)
    if number is None:
        return NO_VALUE
    whole = abs(number) >= 100 or number == int(number)
    amount = fmt_number(number, ",.0f" if whole else ",.2f")
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def fmt_ms(value: float | None) -> str:
    """Milliseconds: 1.01 ms, 23.5 ms, 466 ms, 1,234 ms; "saturated" when the queue has none
    (no figure, or an infinite one)."""
    if value is None or value == math.inf:
        return "saturated"
    number = finite(value)
    if number is None:
        return NO_VALUE
    if abs(number) < 10:
        return f"{fmt_number(number, '.2f')} ms"
    return f"{fmt_number(number, ',.1f' if abs(number) < 100 else ',.0f')} ms"
