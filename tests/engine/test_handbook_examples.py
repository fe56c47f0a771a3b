"""The five worked examples of the handbook reproduce its published figures.

The examples model whole designs (read paths included); the handbook counted only some
workloads, so its figures are computed from those alone: "The handbook's figures" table
(designs.handbook_figures, estimator.engine.counted, estimator.present.handbook).

Each example ships as a design document in designs/examples/; the handbook
rounds to one or two significant figures, so every figure is checked within
10% (see the shared handbook-examples.md and designs/examples/README.md).
"""

import json
from pathlib import Path

import pytest

from designs.handbook_figures import HANDBOOK_EXAMPLES
from estimator.engine import estimate, validate
from estimator.engine.counted import counted_figures
from estimator.present.handbook import handbook_table

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "designs" / "examples"
SLUGS = ("url-shortener", "whatsapp", "twitter", "netflix", "uber")
STORE_KINDS = {"database", "object_store", "search"}

# (slug, key path into the estimate document, the handbook's figure, the handbook's words)
FIGURES = [
    ("url-shortener", "traffic.write_rps", 40, "writes ~40/s"),
    ("url-shortener", "traffic.read_rps", 4_000, "reads ~4,000/s"),
    ("url-shortener", "traffic.read_write_ratio", 100, "100:1 read:write"),
    ("url-shortener", "bandwidth.ingress_bytes_per_s", 20e3, "incoming ~20 KB/s"),
    ("url-shortener", "bandwidth.egress_bytes_per_s", 2e6, "outgoing ~2 MB/s"),
    ("url-shortener", "storage.bytes_total", 6e12, "6 TB over 10 years"),
    ("url-shortener", "cache.bytes_per_day", 35e9, "cache ~35 GB/day"),
    ("whatsapp", "traffic.writes_per_day", 2e9, "2 billion messages/day"),
    ("whatsapp", "traffic.write_rps", 24e3, "~24K messages/s"),
    ("whatsapp", "storage.text_bytes_per_day", 200e9, "200 GB/day of messages"),
    ("whatsapp", "storage.media_bytes_per_day", 10e12, "10 TB/day of media"),
    ("whatsapp", "storage.bytes_per_day", 10.2e12, "10.2 TB/day"),
    ("whatsapp", "storage.bytes_total", 38e15, "~38 PB over 10 years"),
    ("whatsapp", "bandwidth.ingress_bytes_per_s", 120e6, "~120 MB/s"),
    ("twitter", "traffic.writes_per_day", 1e9, "1 billion tweets/day"),
    ("twitter", "traffic.write_rps", 12e3, "12K requests/s"),
    ("twitter", "storage.text_bytes_per_day", 100e9, "100 GB/day of text"),
    ("twitter", "storage.media_bytes_per_day", 5e12, "5 TB/day of media"),
    ("twitter", "storage.bytes_total", 19e15, "~19 PB over 10 years"),
    ("twitter", "bandwidth.ingress_bytes_per_s", 60e6, "ingress ~60 MB/s"),
    ("netflix", "traffic.reads_per_day", 1e9, "1 billion views/day"),
    ("netflix", "traffic.writes_per_day", 5e6, "5 million uploads/day"),
    ("netflix", "traffic.read_write_ratio", 200, "200:1 read:write"),
    ("netflix", "traffic.read_rps", 12e3, "12K requests/s"),
    ("netflix", "storage.bytes_per_day", 500e12, "~500 TB/day"),
    ("netflix", "storage.bytes_total", 1_825e15, "~1,825 PB over 10 years"),
    ("netflix", "bandwidth.ingress_bytes_per_s", 5.8e9, "ingress ~5.8 GB/s"),
    ("uber", "traffic.writes_per_day", 1e9, "1 billion requests/day"),
    ("uber", "traffic.total_rps", 12e3, "12K requests/s"),
    ("uber", "storage.bytes_per_day", 400e9, "~400 GB/day"),
    ("uber", "storage.bytes_total", 1.4e15, "~1.4 PB over 10 years"),
    ("uber", "bandwidth.ingress_bytes_per_s", 5e6, "~5 MB/s"),
]


