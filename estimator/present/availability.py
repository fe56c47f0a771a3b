"""Availability as text: the design page's summary, its components and workload routes,
the components worth improving first, and the availability page's tables."""

from estimator.engine import DesignError, parse_design
from estimator.engine.result import EstimateView, RouteAvailability
from estimator.present.figures import with_derivation
from estimator.present.units import (
    NO_VALUE,
    finite,
    fmt_duration,
    fmt_nines,
    fmt_percent,
    significant,
)

DOWNTIME_PERIODS = ("year", "month", "week", "day")


def availability_summary(estimate: EstimateView | dict) -> dict:
    view = EstimateView.of(estimate)
    available = view.availability
    return {
        "overall": fmt_percent(available.overall, 6),
        "derivation": view.derivation_text("availability.overall"),
        "nines": fmt_nines(available.nines),
        # Requests served: components up and requests not shed at peak (engine.overload).
        "requests_served": fmt_percent(available.requests_served, 6),
        "requests_served_derivation": view.derivation_text("availability.requests_served"),
        "overloaded": view.overload.overloaded,
        "downtime": [
            {"period": period, "time": fmt_duration(available.downtime.seconds(period))}
            for period in DOWNTIME_PERIODS
        ],
    }


def component_availability_rows(estimate: EstimateView | dict) -> list[dict]:
    """Each component with its instances and redundancy: availability and nines."""
    view = EstimateView.of(estimate)
    rows = []
    for item in view.availability.components:
        component = view.component(item.key)
        rows.append({
            "key": item.key,
            "name": view.component_name(item.key),
            "instances": component.instances if component else NO_VALUE,
            "redundancy": component.redundancy if component else "",
            "availability": fmt_percent(item.availability, 6),
            "nines": fmt_nines(item.nines),
        })
    return rows


def _stage_text(stage: tuple[tuple[str, ...], ...]) -> str:
    """A route stage as written: a key, or its alternatives ("cdn | lb + origin")."""
    return " | ".join(" + ".join(option) for option in stage)


def _route_keys(workload) -> list[str]:
    """A parsed workload's route stages as text, each once (as availability counts them)."""
    return list(dict.fromkeys(_stage_text(stage) for stage in workload.stages))


def _routes(document: dict) -> dict[str, list[str]]:
    """Each workload's route stages as text, by workload name. A stored input the engine
    no longer reads (its limits changed since) has none: its table still shows the
    estimate's figures."""
    try:
        design = parse_design(document)
    except DesignError:
        return {}
    return {w.name: _route_keys(w) for w in design.workloads}


def route_texts(document: dict) -> list[dict]:
    """Each workload's name and route as the availability table shows it:
    "client → cdn | lb + origin → db"."""
    return [{"name": name, "route": " → ".join(keys)}
            for name, keys in _routes(document).items()]


def route_method(route: RouteAvailability) -> str:
    """How a route's availability was worked out: "series", "exact, 2 paths" or "Monte Carlo,
    3 paths (95%: 99.91% to 99.95%)"."""
    if route.method == "series":
        return "series"
    text = f"{'exact' if route.method == 'exact' else 'Monte Carlo'}, {route.paths} paths"
    if route.method == "monte_carlo" and route.interval:
        low, high = route.interval
        text += f" (95%: {fmt_percent(low, 4)} to {fmt_percent(high, 4)})"
    return text


def route_availability_rows(document: dict, estimate: EstimateView | dict) -> list[dict]:
    """Each workload's route in series: its components' availabilities multiplied,
    "99.9% x 99.99% = 99.89%", with the route's availability and nines from the estimate."""
    view = EstimateView.of(estimate)
    by_key = {c.key: c.availability for c in view.availability.components}
    routes = _routes(document)
    rows = []
    for item in view.availability.workloads:
        keys = routes.get(item.name, [])
        factors = [fmt_percent(by_key[key], 6) if key in by_key else f"({key})"
                   for key in keys]
        overall = fmt_percent(item.availability, 6)
        rows.append(with_derivation({
            "name": item.name,
            "route": " → ".join(keys),
            "formula": f"{' x '.join(factors)} = {overall}" if factors else overall,
            "availability": overall,
            "nines": fmt_nines(item.nines),
            "method": route_method(item),
        }, view.derivation_text(f"availability.workloads[{item.name}]")))
    return rows


def importance_rows(estimate: EstimateView | dict, top: int = 5) -> list[dict]:
    """The components whose perfection would raise availability most, best first: the
    availability if perfect and the gain in percentage points (none that gain nothing)."""
    view = EstimateView.of(estimate)
    ranked = view.importance.components if view.importance else ()
    return [
        {"key": c.key, "name": view.component_name(c.key),
         "if_perfect": fmt_percent(c.availability_if_perfect, 6),
         "gain": fmt_percent(c.improvement, 6).rstrip("%") + " pp"}
        for c in ranked[:top] if c.improvement >= 5e-9  # what fmt_percent(.., 6) shows
    ]


def improve_first(estimate: EstimateView | dict) -> str | None:
    """"Improve Object store first: availability would rise from 99.98970% to 99.99970%."
    (None when no component would raise it)."""
    view = EstimateView.of(estimate)
    key = view.importance.improve_first
    ranked = {c.key: c for c in view.importance.components}
    if key is None or key not in ranked:
        return None
    now = fmt_percent(view.availability.overall, 6)
    then = fmt_percent(ranked[key].availability_if_perfect, 6)
    return (f"Improve {view.component_name(key)} first: availability would rise "
            f"from {now} to {then}.")


# ---- the availability page ------------------------------------------------------------------


_NINE_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def fine_duration(seconds: float | None) -> str:
    """fmt_duration, with milliseconds under a second (the handbook's "604.8 milliseconds")."""
    number = finite(seconds)
    if number is not None and 0 < number < 1:
        return f"{significant(number * 1000)} milliseconds"
    return fmt_duration(number)


def _nines_label(count: int) -> str:
    word = _NINE_WORDS[count] if count < len(_NINE_WORDS) else str(count)
    return f"{word} nine" + ("" if count == 1 else "s")


def nines_table(ladder: list[dict]) -> list[dict]:
    """The handbook's table of nines from availability.nines_ladder(): availability and
    downtime per year, month and week."""
    return [
        {
            "availability": fmt_percent(row["availability"], 9),
            "label": _nines_label(row["nines"]),
            **{
                period: fine_duration(row["downtime"][f"{period}_s"])
                for period in ("year", "month", "week")
            },
        }
        for row in ladder
    ]


def blocks_summary(result: dict) -> dict:
    """availability.blocks_in_series() as text: each block, the whole, nines and downtime."""
    return {
        "blocks": [
            {"availability": fmt_percent(b["availability"], 6), "nines": fmt_nines(b["nines"])}
            for b in result["blocks"]
        ],
        "availability": fmt_percent(result["availability"], 6),
        "nines": fmt_nines(result["nines"]),
        "downtime": [
            {"period": period, "time": fine_duration(result["downtime"][f"{period}_s"])}
            for period in DOWNTIME_PERIODS
        ],
    }


