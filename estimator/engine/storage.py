"""Storage over time, the cache the handbook's 80/20 rule asks for, and where data lands."""

from estimator.engine.defaults import DAYS_PER_YEAR, SECONDS_PER_DAY, STORAGE_KINDS
from estimator.engine.growth import year_rows
from estimator.engine.model import Design, Workload

Rates = list[tuple[Workload, float, float]]


def _daily_bytes(workload: Workload, rps: float) -> tuple[float, float]:
    """(text, media) bytes one write workload keeps per day, one copy."""
    if workload.kind != "write":
        return 0.0, 0.0
    writes_per_day = rps * SECONDS_PER_DAY
    return (writes_per_day * workload.stored_bytes,
            writes_per_day * workload.media_fraction * workload.media_bytes)


def storage(design: Design, rates: Rates) -> dict:
    copies = design.assumptions.replication_factor
    years = design.assumptions.retention_years
    daily = [_daily_bytes(w, rps) for w, rps, _ in rates]
    text = sum(t for t, _ in daily) * copies
    media = sum(m for _, m in daily) * copies
    per_day = text + media
    return {
        "by_year": _by_year(text, media, years),
        "bytes_per_day": per_day,
        "bytes_per_year": per_day * DAYS_PER_YEAR,
        "bytes_total": per_day * DAYS_PER_YEAR * years,
        "text_bytes_per_day": text,
        "media_bytes_per_day": media,
        "years": years,
        "replication_factor": copies,
    }


def _by_year(text_per_day: float, media_per_day: float, years: float) -> list[dict]:
    """Storage kept at the end of each year of the retention period, for growth charts (at
    most limits.MAX_YEAR_ROWS years, sampled evenly over a longer period)."""
    ends = [float(year) for year in year_rows(int(years))] if years >= 1 else []
    if not ends or ends[-1] < years:
        ends.append(float(years))  # a fractional period ends mid-year
    return [
        {
            "year": end,
            "text_bytes": text_per_day * DAYS_PER_YEAR * end,
            "media_bytes": media_per_day * DAYS_PER_YEAR * end,
            "total_bytes": (text_per_day + media_per_day) * DAYS_PER_YEAR * end,
        }
        for end in ends
    ]


def _store_of(design: Design, workload: Workload, kinds: tuple[str, ...]) -> str | None:
    if workload.store is not None and kinds == STORAGE_KINDS:
        return workload.store
    for step in reversed(workload.route):
        if design.component(step.key).kind in kinds:
            return step.key
    return None


def stored_per_component(design: Design, rates: Rates) -> dict[str, float]:
    """Bytes each store keeps over the retention period, one copy.

    A write's record goes to its `store` (by default the last database, object
    store or search component on its route); its media goes to the route's
    object store when there is one, else to the same store.
    """
    period_days = DAYS_PER_YEAR * design.assumptions.retention_years
    totals: dict[str, float] = {}
    for workload, rps, _ in rates:
        text, media = _daily_bytes(workload, rps)
        store = _store_of(design, workload, STORAGE_KINDS)
        media_store = _store_of(design, workload, ("object_store",)) or store
        for key, daily in ((store, text), (media_store, media)):
            if key is not None and daily:
                totals[key] = totals.get(key, 0.0) + daily * period_days
    return totals


def cache_need_per_component(design: Design, rates: Rates) -> dict[str, float]:
    """Memory each cache needs: `cache_fraction` of the daily reads that pass through it."""
    fraction = design.assumptions.cache_fraction
    needs: dict[str, float] = {}
    for workload, rps, _ in rates:
        if workload.kind != "read":
            continue
        daily = rps * SECONDS_PER_DAY * workload.response_bytes
        for key in dict.fromkeys(step.key for step in workload.route):
            if design.component(key).kind == "cache":
                needs[key] = needs.get(key, 0.0) + fraction * daily
    return needs


def cache(design: Design, rates: Rates) -> dict:
    """Memory to hold `cache_fraction` of the daily read volume (the 80/20 rule)."""
    read_bytes_per_day = sum(
        rps * SECONDS_PER_DAY * w.response_bytes for w, rps, _ in rates if w.kind == "read"
    )
    caches = [c for c in design.components if c.kind == "cache" and c.memory_bytes is not None]
    memory = sum(c.memory_bytes * c.serving_instances for c in caches) if caches else None
    return {
        "bytes_per_day": design.assumptions.cache_fraction * read_bytes_per_day,
        "memory_bytes": memory,
    }
