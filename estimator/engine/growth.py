"""Growth: traffic rising by `growth_rate` a year, and the year each limit is passed.

Year 1 carries today's traffic; year y carries (1 + growth_rate)^(y - 1) of it.
Storage added in a year grows with it; a component's capacity is passed in the
first year its peak utilisation exceeds 100%, its storage in the first year
what it keeps exceeds `storage_bytes`. The horizon is the retention period.
"""

import math

from estimator.engine.defaults import DAYS_PER_YEAR


def _factor(rate: float, year: int) -> float:
    return (1.0 + rate) ** (year - 1)


def _capacity_year(utilization: float | None, rate: float, horizon: int) -> int | None:
    if not utilization:
        return None
    for year in range(1, horizon + 1):
        if utilization * _factor(rate, year) > 1.0:
            return year
    return None


def _storage_year(row: dict, rate: float, horizon: int, years: float) -> int | None:
    if row["storage_bytes"] is None or not row["stored_bytes_total"]:
        return None
    per_year = row["stored_bytes_total"] / years  # what it keeps a year at today's traffic
    kept = 0.0
    for year in range(1, horizon + 1):
        kept += per_year * _factor(rate, year)
        if kept > row["storage_bytes"]:
            return year
    return None


def growth(assumptions, storage: dict, traffic: dict, rows: list[dict]) -> dict:
    rate = assumptions.growth_rate
    horizon = max(1, math.ceil(assumptions.retention_years))
    per_year = storage["bytes_per_day"] * DAYS_PER_YEAR
    years, cumulative = [], 0.0
    for year in range(1, horizon + 1):
        factor = _factor(rate, year)
        cumulative += per_year * factor
        years.append({"year": year, "traffic_factor": factor,
                      "peak_rps": traffic["peak_rps"] * factor,
                      "storage_added_bytes": per_year * factor,
                      "storage_cumulative_bytes": cumulative})
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
