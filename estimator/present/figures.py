"""The figure catalogue: each headline figure of an estimate, where the estimate document
keeps it, its label and its unit, and how a value of each unit is written.

Compare, practice, uncertainty and sensitivity tables name their figures from here, and the
engine computes its headline figures over this catalogue's paths: like units.py, this module
imports nothing else of the project, so the engine may read it.
"""

from dataclasses import dataclass

from estimator.present.units import (
    NO_VALUE,
    exact_rate,
    finite,
    fmt_bytes,
    fmt_money,
    fmt_ms,
    fmt_number,
    fmt_percent,
)


@dataclass(frozen=True)
class Figure:
    """One figure: `path` is where the estimate document keeps it ("traffic.total_rps"),
    `unit` how it is written (rate, bytes, bytes_rate, fraction, money, ms or number)."""

    path: str
    label: str
    unit: str

    @property
    def derivation_key(self) -> str:
        """The key of its derivation in estimate["derivations"]: the same path."""
        return self.path


HEADLINE_FIGURES = (
    Figure("traffic.total_rps", "Requests per second", "rate"),
    Figure("traffic.peak_rps", "Requests per second at peak", "rate"),
    Figure("traffic.read_rps", "Reads per second", "rate"),
    Figure("traffic.write_rps", "Writes per second", "rate"),
    Figure("storage.bytes_per_day", "Storage per day", "bytes"),
    Figure("storage.bytes_total", "Storage over the retention period", "bytes"),
    Figure("bandwidth.ingress_bytes_per_s", "Incoming bandwidth", "bytes_rate"),
    Figure("bandwidth.egress_bytes_per_s", "Outgoing bandwidth", "bytes_rate"),
    Figure("cache.bytes_per_day", "Cache memory per day", "bytes"),
    Figure("availability.overall", "Availability", "fraction"),
    Figure("availability.nines", "Nines", "number"),
    Figure("availability.requests_served", "Availability of requests served", "fraction"),
    Figure("overload.served_share", "Share of peak requests served", "fraction"),
    Figure("headroom.factor", "Headroom (traffic growth to saturation)", "number"),
)
# Compared besides the headline figures (which uncertainty and sensitivity also sample).
EXTRA_FIGURES = (
    Figure("cost.total_month", "Cost per month", "money"),
    Figure("latency.worst_p99_ms", "Slowest route's p99 latency at peak", "ms"),
)
FIGURES_BY_PATH = {figure.path: figure for figure in HEADLINE_FIGURES + EXTRA_FIGURES}
# Compared per workload, after the extra figures: `latency.workloads[<name>].p99_ms`.
ROUTE_P99_PREFIX, ROUTE_P99_SUFFIX = "latency.workloads[", "].p99_ms"


def route_p99_path(name: str) -> str:
    """The compare row of one workload's route p99 at peak."""
    return f"{ROUTE_P99_PREFIX}{name}{ROUTE_P99_SUFFIX}"
# The figures the design page shows the most sensitive inputs of.
SENSITIVITY_PATHS = ("traffic.peak_rps", "storage.bytes_total", "availability.overall",
                     "headroom.factor")

# The compare page's bar charts (designs.charts.compare_bars), in its order, each with the
# figure it draws: the chart's title is that figure's label.
COMPARE_CHARTS = (
    ("rps", "traffic.total_rps"),
    ("storage", "storage.bytes_total"),
    ("nines", "availability.nines"),
    ("headroom", "headroom.factor"),
)


def figure(path: str) -> Figure:
    """The catalogue's figure at this path (a workload's route p99 is in milliseconds); an
    unknown path is its own label, a number."""
    found = FIGURES_BY_PATH.get(path)
    if found:
        return found
    if path.startswith(ROUTE_P99_PREFIX) and path.endswith(ROUTE_P99_SUFFIX):
        name = path[len(ROUTE_P99_PREFIX):-len(ROUTE_P99_SUFFIX)]
        return Figure(path, f"p99 latency of {name} at peak", "ms")
    return Figure(path, path, "number")


def format_value(value: float | None, unit: str) -> str:
    """A value of a figure of this unit as text: 3,858/s, 6.08 TB, 2 MB/s, 99.9%, $1,200."""
    value = finite(value)
    if value is None:
        return NO_VALUE
    if unit == "rate":
        return exact_rate(value)
    if unit == "bytes":
        return fmt_bytes(value)
    if unit == "bytes_rate":
        return fmt_bytes(value) + "/s"
    if unit == "fraction":
        return fmt_percent(value, 6)
    if unit == "money":
        return fmt_money(value)
    if unit == "ms":
        return fmt_ms(value)
    return fmt_number(value, ",.2f")


def with_derivation(row: dict, derivation: str | None) -> dict:
    """The row, with the text of its figure's derivation when there is one."""
    return {**row, "derivation": derivation} if derivation else row
