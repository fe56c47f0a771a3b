"""The estimate document as the handbook's tables: exact and rounded figures as text.

One place for presentation, shared by the CLI, the pages and (later) reports,
so that every surface shows a figure the same way.
"""

import math

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


def _with_derivation(row: dict, derivation: str | None) -> dict:
    """The row, with the text of its figure's derivation when there is one."""
    return {**row, "derivation": derivation} if derivation else row


def derivation_texts(estimate: dict) -> dict[str, str]:
    """Each derivation's text by its key (none in an estimate stored before derivations)."""
    return {d["key"]: d["text"] for d in estimate.get("derivations", [])}


def _rate_row(label: str, value: float, derivation: str | None = None) -> dict:
    return _with_derivation(
        {"label": label, "exact": exact_rate(value), "approx": approx_count(value) + "/s"},
        derivation)


def _count_row(label: str, value: float) -> dict:
    return {"label": label, "exact": fmt_count(value), "approx": approx_count(value)}


def _bytes_row(label: str, value: float, suffix: str = "", derivation: str | None = None) -> dict:
    return _with_derivation({"label": label, "exact": fmt_bytes(value) + suffix,
                             "approx": approx_bytes(value) + suffix}, derivation)


def estimate_table(estimate: dict) -> list[dict]:
    """The handbook's "High-level estimate" table."""
    traffic, storage = estimate["traffic"], estimate["storage"]
    bandwidth = estimate["bandwidth"]
    texts = derivation_texts(estimate)
    users = estimate["assumptions"]["daily_active_users"]
    # A design whose rates are all absolute (the URL shortener) states no user count.
    rows = [_count_row("Daily active users", users)] if users else []
    rows += [
        _rate_row("Reads per second", traffic["read_rps"], texts.get("traffic.read_rps")),
        _rate_row("Writes per second", traffic["write_rps"], texts.get("traffic.write_rps")),
        _rate_row("Requests per second (total)", traffic["total_rps"],
                  texts.get("traffic.total_rps")),
        _rate_row("Requests per second at peak", traffic["peak_rps"],
                  texts.get("traffic.peak_rps")),
        _count_row("Reads per day", traffic["reads_per_day"]),
        _count_row("Writes per day", traffic["writes_per_day"]),
    ]
    ratio = traffic["read_write_ratio"]
    if ratio:  # none without writes, and 0:1 says nothing for a write-only design
        rows.append({"label": "Read:write ratio", "exact": f"{ratio:,.3g}:1",
                     "approx": f"~{approx_count(ratio)[1:]}:1"})
    rows += [
        _bytes_row("Storage per day", storage["bytes_per_day"],
                   derivation=texts.get("storage.bytes_per_day")),
        _bytes_row("Storage per year", storage["bytes_per_year"],
                   derivation=texts.get("storage.bytes_per_year")),
        _bytes_row(f"Storage over {storage['years']:g} years", storage["bytes_total"],
                   derivation=texts.get("storage.bytes_total")),
    ]
    if storage["media_bytes_per_day"]:
        rows += [_bytes_row("Text storage per day", storage["text_bytes_per_day"]),
                 _bytes_row("Media storage per day", storage["media_bytes_per_day"],
                            derivation=texts.get("storage.media_bytes_per_day"))]
    rows += [
        _bytes_row("Incoming bandwidth", bandwidth["ingress_bytes_per_s"], "/s",
                   texts.get("bandwidth.ingress_bytes_per_s")),
        _bytes_row("Outgoing bandwidth", bandwidth["egress_bytes_per_s"], "/s",
                   texts.get("bandwidth.egress_bytes_per_s")),
        _bytes_row("Cache memory per day", estimate["cache"]["bytes_per_day"],
                   derivation=texts.get("cache.bytes_per_day")),
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
        "derivation": derivation_texts(estimate).get("availability.overall"),
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


# ---- the availability page ------------------------------------------------------------------

_NINE_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
DOWNTIME_PERIODS = ("year", "month", "week", "day")


def fine_duration(seconds: float | None) -> str:
    """fmt_duration, with milliseconds under a second (the handbook's "604.8 milliseconds")."""
    if seconds is not None and 0 < seconds < 1:
        return f"{seconds * 1000:.3g} milliseconds"
    return fmt_duration(seconds)


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


# ---- the compare page -----------------------------------------------------------------------


def _figure_value(value: float | None, unit: str) -> str:
    """One compare figure (estimator.engine.compare units) as text."""
    if value is None:
        return "—"
    if unit == "rate":
        return exact_rate(value)
    if unit == "bytes":
        return fmt_bytes(value)
    if unit == "bytes_rate":
        return fmt_bytes(value) + "/s"
    if unit == "fraction":
        return fmt_percent(value, 6)
    return f"{value:,.2f}"


def _signed(value: float, text: str) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "±") + text


def _absolute_change(value: float, unit: str) -> str:
    size = abs(value)
    if unit == "rate":
        return _signed(value, fmt_count(size) + "/s")
    if unit == "bytes":
        return _signed(value, fmt_bytes(size))
    if unit == "bytes_rate":
        return _signed(value, fmt_bytes(size) + "/s")
    if unit == "fraction":  # percentage points: a relative change of 99.9% says little
        return _signed(value, fmt_percent(size, 6).rstrip("%") + " pp")
    return _signed(value, f"{size:,.2f}")


def _relative_change(relative: float) -> str:
    """+12%, -3.4%, +494%, +0.05%: three significant figures at most, no exponents."""
    percent = abs(relative) * 100
    places = 0 if percent >= 100 or percent == 0 else min(4, 2 - math.floor(math.log10(percent)))
    text = f"{percent:,.{max(places, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return _signed(relative, text + "%")


