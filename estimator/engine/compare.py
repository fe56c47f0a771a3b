"""Headline figures of several estimates side by side, each against the first."""

from estimator.engine.arith import ratio

# (path in the estimate document, label, unit): unit is rate, bytes, bytes_rate,
# fraction or number; it tells a page how to format, not how to compute.
HEADLINE_FIGURES = (
    ("traffic.total_rps", "Requests per second", "rate"),
    ("traffic.peak_rps", "Requests per second at peak", "rate"),
    ("traffic.read_rps", "Reads per second", "rate"),
    ("traffic.write_rps", "Writes per second", "rate"),
    ("storage.bytes_per_day", "Storage per day", "bytes"),
    ("storage.bytes_total", "Storage over the retention period", "bytes"),
    ("bandwidth.ingress_bytes_per_s", "Incoming bandwidth", "bytes_rate"),
    ("bandwidth.egress_bytes_per_s", "Outgoing bandwidth", "bytes_rate"),
    ("cache.bytes_per_day", "Cache memory per day", "bytes"),
    ("availability.overall", "Availability", "fraction"),
    ("availability.nines", "Nines", "number"),
    ("headroom.factor", "Headroom (traffic growth to saturation)", "number"),
)


def figure(estimate: dict, path: str):
    value = estimate
    for part in path.split("."):
        value = value[part]
    return value


def difference(value, base) -> dict:
    """Absolute and relative change from base; None where either is missing or base is 0."""
    if value is None or base is None:
        return {"absolute": None, "relative": None}
    return {"absolute": value - base, "relative": ratio(value - base, base)}


def compare(estimates: list[dict]) -> list[dict]:
    """One row per headline figure: the values, and each one's difference to the first."""
    rows = []
    for path, label, unit in HEADLINE_FIGURES:
        values = [figure(estimate, path) for estimate in estimates]
        rows.append({
            "key": path,
            "label": label,
            "unit": unit,
            "values": values,
            "differences": [difference(value, values[0]) for value in values],
        })
    return rows


# Compared besides the headline figures, which uncertainty and sensitivity also sample (their
# quick re-estimates have no cost). Estimates stored before cost existed show none.
EXTRA_FIGURES = (
    ("cost.total_month", "Cost per month", "money"),
)


def _figure_or_none(estimate: dict, path: str):
    try:
        return figure(estimate, path)
    except (KeyError, TypeError):
        return None


def worst_route_p99_ms(estimate: dict) -> float | None:
    """The slowest workload route's p99 latency at peak (None when a route is saturated, or
    for estimates stored before latency)."""
    values = [w["p99_ms"] for w in estimate.get("latency", {}).get("workloads", [])]
    return None if not values or None in values else max(values)


def _row(key: str, label: str, unit: str, values: list) -> dict:
    return {"key": key, "label": label, "unit": unit, "values": values,
            "differences": [difference(value, values[0]) for value in values]}


def compare_all(estimates: list[dict]) -> list[dict]:
    """compare(), then the extra figures and the worst route's p99 latency (None where an
    estimate has no such figure)."""
    rows = compare(estimates)
    for path, label, unit in EXTRA_FIGURES:
        rows.append(_row(path, label, unit, [_figure_or_none(e, path) for e in estimates]))
    rows.append(_row("latency.worst_p99_ms", "Slowest route's p99 latency at peak", "ms",
                     [worst_route_p99_ms(e) for e in estimates]))
    return rows