def load(slug: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{slug}.json").read_text())


_ESTIMATES: dict[str, dict] = {}


def estimated(slug: str) -> dict:
    if slug not in _ESTIMATES:
        _ESTIMATES[slug] = estimate(load(slug))
    return _ESTIMATES[slug]


def handbook_rows(slug: str) -> dict:
    example = HANDBOOK_EXAMPLES[slug]
    counted = counted_figures(load(slug), list(example.workloads))
    return {row["words"]: row for row in handbook_table(counted, example.workloads,
                                                         example.figures)["rows"]}


@pytest.mark.parametrize(
    ("slug", "path", "figure", "label"), FIGURES, ids=[f"{s}:{label}" for s, _, _, label in FIGURES]
)
def test_the_handbook_table_reproduces_the_handbook_figure(slug, path, figure, label):
    row = handbook_rows(slug)[label]
    assert (row["key"], row["handbook_value"]) == (path, figure)
    assert row["value"] == pytest.approx(figure, rel=0.10), label
    assert row["within"]


def test_the_handbook_table_shows_exactly_the_handbook_figures():
    for slug in SLUGS:
        assert set(handbook_rows(slug)) == {label for s, _, _, label in FIGURES if s == slug}


def test_a_drifted_figure_is_shown_outside_the_tolerance():
    example = HANDBOOK_EXAMPLES["twitter"]
    doubled = load("twitter")
    doubled["workloads"][0]["per_user_per_day"] *= 2
    rows = handbook_table(counted_figures(doubled, list(example.workloads)),
                          example.workloads, example.figures)
    assert not rows["all_within"]
    drifted = {row["words"]: (row["off"], row["within"]) for row in rows["rows"]}
    assert drifted["1 billion tweets/day"] == ("+100.0%", False)
    assert drifted["ingress ~60 MB/s"][1] is False


@pytest.mark.parametrize("slug", SLUGS)
def test_every_drawn_component_carries_load_and_the_example_reads(slug):
    document = estimated(slug)
    idle = [c["key"] for c in document["components"]
            if c["kind"] != "client" and not (c["utilization"] or 0) > 0]
    assert idle == []
    assert document["traffic"]["read_rps"] > 0
    assert document["bandwidth"]["egress_bytes_per_s"] > 0


def test_every_example_ships_and_has_figures():
    assert sorted(p.stem for p in EXAMPLES_DIR.glob("*.json")) == sorted(SLUGS)
    assert {slug for slug, *_ in FIGURES} == set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_example_is_a_valid_design(slug):
    assert validate(load(slug)) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_example_has_a_client_a_store_and_links(slug):
    doc = load(slug)
    kinds = {c["kind"] for c in doc["components"]}
    assert "client" in kinds
    assert kinds & STORE_KINDS
    assert doc["links"]
    assert doc["name"] and doc["description"]


@pytest.mark.parametrize("slug", SLUGS)
def test_example_keeps_the_handbook_conventions(slug):
    assumptions = load(slug)["assumptions"]
    assert assumptions["replication_factor"] == 1
    assert assumptions["peak_factor"] == 2
    assert assumptions["retention_years"] == 10


@pytest.mark.parametrize("slug", SLUGS)
def test_every_workload_starts_at_the_client(slug):
    doc = load(slug)
    clients = {c["key"] for c in doc["components"] if c["kind"] == "client"}
    for workload in doc["workloads"]:
        assert workload["route"][0] in clients


@pytest.mark.parametrize("slug", SLUGS)
def test_example_has_no_critical_bottleneck(slug):
    document = estimated(slug)
    assert [b for b in document["bottlenecks"] if b["severity"] == "critical"] == []
    assert all((c["utilization"] or 0) <= 1 for c in document["components"])


def test_the_examples_show_every_kind_of_redundancy():
    redundancy = {
        c.get("redundancy", "active-active") for slug in SLUGS for c in load(slug)["components"]
    }
    assert redundancy == {"active-active", "active-passive", "k-of-n"}


@pytest.mark.parametrize("slug", SLUGS)
def test_each_example_states_slos_for_every_workload(slug):
    """An availability target (the handbook's 99.9% SLA example), a p99 per workload and a
    monthly budget, each said where it comes from in the description."""
    doc = load(slug)
    slos = doc["slos"]
    assert slos["availability"] == 0.999
    assert set(slos["p99_ms"]) == {w["name"] for w in doc["workloads"]}
    assert slos["monthly_budget"] > 0
    assert "SLOs: availability 99.9%" in doc["description"]
    assert "the handbook gives no cost" in doc["description"]


# What each example's SLOs come to: all met. Netflix's views alone would miss 99.9% (the CDN
# at its 99.9% SLA is in series with every view); its browsing, search and recommendations
# do not pass the CDN, so over all requests it reaches the target.
MISSED: dict[str, set] = {}


@pytest.mark.parametrize("slug", SLUGS)
def test_each_example_meets_its_slos(slug):
    rows = estimated(slug)["slos"]
    assert [r["kind"] for r in rows] == ["availability", *["p99"] * len(
        load(slug)["slos"]["p99_ms"]), "budget"]
    assert {r["kind"] for r in rows if not r["met"]} == MISSED.get(slug, set())
    for row in rows:
        assert (row["why"] is None) == row["met"]
    if slug == "netflix":
        views = next(r for r in estimated(slug)["availability"]["workloads"]
                     if r["name"] == "watch video")
        assert views["availability"] < 0.999
