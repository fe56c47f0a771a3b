import copy

import pytest

BASE_DESIGN = {
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


@pytest.fixture
def design():
    """A small valid design: 100 writes/s and 1,000 reads/s (1M users x 86.4/day)."""
    return copy.deepcopy(BASE_DESIGN)
