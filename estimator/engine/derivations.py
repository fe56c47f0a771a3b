"""Show your work: how each headline figure follows from the inputs, in interview form.

Each derivation is the formula in words, the working with the inputs and their
units, the exact result and the rounded form, e.g.
`reads/s = 10,000,000,000 per month / (30 x 86,400 s) = 3,858/s ~ 4K/s`.
"""

from estimator.engine.availability import workload_availabilities
from estimator.engine.bottlenecks import shares_reads
from estimator.engine.capacity import passes_on
from estimator.engine.defaults import DAYS_PER_MONTH, DAYS_PER_YEAR, SECONDS_PER_DAY
from estimator.engine.model import Design, Workload
from estimator.present.units import (
    approx_bytes,
    approx_count,
    fmt_bytes,
    fmt_count,
    fmt_input,
    fmt_number,
    fmt_percent,
    significant,
)

PERIOD_WORDS = {
    "second": "",
    "day": f" / {SECONDS_PER_DAY:,} s",
    "month": f" / ({DAYS_PER_MONTH} x {SECONDS_PER_DAY:,} s)",
    "year": f" / ({DAYS_PER_YEAR} x {SECONDS_PER_DAY:,} s)",
}


def rate(value: float) -> str:
    return f"{fmt_number(value, ',.0f')}/s" if value >= 100 else f"{significant(value)}/s"


def size(value: float) -> str:
    return fmt_bytes(value) if value >= 1000 else f"{fmt_input(value)} B"


def _derivation(key, label, formula, working, result, exact, rounded) -> dict:
    return {
        "key": key,
        "label": label,
        "formula": formula,
        "working": working,
        "result": result,
        "exact": exact,
        "rounded": rounded,
        "text": f"{formula} = {working} = {exact} ~ {rounded[1:]}",
    }


def _rate_derivation(key, label, formula, working, result) -> dict:
    return _derivation(key, label, formula, working, result, rate(result),
                       approx_count(result) + "/s")


def _bytes_derivation(key, label, formula, working, result, suffix="") -> dict:
    return _derivation(key, label, formula, working, result, fmt_bytes(result) + suffix,
                       approx_bytes(result) + suffix)


def workload_working(workload: Workload, users: float) -> str:
    """One workload's events per second, from its rate as given."""
    if workload.per_user_per_day is not None:
        return (f"{fmt_input(users)} users x {fmt_input(workload.per_user_per_day)} "
                f"per user per day / {SECONDS_PER_DAY:,} s")
    if workload.per == "second":
        return f"{fmt_input(workload.rate)}/s"
    return f"{fmt_input(workload.rate)} per {workload.per}{PERIOD_WORDS[workload.per]}"


def _sum_working(parts: list[str], empty: str = "none") -> str:
    return " + ".join(f"({p})" if len(parts) > 1 else p for p in parts) if parts else empty


def _traffic(design: Design, rates, traffic: dict) -> list[dict]:
    users = design.assumptions.daily_active_users
    found = []
    for kind, noun in (("read", "reads"), ("write", "writes")):
        parts = [workload_working(w, users) for w, _, _ in rates if w.kind == kind]
        found.append(_rate_derivation(
            f"traffic.{kind}_rps", f"{noun.capitalize()} per second", f"{noun}/s",
            _sum_working(parts, f"no {kind} workloads"), traffic[f"{kind}_rps"]))
    found.append(_rate_derivation(
        "traffic.total_rps", "Requests per second", "requests/s = reads/s + writes/s",
        f"{rate(traffic['read_rps'])} + {rate(traffic['write_rps'])}", traffic["total_rps"]))
    factors = {w.peak_factor for w, _, _ in rates if w.peak_factor is not None}
    factor = f"peak factor {design.assumptions.peak_factor:g}" + (
        " (and the workloads' own)" if factors else "")
    found.append(_rate_derivation(
        "traffic.peak_rps", "Requests per second at peak",
        "peak requests/s = requests/s x " + factor,
        f"{rate(traffic['total_rps'])} x {design.assumptions.peak_factor:g}",
        traffic["peak_rps"]))
    return found


def _write_parts(rates) -> list[str]:
    parts = []
    for w, rps, _ in rates:
        if w.kind != "write":
            continue
        per_day = rps * SECONDS_PER_DAY
        part = f"{fmt_count(per_day)} writes/day x {size(w.stored_bytes)}"
        if w.media_fraction and w.media_bytes:
            part += (f" + {fmt_count(per_day)} x {fmt_input(w.media_fraction)}"
                     f" x {size(w.media_bytes)}")
        parts.append(part)
    return parts


