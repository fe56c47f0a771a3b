"""The design-pattern library: each pattern's text, which remedy names it answers, and which
designs use it.

The text lives in patterns.json beside this module (written in our own words from the shared
seed catalogues; each pattern names its source). The engine names remedies as the catalogues
do (estimator.engine.remedies); REMEDY_PATTERNS maps every one of those names to the slug of
the page that explains it, so a remedy on a page, a report or practice can link there.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent / "patterns.json"

# The engine's remedy names (estimator/engine/remedies.py) -> pattern slugs. Several names are
# one pattern seen from one bottleneck (a retry budget is part of retrying well).
REMEDY_PATTERNS = {
    "Active-active": "active-active",
    "Active-passive failover": "active-passive-failover",
    "Auto-scaling": "auto-scaling",
    "Backends for Frontends (BFF)": "backends-for-frontends",
    "Bulkhead": "bulkhead",
    "CQRS": "cqrs",
    "Cache-aside": "cache-aside",
    "Cache-control TTLs": "cdn",
    "Circuit breaker": "circuit-breaker",
    "Claim check": "claim-check",
    "Compression": "compression-and-deduplication",
    "Content Delivery Network (CDN)": "cdn",
    "Cross-region replication": "cross-region-replication",
    "DNS caching": "dns-caching-and-managed-dns",
    "Data archiving": "data-archiving-and-tiering",
    "Data partitioning": "sharding",
    "Deduplication": "compression-and-deduplication",
    "Distributed cache replicas": "distributed-cache",
    "Eviction policy": "cache-eviction",
    "Exponential backoff with jitter": "retry-with-backoff",
    "Fallback": "fallback",
    "Horizontal scaling": "horizontal-scaling",
    "Leader election": "leader-election",
    "Majority quorum": "majority-quorum",
    "Managed DNS": "dns-caching-and-managed-dns",
    "Managed object storage": "cross-region-replication",
    "Queue-based load levelling": "queue-based-load-levelling",
    "Rate limiting": "rate-limiting",
    "Read replicas": "read-replicas",
    "Redundant load balancers": "redundant-load-balancers",
    "Replicated load-balanced services": "replicated-load-balanced-services",
    "Request batch": "request-batch",
    "Retention limits": "data-archiving-and-tiering",
    "Retry": "retry-with-backoff",
    "Retry budget": "retry-with-backoff",
    "Scatter-gather": "scatter-gather",
    "Sharding": "sharding",
    "Sharding with consistent hashing": "consistent-hashing",
    "Storage tiering": "data-archiving-and-tiering",
    "Timeouts above the tail": "timeouts",
    "Vertical scaling": "vertical-scaling",
    "Work queue": "work-queue",
}


@dataclass(frozen=True)
class Uses:
    """Which components use a pattern: all the stated conditions hold (none stated: none do)."""

    kinds: tuple[str, ...] = ()
    redundancy: tuple[str, ...] = ()
    min_instances: int = 0
    words: tuple[str, ...] = ()  # the component's notes name it ("sharded by", "LRU")

    def matches(self, component: dict) -> bool:
        if not (self.kinds or self.redundancy or self.min_instances or self.words):
            return False
        notes = str(component.get("notes") or "").lower()
        return ((not self.kinds or component.get("kind") in self.kinds)
                and (not self.redundancy or component.get("redundancy") in self.redundancy)
                and _instances(component) >= self.min_instances
                and (not self.words or any(word in notes for word in self.words)))


def _instances(component: dict) -> int:
    instances = component.get("instances")
    return instances if isinstance(instances, int) and not isinstance(instances, bool) else 1


@dataclass(frozen=True)
class Pattern:
    slug: str
    name: str
    category: str
    summary: str
    when: str
    when_not: str
    tradeoffs: tuple[str, ...]
    effects: tuple[str, ...]  # what it does to the estimate's figures
    moves: tuple[str, ...]  # practice figure keys it changes
    source: str
    uses: Uses = field(default_factory=Uses)


def _pattern(raw: dict) -> Pattern:
    uses = raw.get("uses", {})
    return Pattern(
        slug=raw["slug"], name=raw["name"], category=raw["category"], summary=raw["summary"],
        when=raw["when"], when_not=raw["when_not"], tradeoffs=tuple(raw["tradeoffs"]),
        effects=tuple(raw["effects"]), moves=tuple(raw["moves"]), source=raw["source"],
        uses=Uses(kinds=tuple(uses.get("kinds", ())),
                  redundancy=tuple(uses.get("redundancy", ())),
                  min_instances=uses.get("min_instances", 0),
                  words=tuple(word.lower() for word in uses.get("words", ()))))


@cache
def patterns() -> tuple[Pattern, ...]:
    """Every pattern, by category then name (read once)."""
    raw = json.loads(CATALOGUE.read_text())["patterns"]
    return tuple(sorted((_pattern(p) for p in raw), key=lambda p: (p.category, p.name)))


def pattern(slug: str) -> Pattern | None:
    return next((p for p in patterns() if p.slug == slug), None)


def slug_for_remedy(name: str) -> str | None:
    """The pattern page of a remedy the engine names, None for a name it does not know."""
    return REMEDY_PATTERNS.get(name)


def patterns_moving(figure_key: str) -> list[Pattern]:
    """The patterns that change a practice figure (its key: total_rps, availability, ...)."""
    return [p for p in patterns() if figure_key in p.moves]


def components_using(pattern: Pattern, document: dict) -> list[str]:
    """The names of a design document's components that use the pattern."""
    return [c.get("name") or c.get("key", "") for c in document.get("components", [])
            if isinstance(c, dict) and pattern.uses.matches(c)]
