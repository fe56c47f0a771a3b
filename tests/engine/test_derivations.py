import json
from pathlib import Path

import pytest

from estimator.engine import estimate

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"


def _derivations(document) -> dict:
    return {d["key"]: d for d in estimate(document)["derivations"]}


@pytest.fixture(scope="module")
def url_shortener() -> dict:
    return _derivations(json.loads((EXAMPLES / "url-shortener.json").read_text()))


def test_reads_per_second_show_the_handbooks_working(url_shortener):
    assert url_shortener["traffic.read_rps"]["text"] == (
        "reads/s = 10,000,000,000 per month / (30 x 86,400 s) = 3,858/s ~ 4K/s")


def test_writes_per_second_are_about_40(url_shortener):
    writes = url_shortener["traffic.write_rps"]
    assert writes["working"] == "100,000,000 per month / (30 x 86,400 s)"
    assert writes["rounded"] == "~40/s"
    assert writes["result"] == pytest.approx(40, rel=0.1)


def test_storage_over_ten_years_is_6_tb_of_12_billion_records(url_shortener):
    total = url_shortener["storage.bytes_total"]
    assert "12.2B records" in total["formula"]
    assert total["working"] == "1.67 GB x 365 x 10"
    assert (total["exact"], total["rounded"]) == ("6.08 TB", "~6 TB")
    assert url_shortener["storage.bytes_per_day"]["working"] == "3.33M writes/day x 500 B"


def test_cache_is_a_fifth_of_the_daily_reads_about_35_gb(url_shortener):
    cache = url_shortener["cache.bytes_per_day"]
    assert cache["working"] == "0.2 x 333M reads/day x 500 B"
    assert cache["result"] == pytest.approx(35e9, rel=0.1)


def test_bandwidth_shows_rate_times_size(url_shortener):
    assert url_shortener["bandwidth.ingress_bytes_per_s"]["working"] == "38.6/s x 500 B"
    assert url_shortener["bandwidth.egress_bytes_per_s"]["text"].endswith("= 1.93 MB/s ~ 1.9 MB/s")


def test_each_route_is_worked_in_series(url_shortener):
    route = url_shortener["availability.workloads[redirect]"]["text"]
    assert route.startswith("redirect: client 100% x ")
    assert " x cache " in route and route.endswith("= 99.999849%")


def test_per_user_rates_and_media_are_shown(design):
    design["workloads"][0]["media"] = {"fraction": 0.05, "bytes": 100_000}
    found = _derivations(design)
    assert found["traffic.read_rps"]["working"] == (
        "1,000,000 users x 86.4 per user per day / 86,400 s")
    assert found["storage.media_bytes_per_day"]["working"] == "8.64M x 0.05 x 100 KB"


def test_replication_is_in_the_working(design):
    design["assumptions"]["replication_factor"] = 3
    per_day = _derivations(design)["storage.bytes_per_day"]
    assert per_day["working"].endswith(" x 3 copies")
    assert "replication" in per_day["formula"]


def test_every_derivation_result_is_the_figure_it_explains(design):
    result = estimate(design)
    for derivation in result["derivations"]:
        if derivation["key"].count(".") == 1 and "[" not in derivation["key"]:
            section, name = derivation["key"].split(".")
            assert derivation["result"] == result[section][name], derivation["key"]