def _storage(design: Design, rates, storage: dict) -> list[dict]:
    copies = design.assumptions.replication_factor
    working = _sum_working(_write_parts(rates))
    if copies > 1:
        working = f"({working}) x {copies} copies"
    per_day = storage["bytes_per_day"]
    records = sum(rps for w, rps, _ in rates if w.kind == "write") * SECONDS_PER_DAY
    years = storage["years"]
    found = [
        _bytes_derivation("storage.bytes_per_day", "Storage per day",
                          "storage/day = writes/day x bytes per write (+ media)"
                          + (" x replication" if copies > 1 else ""), working, per_day),
        _bytes_derivation("storage.bytes_per_year", "Storage per year",
                          "storage/year = storage/day x 365", f"{fmt_bytes(per_day)} x 365",
                          storage["bytes_per_year"]),
        _bytes_derivation("storage.bytes_total", f"Storage over {years:g} years",
                          f"storage over {years:g} years = storage/day x 365 x {years:g}"
                          f" ({fmt_count(records * DAYS_PER_YEAR * years)} records)",
                          f"{fmt_bytes(per_day)} x 365 x {years:g}", storage["bytes_total"]),
    ]
    if storage["media_bytes_per_day"]:
        media = [f"{fmt_count(rps * SECONDS_PER_DAY)} x {fmt_input(w.media_fraction)} x "
                 f"{size(w.media_bytes)}" for w, rps, _ in rates
                 if w.kind == "write" and w.media_fraction and w.media_bytes]
        found.append(_bytes_derivation(
            "storage.media_bytes_per_day", "Media storage per day",
            "media/day = writes/day x media share x media size", _sum_working(media),
            storage["media_bytes_per_day"]))
    return found


def _bandwidth(rates, bandwidth: dict) -> list[dict]:
    ingress = []
    for w, rps, _ in rates:
        if w.request_bytes:
            ingress.append(f"{rate(rps)} x {size(w.request_bytes)}")
        if w.media_fraction and w.media_bytes:
            ingress.append(f"{rate(rps)} x {fmt_input(w.media_fraction)} x {size(w.media_bytes)}")
    egress = [f"{rate(rps)} x {size(w.response_bytes)}" for w, rps, _ in rates
              if w.response_bytes]
    return [
        _bytes_derivation("bandwidth.ingress_bytes_per_s", "Incoming bandwidth",
                          "incoming = requests/s x request size (+ media uploads)",
                          _sum_working(ingress), bandwidth["ingress_bytes_per_s"], "/s"),
        _bytes_derivation("bandwidth.egress_bytes_per_s", "Outgoing bandwidth",
                          "outgoing = requests/s x response size", _sum_working(egress),
                          bandwidth["egress_bytes_per_s"], "/s"),
    ]


def _cache(design: Design, rates, cache: dict) -> dict:
    parts = [f"{fmt_count(rps * SECONDS_PER_DAY)} reads/day x {size(w.response_bytes)}"
             for w, rps, _ in rates if w.kind == "read" and w.response_bytes]
    fraction = design.assumptions.cache_fraction
    return _bytes_derivation(
        "cache.bytes_per_day", "Cache memory per day",
        f"cache = {fraction:.0%} of the daily read volume (the 80/20 rule)",
        f"{fmt_input(fraction)} x {_sum_working(parts)}", cache["bytes_per_day"])


def _availability(availability: dict, traffic: dict) -> dict:
    overall = availability["overall"]
    parts = [f"{rate(w['rps'])} x {fmt_percent(a['availability'], 6)}"
             for w, a in zip(traffic["workloads"], availability["workloads"], strict=True)]
    names = [w["name"] for w in traffic["workloads"]]
    if len(parts) > 1:
        working = f"({' + '.join(parts)}) / {rate(traffic['total_rps'])}"
    else:
        working = f"the route of {names[0]}" if names else "every component in series"
    return _derivation(
        "availability.overall", "Availability",
        "availability = each workload's route in series, weighted by its traffic", working,
        overall, fmt_percent(overall, 6), f"~{fmt_percent(overall, 3)}")


