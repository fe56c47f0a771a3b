"""The estimate document as the handbook's tables: exact and rounded figures as text.

One place for presentation, shared by the CLI, the pages and (later) reports,
so that every surface shows a figure the same way.
"""

import math
import sys

from estimator.engine.compare import HEADLINE_FIGURES
from estimator.present.units import (
    NO_VALUE,
    approx_bytes,
    approx_count,
    finite,
    fmt_bytes,
    fmt_count,
    fmt_duration,
    fmt_factor,
    fmt_fraction,
    fmt_nines,
    fmt_number,
    fmt_percent,
    significant,
)


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
        rows.append({"label": "Read:write ratio", "exact": f"{significant(ratio)}:1",
                     "approx": f"~{approx_count(ratio)[1:]}:1"})
    rows += [
        _bytes_row("Storage per day", storage["bytes_per_day"],
                   derivation=texts.get("storage.bytes_per_day")),
        _bytes_row("Storage per year", storage["bytes_per_year"],
                   derivation=texts.get("storage.bytes_per_year")),
        _bytes_row(f"Storage over {significant(storage['years'])} years", storage["bytes_total"],
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
    return fmt_fraction(value)


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
            "instances_needed": _whole(c["instances_needed"]),
            "availability": fmt_percent(c["availability"], 6),
            "spof": c["spof"],
        })
    return rows


def _whole(count: int | None) -> str:
    """A count of instances: 12, 1,250, 1.16e32 (a capacity of 1e-9 requests/s)."""
    number = finite(count)
    return NO_VALUE if number is None else fmt_number(number, ",.0f")


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
        "factor": fmt_factor(headroom["factor"]),
        "first_saturating": headroom["first_saturating"],
        "max_users": "—" if users is None else fmt_count(users),
    }


