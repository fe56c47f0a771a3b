"""Valid design documents of every shape the surfaces must draw, and a check for figures that
did not format: "nan", "inf" or a negative zero ("-0", "-0.00") in text meant for people.

Shared by the engine's table tests and the tests of the design page, the diagram, the charts
and the reports, so that every surface is held to the same documents.
"""

import re

from estimator.engine import defaults

# Right-to-left marks and overrides, an emoji, combining accents, a CJK character.
RTL_NAME = "\u200fשרת ראשי\u200f 🚀 cafe\u0301 a\u0308 \u202eevil\u202c 東京"
LONG_NAME = ("Very long component name " * 10)[:200]  # the 200-character limit
LONG_WORD = "W" * 200  # one word the diagram has to cut


def _component(key: str, kind: str, **fields) -> dict:
    return {"key": key, "kind": kind, **fields}


def _read(name: str, route: list, **fields) -> dict:
    return {"name": name, "kind": "read", "per_user_per_day": 20, "response_bytes": 2_000,
            "route": route, **fields}


def _write(name: str, route: list, **fields) -> dict:
    return {"name": name, "kind": "write", "per_user_per_day": 2, "request_bytes": 1_000,
            "route": route, **fields}


def _every_kind() -> dict:
    """A component of every kind, every redundancy, fan-out, a cache and a CDN on the routes."""
    components = [_component(kind, kind) for kind in defaults.KINDS]
    components += [
        _component("api_pool", "service", instances=4),
        _component("primary", "database", instances=2, redundancy="active-passive"),
        _component("quorum", "database", instances=5, redundancy="k-of-n", k=3),
    ]
    reads = ["client", "dns", "cdn", "load_balancer", "api_gateway",
             {"key": "api_pool", "fan_out": 2}, "cache", "search", "quorum"]
    writes = ["client", "load_balancer", "service", "queue", "worker", "primary",
              "object_store", "external"]
    return {
        "name": "Every kind",
        "assumptions": {"daily_active_users": 1_000_000, "growth_rate": 0.3},
        "components": components,
        "links": [{"from": a, "to": b} for a, b in zip(reads, reads[1:], strict=False)
                  if isinstance(a, str) and isinstance(b, str)],
        "workloads": [_read("browse", reads), _write("post", writes, media={
            "fraction": 0.1, "bytes": 2_000_000})],
    }


def _alternatives() -> dict:
    """any_of with plain keys and {"key", "fan_out"} steps, before and after other steps."""
    return {
        "name": "Two regions",
        "assumptions": {"daily_active_users": 500_000},
        "components": [_component("client", "client"), _component("cdn", "cdn"),
                       _component("lb", "load_balancer", instances=2),
                       _component("east", "service", instances=3),
                       _component("west", "service", instances=3),
                       _component("db", "database", instances=3, redundancy="k-of-n", k=2)],
        "workloads": [
            _read("page", ["client", {"any_of": [["cdn"], ["lb", {"key": "east", "fan_out": 2}]]},
                           "db"]),
            _write("save", ["client", "lb", {"any_of": [["east"], ["west"]]},
                            {"key": "db", "fan_out": 3}]),
            _read("both", [{"any_of": [["east", "db"], ["west", "db"], ["cdn"]]}]),
        ],
    }


def _ranges() -> dict:
    document = _alternatives()
    document["name"] = "Ranged"
    document["assumptions"] = {"daily_active_users": {"low": 2e5, "mid": 5e5, "high": 2e6},
                               "peak_factor": {"low": 1.5, "mid": 2, "high": 4}}
    document["workloads"][0]["response_bytes"] = {"low": 500, "mid": 2_000, "high": 10_000}
    document["components"][3]["capacity_rps"] = {"low": 500, "mid": 1_000, "high": 2_000}
    return document


