"""Requests per second, per workload and in total, average and peak."""

from estimator.engine.arith import ratio
from estimator.engine.defaults import PERIOD_SECONDS, SECONDS_PER_DAY
from estimator.engine.model import Assumptions, Design, Workload


def workload_rps(workload: Workload, assumptions: Assumptions) -> float:
    """Average requests per second of one workload."""
    if workload.per_user_per_day is not None:
        return workload.per_user_per_day * assumptions.daily_active_users / SECONDS_PER_DAY
    return workload.rate / PERIOD_SECONDS[workload.per]


def workload_peak_factor(workload: Workload, assumptions: Assumptions) -> float:
    return workload.peak_factor if workload.peak_factor is not None else assumptions.peak_factor


def workload_rates(design: Design) -> list[tuple[Workload, float, float]]:
    """(workload, average rps, peak rps) for each workload, in order."""
    rates = []
    for workload in design.workloads:
        rps = workload_rps(workload, design.assumptions)
        rates.append((workload, rps, rps * workload_peak_factor(workload, design.assumptions)))
    return rates


def traffic(rates: list[tuple[Workload, float, float]]) -> dict:
    read_rps = sum((rps for w, rps, _ in rates if w.kind == "read"), 0.0)
    write_rps = sum((rps for w, rps, _ in rates if w.kind == "write"), 0.0)
    return {
        "read_rps": read_rps,
        "write_rps": write_rps,
        "total_rps": read_rps + write_rps,
        "peak_rps": sum((peak for _, _, peak in rates), 0.0),
        "reads_per_day": read_rps * SECONDS_PER_DAY,
        "writes_per_day": write_rps * SECONDS_PER_DAY,
        "read_write_ratio": ratio(read_rps, write_rps),
        "workloads": [
            {"name": w.name, "kind": w.kind, "rps": rps, "peak_rps": peak,
             "per_day": rps * SECONDS_PER_DAY}
            for w, rps, peak in rates
        ],
    }


def bandwidth(rates: list[tuple[Workload, float, float]]) -> dict:
    """Bytes per second in (requests and media uploads) and out (responses)."""

    def ingress_per_request(w: Workload) -> float:
        return w.request_bytes + w.media_fraction * w.media_bytes

    return {
        "ingress_bytes_per_s": sum(rps * ingress_per_request(w) for w, rps, _ in rates),
        "egress_bytes_per_s": sum(rps * w.response_bytes for w, rps, _ in rates),
        "peak_ingress_bytes_per_s": sum(peak * ingress_per_request(w) for w, _, peak in rates),
        "peak_egress_bytes_per_s": sum(peak * w.response_bytes for w, _, peak in rates),
    }
