import pytest

from estimator.engine import estimate


def _storage(document):
    return estimate(document)["storage"]


def _messages(**assumptions):
    return {
        "name": "messages",
        "assumptions": {"daily_active_users": 50_000_000, **assumptions},
        "workloads": [{"name": "send", "kind": "write", "per_user_per_day": 40,
                       "request_bytes": 100, "media": {"fraction": 0.05, "bytes": 100_000}}],
    }


def test_storage_per_day_year_and_period_with_media_broken_out():
    storage = _storage(_messages(retention_years=10))
    assert storage["text_bytes_per_day"] == pytest.approx(200e9)
    assert storage["media_bytes_per_day"] == pytest.approx(10e12)
    assert storage["bytes_per_day"] == pytest.approx(10.2e12)
    assert storage["bytes_per_year"] == pytest.approx(10.2e12 * 365)
    assert storage["bytes_total"] == pytest.approx(10.2e12 * 365 * 10)
    assert storage["years"] == 10


def test_growth_by_year_ends_at_the_total():
    storage = _storage(_messages(retention_years=10))
    years = storage["by_year"]
    assert [y["year"] for y in years] == list(range(1, 11))
    assert years[0]["media_bytes"] == pytest.approx(10e12 * 365)
    assert years[-1]["total_bytes"] == pytest.approx(storage["bytes_total"])
    last = years[-1]
    assert last["text_bytes"] + last["media_bytes"] == pytest.approx(storage["bytes_total"])


def test_a_fractional_period_ends_with_its_last_part_year():
    years = _storage(_messages(retention_years=2.5))["by_year"]
    assert [y["year"] for y in years] == [1, 2, 2.5]


def test_replication_multiplies_every_stored_figure():
    single, triple = _storage(_messages()), _storage(_messages(replication_factor=3))
    for key in ("bytes_per_day", "bytes_total", "text_bytes_per_day", "media_bytes_per_day"):
        assert triple[key] == pytest.approx(3 * single[key])
    assert triple["replication_factor"] == 3


def test_stored_bytes_default_to_request_bytes_and_reads_store_nothing():
    document = {"name": "s", "workloads": [
        {"name": "w", "kind": "write", "rate": 1, "per": "second", "request_bytes": 10},
        {"name": "r", "kind": "read", "rate": 1000, "per": "second", "request_bytes": 10},
    ]}
    assert _storage(document)["bytes_per_day"] == pytest.approx(10 * 86_400)


def test_cache_is_a_fifth_of_daily_read_volume():
    document = {"name": "c", "workloads": [
        {"name": "r", "kind": "read", "rate": 10e9, "per": "month", "response_bytes": 500}]}
    assert estimate(document)["cache"]["bytes_per_day"] == pytest.approx(0.2 * 10e9 / 30 * 500)


def test_cache_memory_sums_serving_instances(design):
    design["components"][2].update(instances=3, memory_bytes=10e9)
    assert estimate(design)["cache"]["memory_bytes"] == pytest.approx(30e9)


def test_each_store_keeps_its_workloads_data_and_media_goes_to_the_object_store(design):
    design["components"].append({"key": "blobs", "kind": "object_store"})
    design["workloads"][0].update(route=["client", "api", "db", "blobs"],
                                  store="db", media={"fraction": 0.5, "bytes": 10_000})
    rows = {c["key"]: c for c in estimate(design)["components"]}
    days = 365 * 10
    assert rows["db"]["stored_bytes_total"] == pytest.approx(100 * 86_400 * 1000 * days)
    assert rows["blobs"]["stored_bytes_total"] == pytest.approx(100 * 86_400 * 5000 * days)
