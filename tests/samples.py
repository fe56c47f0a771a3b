"""The sample design documents every test starts from, and the one way to get a copy.

Fixtures (`document` in tests/conftest.py, `design` in tests/engine/conftest.py), factories
(tests/designs/factories.py) and modules that need a document at import time all take
theirs from here, so that a change of the document format is made once. The documents of
every shape the surfaces must draw are in tests/design_shapes.py; invalid ones in
tests/bad_designs.py.
"""

import copy

# A small valid design: one write and one read workload through a cache, 1M daily users.
PHOTO_SHARING = {
    "name": "Photo sharing",
    "description": "Upload photos, view a feed.\nSecond line of notes.",
    "assumptions": {"daily_active_users": 1_000_000},
    "workloads": [
        {
            "name": "upload",
            "kind": "write",
            "per_user_per_day": 2,
            "request_bytes": 2000,
            "route": ["client", "api", "db"],
        },
        {
            "name": "feed",
            "kind": "read",
            "per_user_per_day": 50,
            "response_bytes": 5000,
            "route": ["client", "api", "cache", "db"],
        },
    ],
    "components": [
        {"key": "client", "kind": "client"},
        {"key": "api", "kind": "service", "instances": 3},
        {"key": "cache", "kind": "cache"},
        {"key": "db", "kind": "database", "instances": 2, "redundancy": "active-passive"},
    ],
    "links": [
        {"from": "client", "to": "api"},
        {"from": "api", "to": "cache"},
        {"from": "cache", "to": "db"},
    ],
}

# Round figures for the engine's arithmetic: 100 writes/s and 1,000 reads/s
# (1M users x 86.4 a day), capacities stated.
ROUND_FIGURES = {
    "name": "Test design",
    "assumptions": {"daily_active_users": 1_000_000, "peak_factor": 2.0},
    "workloads": [
        {"name": "write", "kind": "write", "rate": 100, "per": "second",
         "request_bytes": 1000, "route": ["client", "api", "db"]},
        {"name": "read", "kind": "read", "per_user_per_day": 86.4, "response_bytes": 2000,
         "route": ["client", "api", "cache", "db"]},
    ],
    "components": [
        {"key": "client", "kind": "client"},
        {"key": "api", "kind": "service", "instances": 2, "capacity_rps": 1000},
        {"key": "cache", "kind": "cache", "hit_ratio": 0.8},
        {"key": "db", "kind": "database", "capacity_rps": 5000},
    ],
    "links": [{"from": "client", "to": "api"}, {"from": "api", "to": "cache"},
              {"from": "cache", "to": "db"}],
}

# The least a valid document holds: one workload on one component.
MINIMAL = {
    "name": "Minimal design",
    "workloads": [{"name": "read", "kind": "read", "rate": 10, "route": ["api"]}],
    "components": [{"key": "api", "kind": "service"}],
}

SAMPLES = {"photo-sharing": PHOTO_SHARING, "round-figures": ROUND_FIGURES, "minimal": MINIMAL}


def sample_document(name: str = "photo-sharing") -> dict:
    """A fresh copy of a sample document: the caller may change it freely."""
    return copy.deepcopy(SAMPLES[name])