def headline(estimate: dict) -> dict:
    """Three figures for a gallery card."""
    return {
        "rps": approx_count(estimate["traffic"]["total_rps"]) + "/s",
        "storage": approx_bytes(estimate["storage"]["bytes_total"]),
        "years": significant(estimate["storage"]["years"]),
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


# ---- the compare page -----------------------------------------------------------------------


def _figure_value(value: float | None, unit: str) -> str:
    """One compare figure (estimator.engine.compare units) as text."""
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
    if unit == "money":
        return _signed(value, fmt_money(size))
    if unit == "ms":
        return _signed(value, fmt_ms(size))
    return _signed(value, fmt_number(size, ",.2f"))


def _relative_change(relative: float) -> str:
    """+12%, -3.4%, +494%, +0.05%: three significant figures at most, no exponents."""
    percent = min(abs(relative) * 100, sys.float_info.max)
    places = 0 if percent >= 100 or percent == 0 else min(4, 2 - math.floor(math.log10(percent)))
    text = fmt_number(percent, f",.{max(places, 0)}f")
    if "." in text and "e" not in text:
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
    absolute, relative = finite(difference["absolute"]), finite(difference["relative"])
    if absolute is None:
        return {"text": NO_VALUE, "direction": "none"}
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
        _bytes_row(f"Stored over {significant(storage['years'])} years ({copies})",
                   storage["bytes_total"], derivation=texts.get("storage.bytes_total")),
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


def _step_key(step) -> str:
    """A route step as written, as text: a key, {"key", "fan_out"}, or alternatives
    ("cdn | lb + origin"); the availability table groups alternatives as the design does,
    which the parsed design (its paths) no longer tells."""
    if isinstance(step, dict) and isinstance(step.get("any_of"), list):
        return " | ".join(" + ".join(map(_step_key, path)) for path in step["any_of"]
                          if isinstance(path, list))
    return str(step.get("key", "")) if isinstance(step, dict) else str(step)


def _route_keys(workload: dict) -> list[str]:
    """The components of a route, each once (as availability.route_availability counts them)."""
    route = workload.get("route")
    return list(dict.fromkeys(_step_key(s) for s in route if s)) if isinstance(route, list) else []


def route_texts(document: dict) -> list[dict]:
    """Each workload's name and route as the availability table shows it:
    "client → cdn | lb + origin → db"."""
    workloads = document.get("workloads")
    return [{"name": str(w.get("name", "")), "route": " → ".join(_route_keys(w))}
            for w in workloads if isinstance(w, dict)] if isinstance(workloads, list) else []


def route_method(item: dict) -> str:
    """How a route's availability was worked out: "series", "exact, 2 paths" or "Monte Carlo,
    3 paths (95%: 99.91% to 99.95%)" (estimates stored before methods say "series")."""
    method, paths = item.get("method", "series"), item.get("paths", 1)
    if method == "series":
        return "series"
    text = f"{'exact' if method == 'exact' else 'Monte Carlo'}, {paths} paths"
    interval = item.get("interval")
    if method == "monte_carlo" and interval:
        low, high = interval
        text += f" (95%: {fmt_percent(low, 4)} to {fmt_percent(high, 4)})"
    return text


def route_availability_rows(document: dict, estimate: dict) -> list[dict]:
    """Each workload's route in series: its components' availabilities multiplied,
    "99.9% x 99.99% = 99.89%", with the route's availability and nines from the estimate."""
    by_key = {c["key"]: c["availability"] for c in estimate["availability"]["components"]}
    routes = {w.get("name"): _route_keys(w) for w in document.get("workloads") or []
              if isinstance(w, dict)}
    texts = derivation_texts(estimate)
    rows = []
    for item in estimate["availability"]["workloads"]:
        keys = routes.get(item["name"], [])
        factors = [fmt_percent(by_key.get(key), 6) if key in by_key else f"({key})"
                   for key in keys]
        overall = fmt_percent(item["availability"], 6)
        rows.append(_with_derivation({
            "name": item["name"],
            "route": " → ".join(keys),
            "formula": f"{' x '.join(factors)} = {overall}" if factors else overall,
            "availability": overall,
            "nines": fmt_nines(item["nines"]),
            "method": route_method(item),
        }, texts.get(f"availability.workloads[{item['name']}]")))
    return rows


# ---- importance, N+1, latency, growth, cost, uncertainty, sensitivity -----------------------
# Estimates stored before these keys existed have none of them: each function answers an
# empty section then.

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


def _names(estimate: dict) -> dict[str, str]:
    return {c["key"]: c.get("name", c["key"]) for c in estimate.get("components", [])}


def importance_rows(estimate: dict, top: int = 5) -> list[dict]:
    """The components whose perfection would raise availability most, best first: the
    availability if perfect and the gain in percentage points (none that gain nothing)."""
    names = _names(estimate)
    ranked = estimate.get("importance", {}).get("components", [])
    return [
        {"key": c["key"], "name": names.get(c["key"], c["key"]),
         "if_perfect": fmt_percent(c["availability_if_perfect"], 6),
         "gain": fmt_percent(c["improvement"], 6).rstrip("%") + " pp"}
        for c in ranked[:top] if c["improvement"] >= 5e-9  # what fmt_percent(.., 6) shows
    ]


def improve_first(estimate: dict) -> str | None:
    """"Improve Object store first: availability would rise from 99.98970% to 99.99970%."
    (None when no component would raise it)."""
    key = estimate.get("importance", {}).get("improve_first")
    ranked = {c["key"]: c for c in estimate.get("importance", {}).get("components", [])}
    if key is None or key not in ranked:
        return None
    now = fmt_percent(estimate["availability"]["overall"], 6)
    then = fmt_percent(ranked[key]["availability_if_perfect"], 6)
    return (f"Improve {_names(estimate).get(key, key)} first: availability would rise "
            f"from {now} to {then}.")


def n_plus_one_by_key(estimate: dict) -> dict[str, dict]:
    """Each component's N+1 verdict: "passes" or "fails", and the peak use after losing
    one instance ("93%", or "—" without a capacity)."""
    return {
        item["key"]: {"verdict": "passes" if item["passes"] else "fails",
                      "passes": item["passes"],
                      "after": _utilization(item["utilization_after"])}
        for item in estimate.get("n_plus_one", [])
    }


def with_n_plus_one(rows: list[dict], estimate: dict) -> list[dict]:
    """component_table rows, each with its N+1 verdict (None when not checked)."""
    verdicts = n_plus_one_by_key(estimate)
    return [{**row, "n_plus_one": verdicts.get(row["key"])} for row in rows]


LATENCY_NOTE = (
    "Each component is an M/M/c queue at peak (c instances, service rate from its capacity). "
    "Percentiles assume an exponential tail (p95 = 3.0 x mean, p99 = 4.6 x mean), exact for "
    "one server and conservative for several; a route's figures are the sums of its steps'.")


def latency_tables(estimate: dict) -> dict:
    """Latency at peak: components with a capacity (utilisation, wait probability, mean,
    p95, p99, steep) and each workload's route (mean, p95, p99)."""
    latency = estimate.get("latency")
    if not latency:
        return {}
    names = _names(estimate)
    components = [
        {"key": c["key"], "name": names.get(c["key"], c["key"]),
         "utilization": _utilization(c["utilization"]),
         "wait_probability": fmt_fraction(c["wait_probability"], 1),
         "mean": fmt_ms(c["mean_latency_ms"]), "p95": fmt_ms(c["p95_ms"]),
         "p99": fmt_ms(c["p99_ms"]), "steep": c["steep"]}
        for c in latency["components"] if c["utilization"] is not None
    ]
    workloads = [
        {"name": w["name"], "mean": fmt_ms(w["mean_ms"]), "p95": fmt_ms(w["p95_ms"]),
         "p99": fmt_ms(w["p99_ms"])}
        for w in latency["workloads"]
    ]
    steep = [names.get(key, key) for key in latency.get("steep", [])]
    return {"components": components, "workloads": workloads, "steep": steep,
            "note": LATENCY_NOTE}


def growth_summary(estimate: dict) -> dict:
    """The growth rate as text, each year's peak and storage, and the limits' messages."""
    growth = estimate.get("growth")
    if not growth:
        return {}
    years = [
        {"year": y["year"], "factor": fmt_factor(y["traffic_factor"]),
         "peak": exact_rate(y["peak_rps"]), "added": fmt_bytes(y["storage_added_bytes"]),
         "cumulative": fmt_bytes(y["storage_cumulative_bytes"])}
        for y in growth["years"]
    ]
    return {"rate": f"{fmt_fraction(growth['rate'])} a year", "no_growth": not growth["rate"],
            "years": years, "limits": [limit["message"] for limit in growth["limits"]]}


def cost_summary(estimate: dict) -> dict:
    """Monthly cost: each component with a price, and compute, storage, egress and total."""
    cost = estimate.get("cost")
    if not cost:
        return {}
    currency, names = cost["currency"], _names(estimate)
    rows = [
        {"key": c["key"], "name": names.get(c["key"], c["key"]), "kind": c["kind"],
         "instances": c["instances"], "unit": fmt_money(c["unit_month"], currency),
         "month": fmt_money(c["month"], currency)}
        for c in cost["components"] if c["month"]
    ]
    money = {name: fmt_money(cost.get(key), currency) for name, key in (
        ("compute", "compute_month"), ("storage", "storage_month"),
        ("storage_at_end", "storage_month_at_end"), ("egress", "egress_month"),
        ("total", "total_month"))}
    return {"currency": currency, "components": rows, **money}


def _headline_units() -> dict[str, tuple[str, str]]:
    return {key: (label, unit) for key, label, unit in HEADLINE_FIGURES}


def uncertainty_table(estimate: dict) -> dict:
    """P10, P50 and P90 of each headline figure (empty rows when no input is a range)."""
    uncertainty = estimate.get("uncertainty")
    if not uncertainty:
        return {}
    units = _headline_units()
    rows = []
    for item in uncertainty["figures"]:
        unit = units.get(item["key"], ("", "number"))[1]
        rows.append({"key": item["key"], "label": item["label"],
                     **{p: _figure_value(item[p], unit) for p in ("p10", "p50", "p90")}})
    return {"samples": uncertainty["samples"], "seed": uncertainty["seed"],
            "inputs": uncertainty["inputs"], "rows": rows}


SENSITIVITY_FIGURES = ("traffic.peak_rps", "storage.bytes_total", "availability.overall",
                       "headroom.factor")


def sensitivity_table(estimate: dict, keys=SENSITIVITY_FIGURES, top: int = 3) -> dict:
    """The inputs that move a few headline figures most: each figure at -10% and +10% of
    the input, and the swing; `skipped` says why when the engine skipped it."""
    sensitivity = estimate.get("sensitivity")
    if not sensitivity:
        return {}
    units = _headline_units()
    by_key = {f["key"]: f for f in sensitivity.get("figures", [])}
    figures = []
    for key in keys:
        drivers = by_key.get(key, {}).get("drivers", [])[:top]
        label, unit = units.get(key, (key, "number"))
        figures.append({"key": key, "label": label, "drivers": [
            {"input": d["input"], "low": _figure_value(d["low"], unit),
             "high": _figure_value(d["high"], unit), "swing": fmt_fraction(d["swing"], 1)}
            for d in drivers if abs(d["swing"]) >= 5e-4]})  # what "0.1%" shows
    change = sensitivity.get("change", 0.1)
    return {"change": f"{change:.0%}", "skipped": sensitivity.get("skipped"),
            "figures": [f for f in figures if f["drivers"]]}
