"""Growth: traffic rising by `growth_rate` a year, and the year each limit is passed.

Year 1 carries today's traffic; year y carries (1 + growth_rate)^(y - 1) of it.
Storage added in a year grows with it; a component's capacity is passed in the
first year its peak utilisation exceeds 100%, its storage in the first year
what it keeps exceeds `storage_bytes`. The horizon is the retention period.

Each year is found by a search over the years, not a walk through them, so a long
period costs no more than a short one; `years` lists at most limits.MAX_YEAR_ROWS
years (sampled evenly over a longer period, the first and last always kept).
Validation bounds the growth over the period (limits.MAX_GROWTH_FACTOR), so every
figure here is finite.
"""

import math

from estimator.engine.defaults import DAYS_PER_YEAR
from estimator.engine.limits import MAX_YEAR_ROWS


def _factor(rate: float, year: int) -> float:
    return (1.0 + rate) ** (year - 1)


def _added_by(rate: float, year: int) -> float:
    """Years of today's storage kept by the end of `year`: sum of the factors of years 1..year."""
    if rate == 0:
        return float(year)
    return math.expm1(year * math.log1p(rate)) / rate


def _first_year(passes, horizon: int) -> int | None:
    """The first year in 1..horizon for which `passes(year)` is true (it stays true after)."""
    if not passes(horizon):
        return None
    low, high = 1, horizon
    while low < high:
        middle = (low + high) // 2
        if passes(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _capacity_year(utilization: float | None, rate: float, horizon: int) -> int | None:
    if not utilization:
        return None
    return _first_year(lambda year: utilization * _factor(rate, year) > 1.0, horizon)


def _storage_year(row: dict, rate: float, horizon: int, years: float) -> int | None:
    if row["storage_bytes"] is None or not row["stored_bytes_total"]:
        return None
    per_year = row["stored_bytes_total"] / years  # what it keeps a year at today's traffic
    return _first_year(lambda year: per_year * _added_by(rate, year) > row["storage_bytes"],
                       horizon)


def year_rows(horizon: int) -> list[int]:
    """The years a per-year list shows: every year up to MAX_YEAR_ROWS, else an even sample
    that keeps the first and the last."""
    if horizon <= MAX_YEAR_ROWS:
        return list(range(1, horizon + 1))
    step = (horizon - 1) / (MAX_YEAR_ROWS - 1)
    return sorted({1 + round(index * step) for index in range(MAX_YEAR_ROWS)})


def growth(assumptions, storage: dict, traffic: dict, rows: list[dict]) -> dict:
    rate = assumptions.growth_rate
    horizon = max(1, math.ceil(assumptions.retention_years))
    per_year = storage["bytes_per_day"] * DAYS_PER_YEAR
    years = []
    for year in year_rows(horizon):
        factor = _factor(rate, year)
        years.append({"year": year, "traffic_factor": factor,
                      "peak_rps": traffic["peak_rps"] * factor,
                      "storage_added_bytes": per_year * factor,
                      "storage_cumulative_bytes": per_year * _added_by(rate, year)})
    limits = []
    for row in rows:
        capacity = _capacity_year(row["utilization"], rate, horizon)
        if capacity is not None:
            limits.append({"component": row["key"], "kind": "capacity", "year": capacity,
                           "message": f"{row['name']} passes its capacity in year {capacity}: "
                                      f"add instances or shard before then."})
        kept = _storage_year(row, rate, horizon, assumptions.retention_years)
        if kept is not None:
            limits.append({"component": row["key"], "kind": "storage", "year": kept,
                           "message": f"{row['name']} outgrows its storage in year {kept}: "
                                      f"it needs sharding or tiering by then."})
    limits.sort(key=lambda limit: (limit["year"], limit["component"]))
    return {"rate": rate, "years": years, "limits": limits}
