import pytest

from estimator.engine import estimate


def _workload(rate=None, per=None, per_user=None, kind="write", **extra):
    workload = {"name": "w", "kind": kind, **extra}
    if per_user is not None:
        workload["per_user_per_day"] = per_user
    else:
        workload.update(rate=rate, per=per)
    return workload


def _traffic(*workloads, users=0, peak=2.0):
    document = {"name": "t", "workloads": list(workloads),
                "assumptions": {"daily_active_users": users, "peak_factor": peak}}
    return estimate(document)["traffic"]


@pytest.mark.parametrize(("rate", "per", "rps"), [
    (10, "second", 10.0),
    (86_400, "day", 1.0),
    (100_000_000, "month", 100_000_000 / (30 * 86_400)),
    (365 * 86_400, "year", 1.0),
])
def test_rates_per_period(rate, per, rps):
    assert _traffic(_workload(rate, per))["write_rps"] == pytest.approx(rps)


def test_per_user_rate_times_daily_active_users():
    traffic = _traffic(_workload(per_user=40), users=50_000_000)
    assert traffic["write_rps"] == pytest.approx(2e9 / 86_400)
    assert traffic["writes_per_day"] == pytest.approx(2e9)


def test_url_shortener_reads_and_writes():
    traffic = _traffic(_workload(100e6, "month"),
                       {"name": "r", "kind": "read", "rate": 10e9, "per": "month"})
    assert traffic["write_rps"] == pytest.approx(38.58, abs=0.01)
    assert traffic["read_rps"] == pytest.approx(3858.02, abs=0.01)
    assert traffic["total_rps"] == pytest.approx(3896.6, abs=0.1)
    assert traffic["peak_rps"] == pytest.approx(2 * 3896.6, abs=0.2)
    assert traffic["read_write_ratio"] == pytest.approx(100)
    assert [w["name"] for w in traffic["workloads"]] == ["w", "r"]


def test_a_workload_may_have_its_own_peak_factor():
    traffic = _traffic(_workload(10, "second", peak_factor=5), peak=2.0)
    assert traffic["workloads"][0]["peak_rps"] == pytest.approx(50)


def test_ratio_is_null_without_writes():
    assert _traffic(_workload(1, "second", kind="read"))["read_write_ratio"] is None


def test_bandwidth_in_counts_requests_and_media_and_out_counts_responses():
    document = {"name": "b", "workloads": [
        _workload(100, "second", request_bytes=100, response_bytes=10,
                  media={"fraction": 0.05, "bytes": 100_000}),
        _workload(1000, "second", kind="read", response_bytes=500) | {"name": "r"},
    ]}
    bandwidth = estimate(document)["bandwidth"]
    assert bandwidth["ingress_bytes_per_s"] == pytest.approx(100 * 100 + 100 * 0.05 * 100_000)
    assert bandwidth["egress_bytes_per_s"] == pytest.approx(100 * 10 + 1000 * 500)
    assert bandwidth["peak_egress_bytes_per_s"] == pytest.approx(2 * (100 * 10 + 1000 * 500))
