"""The editor's echo of what is typed: a number of the design document as the reader would
say it ("64 GB" beside memory_bytes 64000000000), keyed by the field's path as the
engine's errors name it ("components[2].memory_bytes").

POST /api/validate/ sends these with the errors, so that the page script shows them as
they come and formats no number itself.
"""

from collections.abc import Callable, Iterable, Iterator

from estimator.engine.defaults import PRICE_CURRENCY
from estimator.present.units import finite, fmt_bytes, fmt_money, fmt_percent, fmt_plain

# The fields of each list's items whose value is echoed, as a path inside the item.
BYTE_FIELDS = {
    "components": ("memory_bytes", "storage_bytes"),
    "workloads": ("request_bytes", "response_bytes", "stored_bytes", "media.bytes"),
}
# A size under 1 KB reads the same in bytes as typed: it is not echoed.
LEAST_ECHOED_BYTES = 1000


def echo_bytes(value: float) -> str | None:
    """A byte size in its unit ("64 GB"), or None below LEAST_ECHOED_BYTES."""
    return fmt_bytes(value) if value >= LEAST_ECHOED_BYTES else None


def echo_plain(value: float) -> str:
    """A count or a factor as typed, grouped: "1,000,000", "2.5"."""
    return fmt_plain(value)


# The assumptions echoed: the daily active users (the per-user rate's hint shows them) and
# the peak factor (a workload's peak factor defaults to it).
ASSUMPTION_FIELDS: dict[str, Callable[[float], str | None]] = {
    "daily_active_users": echo_plain,
    "peak_factor": echo_plain,
}


def echo_percent(value: float) -> str:
    """A fraction as a percentage ("99.9%"), so that 0.999 reads as the target it is."""
    return fmt_percent(value)


def echo_money(value: float) -> str:
    """An amount in the cost's currency ("$5,000")."""
    return fmt_money(value, PRICE_CURRENCY)


# The design's targets: the availability as a percentage, the budget in its currency.
SLO_FIELDS: dict[str, Callable[[float], str | None]] = {
    "availability": echo_percent,
    "monthly_budget": echo_money,
}


def number(value) -> float | None:
    """A plain JSON number, finite; None for anything else (a text, true, a range, NaN)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return finite(value)


def lookup(item, path: str):
    """The value at a dotted path inside a JSON object ("media.bytes"), or None."""
    for name in path.split("."):
        if not isinstance(item, dict):
            return None
        item = item.get(name)
    return item


def _items(document: dict, name: str) -> Iterator[tuple[int, object]]:
    items = document.get(name)
    return enumerate(items) if isinstance(items, list) else iter(())


def candidates(document: dict) -> Iterator[tuple[str, object, Callable]]:
    """Every echoed field of the document: its path, its value and its formatter."""
    for name, fields in BYTE_FIELDS.items():
        for index, item in _items(document, name):
            for field in fields:
                yield f"{name}[{index}].{field}", lookup(item, field), echo_bytes
    assumptions = document.get("assumptions")
    for field, formatter in ASSUMPTION_FIELDS.items():
        yield f"assumptions.{field}", lookup(assumptions, field), formatter
    slos = document.get("slos")
    for field, formatter in SLO_FIELDS.items():
        yield f"slos.{field}", lookup(slos, field), formatter


def related(path: str, other: str) -> bool:
    """One path is the other or inside it: "a.b" and "a.b.low", "a[1]" and "a[1].b"."""
    def inside(inner: str, outer: str) -> bool:
        return inner == outer or inner.startswith((f"{outer}.", f"{outer}["))
    return bool(other) and (inside(path, other) or inside(other, path))


def echo_texts(document, error_fields: Iterable[str] = ()) -> dict[str, str]:
    """The echo of each numeric field of the document that has one, by its path. A field an
    error names (itself, a part of it or what holds it) has none: what is typed there is
    not the number the engine reads."""
    if not isinstance(document, dict):
        return {}
    errors = [field for field in error_fields if field]
    texts = {}
    for path, value, formatter in candidates(document):
        figure = number(value)
        if figure is None or any(related(path, error) for error in errors):
            continue
        text = formatter(figure)
        if text is not None:
            texts[path] = text
    return texts
