"""Monthly cost: instances at their kind's price, storage per GB-month, egress per GB.

Prices come from defaults.py (AWS list prices, documented there) unless the
design's `prices` or a component's `price_month` override them. The total a
month counts the storage kept at the end of the first year; the storage bill
at the end of the retention period is given beside it.
"""

from estimator.engine.defaults import (
    DAYS_PER_MONTH,
    HOURS_PER_MONTH,
    PRICE_CURRENCY,
    SECONDS_PER_DAY,
)

GB = 1e9


def cost(design, storage: dict, bandwidth: dict) -> dict:
    prices = design.prices
    components = []
    for c in design.components:
        unit = c.price_month if c.price_month is not None else prices.instance_month[c.kind]
        components.append({"key": c.key, "kind": c.kind, "instances": c.instances,
                           "unit_month": unit, "month": unit * c.instances})
    compute = sum(c["month"] for c in components)
    first_year = storage["by_year"][0]["total_bytes"] if storage["by_year"] else 0.0
    egress_gb = bandwidth["egress_bytes_per_s"] * SECONDS_PER_DAY * DAYS_PER_MONTH / GB
    storage_month = first_year / GB * prices.storage_gb_month
    egress_month = egress_gb * prices.egress_gb
    return {
        "currency": PRICE_CURRENCY,
        "components": components,
        "compute_month": compute,
        "storage_month": storage_month,
        "storage_month_at_end": storage["bytes_total"] / GB * prices.storage_gb_month,
        "egress_month": egress_month,
        "total_month": compute + storage_month + egress_month,
        "hours_per_month": HOURS_PER_MONTH,
    }
