"""A "size to meet SLOs" proposal (engine.sizing) as text: the API's `_text` fields beside
its figures, and the design page's tables (changes, figures before -> after, unmet targets).
"""

from estimator.engine.availability import nines
from estimator.present.units import fmt_fraction, fmt_money, fmt_ms, fmt_nines, fmt_percent

NO_SLOS = ("Sizing needs targets: add `slos` to the design in the JSON tab of the editor "
           "(an availability such as 0.999, a p99 in ms per workload, a monthly budget), save, "
           "and size again.")
SEARCHED = ("Only instance counts change: capacities, hit ratios, kinds, redundancy and "
            "routes stay as they are. Every count is checked with the estimate itself.")
STATUS_TEXT = {
    "met": "Every target is met with these instance counts.",
    "cannot meet": "Not every target can be met by instance counts: see below.",
    "no slos": "This design states no SLOs.",
}


def _availability(value: float) -> str:
    """99.9998% (5.70 nines); a perfect 1.0 has no nines to give."""
    count = nines(value)
    return fmt_percent(value, 6) if count is None else \
        f"{fmt_percent(value, 6)} ({fmt_nines(count)} nines)"


def _signed_money(value: float, currency: str) -> str:
    """+$980, −$420, $0 a month."""
    if value == 0:
        return f"{fmt_money(0, currency)}/month"
    sign = "+" if value > 0 else "−"
    return f"{sign}{fmt_money(abs(value), currency)}/month"


def _figures_texts(figures: dict, currency: str) -> dict:
    return {
        **figures,
        "availability_text": _availability(figures["availability"]),
        "p99_ms": [{**w, "p99_text": fmt_ms(w["p99_ms"])} for w in figures["p99_ms"]],
        "cost_month_text": f"{fmt_money(figures['cost_month'], currency)}/month",
        "utilization_max_text": fmt_fraction(figures["utilization_max"], 1),
    }


def with_texts(proposal: dict) -> dict:
    """The proposal, unchanged, with display strings beside its figures: `status_text`,
    each change's `cost_change_month` and `cost_change_text`, and the figures before and
    after as text (`availability_text`, `p99_text`, `cost_month_text`,
    `utilization_max_text`)."""
    currency = proposal["currency"]
    changes = []
    for change in proposal["changes"]:
        delta = change["cost_month_to"] - change["cost_month_from"]
        changes.append({**change, "cost_change_month": delta,
                        "cost_change_text": _signed_money(delta, currency)})
    return {
        **proposal,
        "status_text": STATUS_TEXT[proposal["status"]],
        "changes": changes,
        "before": _figures_texts(proposal["before"], currency),
        "after": _figures_texts(proposal["after"], currency),
    }


def sizing_table(proposal: dict) -> dict:
    """What the design page shows of a proposal: `status`, `headline`, `empty` (the empty
    state's text without SLOs, else ""), `changes` (name, key, instances "1 → 15", cost
    change), `cost_change` (the whole month's), `figures` (label, before, after, changed),
    `unmet` (target, reason) and `note` (what the search changes)."""
    shown = with_texts(proposal)
    before, after = shown["before"], shown["after"]
    figures = [("Availability (requests served)", before["availability_text"],
                after["availability_text"])]
    figures += [(f"p99 of '{b['name']}'", b["p99_text"], a["p99_text"])
                for b, a in zip(before["p99_ms"], after["p99_ms"], strict=True)]
    figures += [("Monthly cost", before["cost_month_text"], after["cost_month_text"]),
                ("Busiest component at peak", before["utilization_max_text"],
                 after["utilization_max_text"])]
    return {
        "status": shown["status"],
        "headline": shown["status_text"],
        "empty": NO_SLOS if shown["status"] == "no slos" else "",
        "changes": [{"key": c["key"], "name": c["name"],
                     "instances": f"{c['instances_from']:,} → {c['instances_to']:,}",
                     "cost_change": c["cost_change_text"]} for c in shown["changes"]],
        "cost_change": _signed_money(after["cost_month"] - before["cost_month"],
                                     shown["currency"]),
        "figures": [{"label": label, "before": was, "after": will, "changed": was != will}
                    for label, was, will in figures],
        "unmet": shown["unmet"],
        "note": SEARCHED,
    }