def _unicode() -> dict:
    return {
        "name": RTL_NAME,
        "description": "\u200fתיאור\u200f 😀 e\u0301",
        "components": [_component("client", "client", name="\u200fלקוח 📱"),
                       _component("api", "service", name=RTL_NAME),
                       _component("db", "database", name="データベース e\u0301\u0301")],
        "links": [{"from": "client", "to": "api"}, {"from": "api", "to": "db"}],
        "workloads": [{"name": "\u202eקריאה 😀", "kind": "read", "rate": 50,
                       "route": ["client", "api", "db"]}],
    }


def _long_names() -> dict:
    return {
        "name": LONG_NAME,
        "components": [_component("a" * 200, "service", name=LONG_NAME),
                       _component("b", "database", name=LONG_WORD)],
        "links": [{"from": "a" * 200, "to": "b"}],
        "workloads": [{"name": LONG_WORD, "kind": "write", "rate": 10, "request_bytes": 100,
                       "route": ["a" * 200, "b"]}],
    }


def _figures(name: str, value: float) -> dict:
    """Every input figure at `value` (the largest, 1e21, or the smallest, 1e-9, accepted)."""
    return {
        "name": name,
        "assumptions": {"daily_active_users": value, "retention_years": 1, "peak_factor": 1,
                        "cache_fraction": 1, "target_utilization": 1},
        "components": [_component("api", "service", capacity_rps=value),
                       _component("cache", "cache", memory_bytes=value, hit_ratio=0.5),
                       _component("db", "database", storage_bytes=value, capacity_rps=value,
                                  latency_ms=value, price_month=value)],
        "workloads": [
            {"name": "read", "kind": "read", "per_user_per_day": value, "response_bytes": value,
             "route": ["api", "cache", "db"]},
            {"name": "write", "kind": "write", "rate": value, "per": "year",
             "request_bytes": value, "stored_bytes": value, "route": ["api", "db"]},
        ],
    }


def _unavailable() -> dict:
    """A component that is never up: availability 0, zero nines (once shown as "-0.00")."""
    return {
        "name": "Never up",
        "components": [_component("api", "service", availability=0),
                       _component("db", "database", availability=0, instances=2)],
        "workloads": [{"name": "read", "kind": "read", "rate": 10, "route": ["api", "db"]}],
    }


def _many_components(count: int) -> dict:
    keys = [f"s{index}" for index in range(count)]
    return {
        "name": f"{count} components",
        "components": [_component(key, "service") for key in keys],
        "links": [{"from": a, "to": b} for a, b in zip(keys, keys[1:], strict=False)],
        "workloads": [{"name": "read", "kind": "read", "rate": 100, "route": keys[:100]}],
    }


SHAPES = {
    "no-workloads": {"name": "New design"},
    "no-components": {"name": "Assumptions only", "assumptions": {"daily_active_users": 1000}},
    "components-only": {"name": "Boxes only", "components": [_component("api", "service")]},
    "one-component": {"name": "One box", "components": [_component("api", "service")],
                      "workloads": [{"name": "read", "kind": "read", "rate": 5,
                                     "route": ["api"]}]},
    "alternatives": _alternatives(),
    "every-kind": _every_kind(),
    "ranges": _ranges(),
    "unicode": _unicode(),
    "long-names": _long_names(),
    "huge-figures": _figures("Largest figures", 1e21),
    "tiny-figures": _figures("Smallest figures", 1e-9),
    "unavailable": _unavailable(),
    "1000-components": _many_components(1000),
}
# What each PDF test renders: one document of each group of shapes (PDFs are slow).
PDF_SHAPES = ("no-workloads", "every-kind", "ranges", "unicode", "huge-figures")

# "nan", "inf", "infinity" as words; a minus before a zero that is all zeros ("-0", "-0.00",
# "-0%"), not "-0.5" nor "2024-01".
UNFORMATTED = re.compile(
    r"(?i)(?<![a-z])(?:nan|inf(?:inity)?)(?![a-z])|(?<![\w.])-0(?:\.0+)?(?![\w.])")


def unformatted(text: str) -> list[str]:
    """Each figure in `text` that did not format, with some context."""
    return [text[max(match.start() - 40, 0):match.end() + 20]
            for match in UNFORMATTED.finditer(text)]
