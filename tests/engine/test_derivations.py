import json
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.present.units import fmt_ms

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


def _latency_design():
    """One read route: api (2 x 1,000/s, 5 ms) then a cache (hit 75%, 1 ms, no capacity)
    then db (1 x 500/s, 10 ms); 1,000 reads/s at peak (peak factor 1)."""
    return {
        "name": "latency",
        "assumptions": {"peak_factor": 1.0},
        "workloads": [{"name": "read", "kind": "read", "rate": 1000,
                       "route": ["api", "cache", "db"]}],
        "components": [
            {"key": "api", "kind": "service", "instances": 2, "capacity_rps": 1000,
             "latency_ms": 5},
            {"key": "cache", "kind": "cache", "hit_ratio": 0.75, "latency_ms": 1},
            {"key": "db", "kind": "database", "capacity_rps": 500, "latency_ms": 10},
        ],
    }


def test_a_component_s_latency_is_worked_as_an_mmc_queue():
    """api: c = 2, a = 1, rho = 50%: Erlang C = 1/3; mean wait = (1/3) / 1,000/s = 0.333 ms;
    p99 = 5 + ln((1/3) / 0.01) / 1 per ms = 5 + 3.51 = 8.51 ms."""
    text = _derivations(_latency_design())["latency.components[api]"]["text"]
    assert "c = 2 serving, mu = 1,000/s each, lambda = 1,000/s at peak" in text
    assert "2,000/s = 50%" in text
    assert "Erlang C(c = 2, a = lambda / mu = 1) = 33.3333%" in text
    assert "mean wait = C / (c x mu - lambda) = 33.3333% / 1,000/s = 0.33 ms" in text
    assert "p99 = latency_ms + ln(C / 0.01) / (c x mu - lambda) = 5.00 ms + 3.51 ms = 8.51 ms" \
        in text
    assert "p50 = latency_ms (C <= 0.5: most never wait) = 5.00 ms" in text


def test_a_route_s_latency_says_where_reads_stop_and_how_percentiles_are_found():
    """db sees 250/s of 500/s (C = 50%, mean wait 0.5 / 250/s = 2 ms): the mean is
    5.333 + 1 + 0.25 x 12 = 9.33 ms (the cache's default capacity adds 0.0001 ms)."""
    result = estimate(_latency_design())
    text = {d["key"]: d for d in result["derivations"]}["latency.workloads[read]"]["text"]
    route = result["latency"]["workloads"][0]
    assert route["mean_ms"] == pytest.approx(5 + 1 / 3 + 1 + 0.25 * 12, abs=2e-4)
    assert "75% stop after cache; 25% stop after db" in text
    assert "api 5.33 ms + cache 1.00 ms + 0.25 x db 12.0 ms = 9.33 ms" in text
    assert "convolved by FFT on a grid of 2,048 points" in text
    assert f"p99 {fmt_ms(route['p99_ms'])}" in text


def test_a_saturated_component_and_route_say_so():
    design = _latency_design()
    design["components"][2]["capacity_rps"] = 200  # db: 250/s against 200/s
    found = _derivations(design)
    assert "saturated (at least 100%)" in found["latency.components[db]"]["text"]
    assert "db on the route is saturated" in found["latency.workloads[read]"]["text"]


def test_the_served_share_and_a_replica_s_spread_are_worked_out():
    """db (500/s) and its replica (1,500/s) share 250 reads/s at peak: a quarter and three
    quarters; api sheds nothing. Then api capped at 800/s: 80% served."""
    design = _latency_design()
    design["components"].append({"key": "replica", "kind": "database", "capacity_rps": 1500,
                                 "replica_of": "db"})
    found = _derivations(design)
    spread = found["replicas[replica]"]["text"]
    assert spread.startswith("replica: db and its replica replica share reads; writes go to db")
    assert "spread by serving capacity (db 500/s + replica 1,500/s = 2,000/s)" in spread
    assert "replica takes 75% = 188/s; writes go to db: peak load 188/s" in spread
    assert "(db and its replica replica share reads" in found["latency.components[db]"]["text"]
    design["components"][0]["instances"] = 1
    design["components"][0]["capacity_rps"] = 800
    served = _derivations(design)["overload.served_share"]
    assert served["result"] == pytest.approx(0.8)
    assert served["working"] == "read alone: 80%"
