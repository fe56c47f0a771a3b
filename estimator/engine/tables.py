"""The estimate document as the handbook's tables: exact and rounded figures as text.

One place for presentation, shared by the CLI, the pages and (later) reports,
so that every surface shows a figure the same way.
"""

from estimator.engine.units import (
    approx_bytes,
    approx_count,
    fmt_bytes,
    fmt_count,
    fmt_duration,
    fmt_nines,
    fmt_percent,
)


def exact_rate(value: float) -> str:
    """3,858/s below a million, 1.16M/s above."""
    if value < 1_000_000:
        return f"{value:,.1f}/s" if value < 100 else f"{value:,.0f}/s"
    return f"{fmt_count(value)}/s"


def _rate_row(label: str, value: float) -> dict:
    return {"label": label, "exact": exact_rate(value), "approx": approx_count(value) + "/s"}


def _count_row(label: str, value: float) -> dict:
    return {"label": label, "exact": fmt_count(value), "approx": approx_count(value)}


def _bytes_row(label: str, value: float, suffix: str = "") -> dict:
    return {"label": label, "exact": fmt_bytes(value) + suffix,
            "approx": approx_bytes(value) + suffix}


def estimate_table(estimate: dict) -> list[dict]:
    """The handbook's "High-level estimate" table."""
    traffic, storage = estimate["traffic"], estimate["storage"]
    bandwidth = estimate["bandwidth"]
    users = estimate["assumptions"]["daily_active_users"]
    # A design whose rates are all absolute (the URL shortener) states no user count.
    rows = [_count_row("Daily active users", users)] if users else []
    rows += [
        _rate_row("Reads per second", traffic["read_rps"]),
        _rate_row("Writes per second", traffic["write_rps"]),
        _rate_row("Requests per second (total)", traffic["total_rps"]),
        _rate_row("Requests per second at peak", traffic["peak_rps"]),
        _count_row("Reads per day", traffic["reads_per_day"]),
        _count_row("Writes per day", traffic["writes_per_day"]),
    ]
    ratio = traffic["read_write_ratio"]
    if ratio:  # none without writes, and 0:1 says nothing for a write-only design
        rows.append({"label": "Read:write ratio", "exact": f"{ratio:,.3g}:1",
                     "approx": f"~{approx_count(ratio)[1:]}:1"})
    rows += [
        _bytes_row("Storage per day", storage["bytes_per_day"]),
        _bytes_row("Storage per year", storage["bytes_per_year"]),
        _bytes_row(f"Storage over {storage['years']:g} years", storage["bytes_total"]),
    ]
    if storage["media_bytes_per_day"]:
        rows += [_bytes_row("Text storage per day", storage["text_bytes_per_day"]),
                 _bytes_row("Media storage per day", storage["media_bytes_per_day"])]
    rows += [
        _bytes_row("Incoming bandwidth", bandwidth["ingress_bytes_per_s"], "/s"),
        _bytes_row("Outgoing bandwidth", bandwidth["egress_bytes_per_s"], "/s"),
        _bytes_row("Cache memory per day", estimate["cache"]["bytes_per_day"]),
    ]
    return rows


def workload_table(estimate: dict) -> list[dict]:
    by_name = {w["name"]: w for w in estimate["availability"]["workloads"]}
    return [
        {
            "name": w["name"],
            "kind": w["kind"],
            "rps": exact_rate(w["rps"]),
            "rps_approx": approx_count(w["rps"]) + "/s",
            "peak_rps": exact_rate(w["peak_rps"]),
            "per_day": fmt_count(w["per_day"]),
            "availability": fmt_percent(by_name[w["name"]]["availability"], 6),
        }
        for w in estimate["traffic"]["workloads"]
    ]


def _utilization(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def component_table(estimate: dict) -> list[dict]:
    target = estimate["assumptions"]["target_utilization"]
    rows = []
    for c in estimate["components"]:
        utilization = c["utilization"]
        rows.append({
            "key": c["key"],
            "name": c["name"],
            "kind": c["kind"],
            "load": exact_rate(c["load_rps"]),
            "peak_load": exact_rate(c["peak_load_rps"]),
            "capacity": "—" if c["capacity_rps"] is None else exact_rate(c["capacity_rps"]),
            "utilization": _utilization(utilization),
            "level": _level(utilization, target),
            "instances": c["instances"],
            "redundancy": c["redundancy"],
            "instances_needed": "—" if c["instances_needed"] is None else c["instances_needed"],
            "availability": fmt_percent(c["availability"], 6),
            "spof": c["spof"],
        })
    return rows


def _level(utilization: float | None, target: float) -> str:
    """ok, warm (over target) or hot (over 100%): for colouring."""
    if utilization is None or utilization <= target:
        return "ok"
    return "hot" if utilization > 1 else "warm"


def availability_summary(estimate: dict) -> dict:
    available = estimate["availability"]
    downtime = available["downtime"]
    return {
        "overall": fmt_percent(available["overall"], 6),
        "nines": fmt_nines(available["nines"]),
        "downtime": [
            {"period": period, "time": fmt_duration(downtime[f"{period}_s"])}
            for period in ("year", "month", "week", "day")
        ],
    }


def headroom_summary(estimate: dict) -> dict:
    headroom = estimate["headroom"]
    if headroom["factor"] is None:
        return {"factor": "—", "first_saturating": None, "max_users": "—"}
    users = headroom["max_daily_active_users"]
    return {
        "factor": f"{headroom['factor']:.2f}x",
        "first_saturating": headroom["first_saturating"],
        "max_users": "—" if users is None else fmt_count(users),
    }


def headline(estimate: dict) -> dict:
    """Three figures for a gallery card."""
    return {
        "rps": approx_count(estimate["traffic"]["total_rps"]) + "/s",
        "storage": approx_bytes(estimate["storage"]["bytes_total"]),
        "years": f"{estimate['storage']['years']:g}",
        "nines": fmt_nines(estimate["availability"]["nines"]),
    }


def render_text(name: str, estimate: dict, top: int = 5) -> str:
    """A plain-text summary for the terminal."""
    rows = estimate_table(estimate)
    width = max(len(r["label"]) for r in rows)
    exact_width = max(len(r["exact"]) for r in rows)
    lines = [f"High-level estimate: {name}", ""]
    lines += [f"  {r['label']:<{width}}  {r['exact']:>{exact_width}}  {r['approx']}" for r in rows]
    summary = availability_summary(estimate)
    downtime = ", ".join(f"{d['time']} a {d['period']}" for d in summary["downtime"])
    lines += ["", f"Availability: {summary['overall']} ({summary['nines']} nines); "
                  f"downtime {downtime}"]
    room = headroom_summary(estimate)
    if room["first_saturating"]:
        lines.append(f"Headroom: {room['factor']} before {room['first_saturating']} saturates")
    found = estimate["bottlenecks"][:top]
    if found:
        lines += ["", "Bottlenecks:"]
        for b in found:
            remedies = ", ".join(r["name"] for r in b["remedies"])
            lines.append(f"  [{b['severity']}] {b['message']}")
            lines.append(f"      remedies: {remedies}")
    return "\n".join(lines) + "\n"
