import itertools

import pytest

from estimator.engine.defaults import KINDS
from estimator.engine.remedies import ANY, REMEDIES, remedies_for

BOTTLENECK_KINDS = ("saturated", "over_target", "spof", "low_availability", "storage", "memory",
                    "retries")


def names(bottleneck_kind: str, component_kind: str) -> list[str]:
    return [remedy["name"] for remedy in remedies_for(bottleneck_kind, component_kind)]


@pytest.mark.parametrize(
    ("bottleneck_kind", "component_kind"), list(itertools.product(BOTTLENECK_KINDS, KINDS))
)
def test_it_returns_well_formed_remedies(bottleneck_kind, component_kind):
    remedies = remedies_for(bottleneck_kind, component_kind)
    assert 1 <= len(remedies) <= 4
    for remedy in remedies:
        assert set(remedy) == {"name", "why"}
        assert remedy["name"].strip() and remedy["why"].strip()
    assert len({remedy["name"] for remedy in remedies}) == len(remedies)


def test_it_falls_back_for_unknown_kinds():
    assert remedies_for("nonsense", "nonsense")
    assert remedies_for("saturated", "nonsense")


def test_saturated_database_gets_read_replicas_first():
    assert names("saturated", "database")[0] == "Read replicas"
    assert {"Cache-aside", "Sharding", "CQRS"} <= set(names("saturated", "database"))


def test_saturated_service_scales_horizontally():
    assert names("saturated", "service")[0] == "Replicated load-balanced services"
    assert names("over_target", "service") == names("saturated", "service")


def test_database_spof_gets_failover():
    assert names("spof", "database")[:2] == ["Active-passive failover", "Leader election"]


def test_cache_memory_is_sharded_with_consistent_hashing():
    assert names("memory", "cache")[0] == "Sharding with consistent hashing"
    assert "Eviction policy" in names("memory", "cache")


def test_storage_remedies_are_tailored():
    assert names("storage", "database")[0] == "Sharding"
    assert "Storage tiering" in names("storage", "object_store")


def test_external_dependency_gets_resiliency_patterns():
    assert "Circuit breaker" in names("low_availability", "external")
    assert "Circuit breaker" in names("spof", "external")


def test_the_table_names_only_known_kinds():
    assert set(REMEDIES) == set(BOTTLENECK_KINDS)
    for by_component in REMEDIES.values():
        assert set(by_component) <= {*KINDS, ANY}
