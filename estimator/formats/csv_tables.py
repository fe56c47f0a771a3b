"""The estimate's tables as CSV, for a spreadsheet: the high-level estimate (the design
page's rows), the workloads, then the components. Each section starts with a row naming
it, then its header row; a blank row separates sections. Figures are exact numbers in raw
units (requests per second, bytes, fractions) with a unit column, not the rounded text the
pages show; the pages' text is kept beside the headline figures."""

import csv
import io

from estimator.engine.result import EstimateView
from estimator.formats import Exporter, register_exporter
from estimator.formats.base import FormatError
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE, nothing_estimated
from estimator.present.tables import estimate_table, fmt_percent, headroom_summary

HEADLINE = "High-level estimate"
WORKLOADS = "Workloads"
COMPONENTS = "Components"
HEADLINE_HEADER = ("figure", "value", "unit", "shown as")
WORKLOAD_HEADER = ("name", "kind", "rps", "peak_rps", "per_day", "availability")
COMPONENT_HEADER = ("key", "name", "kind", "instances", "instances_needed", "redundancy",
                    "load_rps", "peak_load_rps", "capacity_rps", "utilization",
                    "availability", "spof")


def _headline_values(view: EstimateView) -> dict[str, tuple[float | None, str]]:
    """Each row of the design page's estimate table by its label: the raw value, its unit."""
    traffic, storage, bandwidth = view.traffic, view.storage, view.bandwidth
    return {
        "Daily active users": (view.assumptions.daily_active_users, "users"),
        "Reads per second": (traffic.read_rps, "requests/s"),
        "Writes per second": (traffic.write_rps, "requests/s"),
        "Requests per second (total)": (traffic.total_rps, "requests/s"),
        "Requests per second at peak": (traffic.peak_rps, "requests/s"),
        "Reads per day": (traffic.reads_per_day, "requests/day"),
        "Writes per day": (traffic.writes_per_day, "requests/day"),
        "Read:write ratio": (traffic.read_write_ratio, "reads per write"),
        "Storage per day": (storage.bytes_per_day, "bytes"),
        "Storage per year": (storage.bytes_per_year, "bytes"),
        "Storage over": (storage.bytes_total, "bytes"),  # "Storage over 5 years"
        "Text storage per day": (storage.text_bytes_per_day, "bytes"),
        "Media storage per day": (storage.media_bytes_per_day, "bytes"),
        "Incoming bandwidth": (bandwidth.ingress_bytes_per_s, "bytes/s"),
        "Outgoing bandwidth": (bandwidth.egress_bytes_per_s, "bytes/s"),
        "Cache memory per day": (view.cache.bytes_per_day, "bytes"),
    }


def _value(values: dict, label: str) -> tuple[float | None, str]:
    if label in values:
        return values[label]
    for prefix, value in values.items():
        if label.startswith(prefix + " "):
            return value
    return None, ""  # a row this module does not know yet: its text only


def _blank(number: float | None) -> float | str:
    return "" if number is None else number


def write(document: dict, estimate: EstimateView | None) -> str:
    if estimate is None or nothing_estimated(estimate):
        raise FormatError(f"nothing estimated yet: {NOTHING_ESTIMATED_SENTENCE.split(': ')[-1]} "
                          "Add a workload, then export the tables.", where="csv")
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    values = _headline_values(estimate)
    rows.writerow([HEADLINE])
    rows.writerow(HEADLINE_HEADER)
    for row in estimate_table(estimate):
        value, unit = _value(values, row["label"])
        rows.writerow([row["label"], _blank(value), unit, row["exact"]])
    availability = estimate.availability
    rows.writerow(["Availability", availability.overall, "fraction",
                   fmt_percent(availability.overall)])
    if estimate.headroom.factor is not None:
        headroom = headroom_summary(estimate)
        rows.writerow(["Headroom", estimate.headroom.factor, "times today's peak",
                       f"{headroom['factor']} (first to saturate: "
                       f"{headroom['first_saturating']})"])
    rows.writerow([])
    rows.writerow([WORKLOADS])
    rows.writerow(WORKLOAD_HEADER)
    route_availability = {w.name: w.availability for w in availability.workloads}
    for workload in estimate.traffic.workloads:
        rows.writerow([workload.name, workload.kind, workload.rps, workload.peak_rps,
                       workload.per_day, _blank(route_availability.get(workload.name))])
    rows.writerow([])
    rows.writerow([COMPONENTS])
    rows.writerow(COMPONENT_HEADER)
    for component in estimate.components:
        rows.writerow([
            component.key, estimate.component_name(component.key), component.kind,
            component.instances, _blank(component.instances_needed), component.redundancy,
            component.load_rps, component.peak_load_rps, _blank(component.capacity_rps),
            _blank(component.utilization), component.availability,
            "yes" if component.spof else "no"])
    return out.getvalue()


register_exporter(Exporter("csv", "Estimate tables (CSV)", "csv", "text/csv", write))
