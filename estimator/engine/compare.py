"""Headline figures of several estimates side by side, each against the first."""

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
    return {"absolute": value - base, "relative": (value - base) / base if base else None}


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