def _requests_served(availability: dict, traffic: dict,
                     served_routes: list[float] | None = None) -> dict:
    """`served_routes`: each route's availability as requests served count it, when a step
    with a timeout or retries holds its component's downtime in its calls (engine.retries);
    the routes' own availabilities otherwise."""
    served = availability["requests_served"]
    routes = served_routes or [w["availability"] for w in availability["workloads"]]
    shares = availability["served_shares"]
    parts = [f"{rate(w['rps'])} x {fmt_percent(a, 6)} x {fmt_percent(s, 4)}"
             for w, a, s in zip(traffic["workloads"], routes, shares, strict=True)]
    if len(parts) > 1:
        working = f"({' + '.join(parts)}) / {rate(traffic['total_rps'])}"
    elif parts:
        working = (f"{fmt_percent(routes[0], 6)} x "
                   f"{fmt_percent(shares[0], 4)} served")
    else:
        working = "no workloads: availability"
    return _derivation(
        "availability.requests_served", "Availability of requests served",
        "requests served = each workload's route availability x its share served at peak, "
        "weighted by its traffic", working, served, fmt_percent(served, 6),
        f"~{fmt_percent(served, 3)}")


def _step_factor(design: Design, step, kind: str, by_key: dict) -> str | None:
    """One step's served share as text, or None when nothing on it sheds: `api 2K/2.2K
    (90.91%)`; on a replica group, its members' shares weighted by their part of the
    requests."""
    spread = design.spread(step.key, kind)
    if not any(by_key[key]["shed_share"] > 0 for key, _ in spread):
        return None

    def share(key) -> str:
        c = by_key[key]
        return (f"{key} {fmt_count(c['served_rps'])}/{fmt_count(c['offered_rps'])} "
                f"({fmt_percent(1.0 - c['shed_share'], 4)})")

    if len(spread) == 1:
        return share(spread[0][0])
    total = sum(part * (1.0 - by_key[key]["shed_share"]) for key, part in spread)
    members = " + ".join(f"{fmt_percent(part, 2)} x {share(key)}" for key, part in spread)
    return (f"the group of {step.key} ({shares_reads(step.key, design.replica_groups)}: "
            f"{members} = {fmt_percent(total, 4)})")


def _served_shares(design: Design, rates, overload: dict, retries: dict) -> list[dict]:
    """Each workload's share served at peak: the product of the served shares of the
    steps along its route (only those that shed are written out), a step with a timeout
    or retries counting the share of its calls served (engine.retries)."""
    by_key = {c["key"]: c for c in overload["components"]}
    guarded = {(w["name"], s["index"]): s for w in retries["workloads"] for s in w["steps"]}
    steps_of = {w["name"]: w["steps"] for w in retries["workloads"]}
    found = []
    for (w, _, peak), row in zip(rates, overload["workloads"], strict=True):
        factors = [f for f in (_step_factor(design, step, w.kind, by_key)
                               for index, step in enumerate(w.route)
                               if (w.name, index) not in guarded) if f]
        factors += [f"{s['key']} calls served 1 - q^{s['retries'] + 1} "
                    f"({fmt_percent(1.0 - s['call_failure'], 4)})"
                    for s in steps_of.get(w.name, ()) if s["call_failure"] > 0]
        working = " x ".join(factors) if factors else "no component on its route is overloaded"
        share = row["served_share"]
        found.append({
            "key": f"overload.workloads[{w.name}]", "label": f"Served share of {w.name}",
            "text": (f"{w.name}: served share at peak = product of served/offered along its "
                     f"route = {working} = {fmt_percent(share, 4)} of {rate(peak)} "
                     f"({rate(peak - peak * share)} lost)"),
        })
    return found


def _served_share(overload: dict) -> dict:
    """The share of all peak requests served: the workloads' shares weighted by peak."""
    share = overload["served_share"]
    rows = overload["workloads"]
    total = sum(w["peak_rps"] for w in rows)
    parts = [f"{rate(w['peak_rps'])} x {fmt_percent(w['served_share'], 4)}" for w in rows]
    if len(parts) > 1 and total:
        working = f"({' + '.join(parts)}) / {rate(total)}"
    elif parts:
        working = f"{rows[0]['name']} alone: {fmt_percent(rows[0]['served_share'], 4)}"
    else:
        working = "no workloads: all"
    return _derivation(
        "overload.served_share", "Share of peak requests served",
        "served share = each workload's share served at peak, weighted by its peak traffic",
        working, share, fmt_percent(share, 4), f"~{fmt_percent(share, 2)}")