def _negligible(absolute: float, relative: float | None, unit: str) -> bool:
    """A change too small to show (under the places the page prints): float noise, such as
    two designs whose availabilities are equal but multiplied in another order."""
    if unit == "fraction":
        return abs(absolute) < 5e-9  # fmt_percent(.., 6) shows 0.000001%
    if relative is not None:
        return abs(relative) < 5e-7  # _relative_change shows 0.0001%
    return abs(absolute) < 1e-9


def format_difference(difference: dict, unit: str) -> dict:
    """A compare difference ({"absolute", "relative"}) as text and a direction
    (up, down, same, or none when unknown): "+12% / +3.4K/s"."""
    absolute, relative = difference["absolute"], difference["relative"]
    if absolute is None:
        return {"text": "—", "direction": "none"}
    if _negligible(absolute, relative, unit):
        return {"text": "same", "direction": "same"}
    parts = [_absolute_change(absolute, unit)]
    if relative is not None and unit != "fraction":
        parts.insert(0, _relative_change(relative))
    return {"text": " / ".join(parts), "direction": "up" if absolute > 0 else "down"}


def _compare_cells(row: dict) -> list[dict]:
    base = {"text": "base", "direction": "base"}
    pairs = zip(row["values"], row["differences"], strict=True)
    return [
        {
            "value": _figure_value(value, row["unit"]),
            **(format_difference(difference, row["unit"]) if index else base),
        }
        for index, (value, difference) in enumerate(pairs)
    ]


def compare_table(figures: list[dict]) -> list[dict]:
    """estimator.engine.compare rows as text: each design's value and, after the first
    (the base), its difference to the first."""
    return [
        {"key": row["key"], "label": row["label"], "cells": _compare_cells(row)}
        for row in figures
    ]


# ---- the design page ------------------------------------------------------------------------


def utilization_level(utilization: float | None, target: float) -> str:
    """ok, warm (over target) or hot (over 100%); none without a capacity limit."""
    return "none" if utilization is None else _level(utilization, target)


def resource_table(estimate: dict) -> list[dict]:
    """Storage (with replication), bandwidth (average and peak) and cache, exact and rounded."""
    storage, bandwidth, cache = estimate["storage"], estimate["bandwidth"], estimate["cache"]
    factor = storage["replication_factor"]
    copies = f"{factor:g} cop{'y' if factor == 1 else 'ies'}"
    texts = derivation_texts(estimate)
    rows = [
        _bytes_row(f"Text stored per day ({copies})", storage["text_bytes_per_day"]),
        _bytes_row(f"Media stored per day ({copies})", storage["media_bytes_per_day"],
                   derivation=texts.get("storage.media_bytes_per_day")),
        _bytes_row(f"Stored per year ({copies})", storage["bytes_per_year"],
                   derivation=texts.get("storage.bytes_per_year")),
        _bytes_row(f"Stored over {storage['years']:g} years ({copies})", storage["bytes_total"],
                   derivation=texts.get("storage.bytes_total")),
        _bytes_row("Incoming bandwidth", bandwidth["ingress_bytes_per_s"], "/s",
                   texts.get("bandwidth.ingress_bytes_per_s")),
        _bytes_row("Incoming bandwidth at peak", bandwidth["peak_ingress_bytes_per_s"], "/s"),
        _bytes_row("Outgoing bandwidth", bandwidth["egress_bytes_per_s"], "/s",
                   texts.get("bandwidth.egress_bytes_per_s")),
        _bytes_row("Outgoing bandwidth at peak", bandwidth["peak_egress_bytes_per_s"], "/s"),
        _bytes_row(f"Cache need ({estimate['assumptions']['cache_fraction']:.0%} of a day's reads)",
                   cache["bytes_per_day"], derivation=texts.get("cache.bytes_per_day")),
    ]
    if cache.get("memory_bytes") is not None:
        rows.append(_bytes_row("Cache memory provisioned", cache["memory_bytes"]))
    return rows


def component_availability_rows(estimate: dict) -> list[dict]:
    """Each component with its instances and redundancy: availability and nines."""
    components = {c["key"]: c for c in estimate["components"]}
    rows = []
    for item in estimate["availability"]["components"]:
        component = components.get(item["key"], {})
        rows.append({
            "key": item["key"],
            "name": component.get("name", item["key"]),
            "instances": component.get("instances", "—"),
            "redundancy": component.get("redundancy", ""),
            "availability": fmt_percent(item["availability"], 6),
            "nines": fmt_nines(item["nines"]),
        })
    return rows


def _route_keys(workload: dict) -> list[str]:
    """The components of a route, each once (as availability.route_availability counts them)."""
    steps = (s["key"] if isinstance(s, dict) else s for s in workload.get("route", []))
    return list(dict.fromkeys(steps))


def route_availability_rows(document: dict, estimate: dict) -> list[dict]:
    """Each workload's route in series: its components' availabilities multiplied,
    "99.9% x 99.99% = 99.89%", with the route's availability and nines from the estimate."""
    by_key = {c["key"]: c["availability"] for c in estimate["availability"]["components"]}
    routes = {w.get("name"): _route_keys(w) for w in document.get("workloads", [])}
    texts = derivation_texts(estimate)
    rows = []
    for item in estimate["availability"]["workloads"]:
        keys = routes.get(item["name"], [])
        factors = [fmt_percent(by_key.get(key), 6) for key in keys]
        overall = fmt_percent(item["availability"], 6)
        rows.append(_with_derivation({
            "name": item["name"],
            "route": " → ".join(keys),
            "formula": f"{' x '.join(factors)} = {overall}" if factors else overall,
            "availability": overall,
            "nines": fmt_nines(item["nines"]),
        }, texts.get(f"availability.workloads[{item['name']}]")))
    return rows