def _group_flows(design: Design, rates) -> dict[str, list[float]]:
    """Peak reads and writes per second reaching each replica group (by its primary),
    walking the routes as capacity.route_loads does."""
    flows = {group[0]: [0.0, 0.0] for group in design.replica_groups.values()}
    for workload, _, peak in rates:
        flow = peak
        for step in workload.route:
            flow *= step.fan_out
            group = design.replica_groups.get(step.key)
            if group:
                flows[group[0]][workload.kind != "read"] += flow
            flow *= sum(part * passes_on(design.component(key), workload.kind)
                        for key, part in design.spread(step.key, workload.kind))
    return flows


def _replica_spreads(design: Design, rates) -> list[dict]:
    """Each member of a replica group: its part of the group's reads (by serving capacity)
    and, for the primary, the writes."""
    flows = _group_flows(design, rates)
    found = []
    for primary, (reads, writes) in flows.items():
        group = design.replica_groups[primary]
        spread = dict(design.spread(primary, "read"))
        members = [design.component(key) for key in group]
        capacities = [None if c.capacity_rps is None else c.capacity_rps * c.serving_instances
                      for c in members]
        if None in capacities or not sum(capacities):
            how = f"evenly (a member has no capacity_rps): 1 of {len(group)}"
        else:
            how = ("by serving capacity (" + " + ".join(
                f"{key} {rate(c)}" for key, c in zip(group, capacities, strict=True))
                + f" = {rate(sum(capacities))})")
        write_to = dict(design.spread(primary, "write"))
        for key in group:
            part = spread.get(key, 0.0)
            load = reads * part + writes * write_to.get(key, 0.0)
            write_part = (f" + writes {rate(writes)}" if write_to.get(key) else
                          f"; writes go to {next(iter(write_to))}")
            found.append({
                "key": f"replicas[{key}]", "label": f"Replica spread of {key}",
                "text": (f"{key}: {shares_reads(key, design.replica_groups)}; reads reaching "
                         f"the group at peak {rate(reads)} spread {how}: {key} takes "
                         f"{fmt_percent(part, 2)} = {rate(reads * part)}{write_part}: "
                         f"peak load {rate(load)}"),
            })
    return found


def route_working(workload: Workload, by_key: dict[str, float], result: float) -> str:
    """`lb 99.99% x api 99.9999% x db 99.95% = 99.94%`: one route in series; with
    alternatives, `any of (cdn 99.9%) | (lb 99.99% x origin 99.9%) = ...`, stage by stage
    (so the text grows with the route as written, not with the paths it makes)."""

    def series_of(keys) -> str:
        return " x ".join(f"{key} {fmt_percent(by_key[key], 6)}" for key in dict.fromkeys(keys))

    def stage_of(options) -> str:
        if len(options) == 1:
            return series_of(options[0])
        return "any of " + " | ".join(f"({series_of(option)})" for option in options)

    if len(workload.paths) > 1:
        return f"{' x '.join(map(stage_of, workload.stages))} = {fmt_percent(result, 6)}"
    factors = series_of(workload.paths[0]) if workload.paths else ""
    return f"{factors or 'no components'} = {fmt_percent(result, 6)}"


def derivations(design: Design, rates, estimate: dict,
                served_routes: list[float] | None = None) -> list[dict]:
    """The derivation of every headline figure, in the order of the handbook's table.
    `served_routes`: see _requests_served."""
    by_key = {c["key"]: c["availability"] for c in estimate["availability"]["components"]}
    routes = [
        {"key": f"availability.workloads[{w.name}]", "label": f"Route of {w.name}",
         "text": f"{w.name}: " + route_working(
             w, workload_availabilities(design, w, by_key), a["availability"])}
        for (w, _, _), a in zip(rates, estimate["availability"]["workloads"], strict=True)
    ]
    return [
        *_traffic(design, rates, estimate["traffic"]),
        *_storage(design, rates, estimate["storage"]),
        *_bandwidth(rates, estimate["bandwidth"]),
        _cache(design, rates, estimate["cache"]),
        _availability(estimate["availability"], estimate["traffic"]),
        _requests_served(
            {**estimate["availability"],
             "served_shares": [w["served_share"] for w in estimate["overload"]["workloads"]]},
            estimate["traffic"], served_routes),
        _served_share(estimate["overload"]),
        *routes,
        *_served_shares(design, rates, estimate["overload"], estimate["retries"]),
        *_replica_spreads(design, rates),
    ]
