"""Remedies for each kind of bottleneck, named as the pattern catalogues name them.

The names come from the shared seeds: the handbook (read replicas, sharding,
consistent hashing, CDN, redundant load balancers, active-passive, rate
limiting, eviction policies, message queues), Burns' Designing Distributed
Systems (replicated load-balanced services, work queue), the pattern catalogue
(cache-aside, CQRS, circuit breaker, bulkhead, retry, fallback, leader
election, scatter-gather, claim check, backends for frontends) and Fowler's
patterns (majority quorum, request batch). The report looks a remedy up by (bottleneck kind,
component kind), then by bottleneck kind alone; most useful first.
"""

ANY = "*"
Remedy = tuple[str, str]  # (name, why it helps here)

# Shared by "saturated" (over 100% at peak) and "over_target" (over the target).
_LOAD: dict[str, list[Remedy]] = {
    "service": [
        ("Replicated load-balanced services", "add stateless instances behind a load balancer"),
        ("Auto-scaling", "add instances as traffic rises instead of sizing by hand"),
        ("Cache-aside", "answer repeated reads from a cache before they reach the service"),
        ("Queue-based load levelling", "queue slow work for workers; bursts wait"),
    ],
    "database": [
        ("Read replicas", "serve reads from followers; the primary only takes writes"),
        ("Cache-aside", "keep hot rows in a cache; only misses reach the database"),
        ("Sharding", "partition the data (consistent hashing); each server takes a share"),
        ("CQRS", "separate the write model from read-optimised views so each scales on its own"),
    ],
    "cache": [
        ("Sharding with consistent hashing", "more cache nodes; adding one moves few keys"),
        ("Distributed cache replicas", "replicas of each shard share the read load on hot keys"),
    ],
    "queue": [
        ("Sharding", "partition the topic over more brokers so each takes a share of the messages"),
        ("Request batch", "combine several messages per request to cut per-message overhead"),
    ],
    "worker": [
        ("Work queue", "more workers take items from the same queue"),
        ("Auto-scaling", "scale the workers on queue depth"),
        ("Request batch", "process several items per call to amortise the per-item cost"),
    ],
    "load_balancer": [
        ("Redundant load balancers", "several balancers behind DNS share the connections"),
        ("Active-active", "all balancer nodes serve at once instead of one with a standby"),
    ],
    "api_gateway": [
        ("Replicated load-balanced services", "run more gateway instances behind a load balancer"),
        ("Rate limiting", "throttle abusive or bursty clients at the gateway (token bucket)"),
        ("Backends for Frontends (BFF)", "split one busy gateway into one per kind of client"),
    ],
    "cdn": [
        ("Content Delivery Network (CDN)", "more points of presence, or a second CDN"),
        ("Cache-control TTLs", "longer TTLs raise the hit ratio; fewer requests reach the origin"),
    ],
    "object_store": [
        ("Content Delivery Network (CDN)", "serve popular objects from edge caches"),
        ("Data partitioning", "more key prefixes: object stores scale per prefix"),
    ],
    "search": [
        ("Sharding", "split the index over more nodes so each searches a share of it"),
        ("Read replicas", "replica shards answer queries in parallel"),
        ("Cache-aside", "cache the most frequent queries (the handbook's trending searches)"),
        ("Scatter-gather", "query shards in parallel and merge the results"),
    ],
    "external": [
        ("Cache-aside", "cache the third party's answers so repeated calls never leave the system"),
        ("Request batch", "combine calls to stay under the provider's rate limit"),
        ("Queue-based load levelling", "queue calls and send them at the rate the provider allows"),
        ("Circuit breaker", "stop calling a throttling provider instead of piling up requests"),
    ],
    "dns": [
        ("Managed DNS", "an anycast managed DNS service absorbs query load across many servers"),
        ("DNS caching", "longer record TTLs let resolvers answer repeated lookups"),
    ],
    ANY: [
        ("Horizontal scaling", "add instances so each takes a smaller share of the load"),
        ("Vertical scaling", "give each instance more CPU and memory"),
    ],
}

_SPOF: dict[str, list[Remedy]] = {
    "database": [
        ("Active-passive failover", "a standby replica takes over when the primary fails"),
        ("Leader election", "promote a follower automatically instead of waiting for an operator"),
        ("Majority quorum", "replicate to three nodes and accept writes on two of them (k-of-n)"),
    ],
    "service": [
        ("Replicated load-balanced services", "run at least two instances behind a load balancer"),
        ("Active-active", "all instances serve, so one failing only removes its share of capacity"),
    ],
    "cache": [
        ("Distributed cache replicas", "replicate each shard so a node failure keeps the hot data"),
        ("Fallback", "on a cache failure read from the database (cache-aside)"),
    ],
    "queue": [
        ("Majority quorum", "replicate over three brokers (as Kafka does); one can fail"),
        ("Leader election", "a follower broker takes over a partition when its leader fails"),
    ],
    "load_balancer": [
        ("Redundant load balancers", "an active-passive pair with a floating address"),
        ("Active-active", "several balancers behind DNS all serve"),
    ],
    "api_gateway": [
        ("Active-passive failover", "the handbook: introduce standby replicas of the gateway"),
        ("Replicated load-balanced services", "several gateway instances behind a load balancer"),
    ],
    "worker": [
        ("Work queue", "several workers consume the same queue; any one can fail"),
        ("Retry", "idempotent items are retried by another worker after a failure"),
    ],
    "search": [
        ("Read replicas", "replica shards keep the index searchable when a node fails"),
        ("Majority quorum", "three master-eligible nodes elect a leader with two up"),
    ],
    "object_store": [
        ("Managed object storage", "a managed store replicates every object across zones"),
    ],
    "cdn": [
        ("Fallback", "serve from the origin (or a second CDN) when the CDN fails"),
    ],
    "external": [
        ("Circuit breaker", "fail fast when the provider is down instead of tying up threads"),
        ("Fallback", "degrade gracefully or switch to a second provider"),
        ("Retry", "retry transient failures with exponential backoff"),
    ],
    "dns": [
        ("Managed DNS", "redundant name servers (or a secondary provider) answer"),
    ],
    ANY: [
        ("Active-active", "run a second instance so one failure does not stop the design"),
        ("Active-passive failover", "keep a standby that takes over on failure"),
    ],
}

_LOW_AVAILABILITY: dict[str, list[Remedy]] = {
    "database": [
        ("Active-passive failover", "a standby replica turns a long outage into a short failover"),
        ("Majority quorum", "spread replicas over zones; the store stays up while most are up"),
    ],
    "external": [
        ("Circuit breaker", "stop the provider's outages from cascading into the design"),
        ("Fallback", "answer from a cache or a second provider when the call fails"),
        ("Retry", "retry transient failures with exponential backoff"),
        ("Bulkhead", "give the provider's calls their own pool so they cannot exhaust the rest"),
    ],
    "cdn": [
        ("Fallback", "serve from the origin, or a second CDN, when the CDN fails"),
        ("Active-active", "two CDNs behind DNS: either one serves"),
    ],
    "object_store": [
        ("Cross-region replication", "a copy in a second region serves when the first fails"),
        ("Content Delivery Network (CDN)", "edge caches keep serving popular objects"),
    ],
    "queue": [
        ("Majority quorum", "replicate over three brokers; the queue stays up with two"),
        ("Retry", "producers retry with backoff while a broker fails over"),
    ],
    "cache": [
        ("Distributed cache replicas", "a replica of each shard takes over when a node fails"),
        ("Fallback", "read from the database on a cache failure (cache-aside)"),
    ],
    "load_balancer": [
        ("Redundant load balancers", "an active-passive pair with a floating address"),
    ],
    ANY: [
        ("Active-active", "more instances in parallel: 1 - (1 - a)^n rises quickly with n"),
        ("Circuit breaker", "fail fast and contain a failing dependency"),
        ("Bulkhead", "isolate resources so one failing part cannot take the rest down"),
        ("Retry", "retry transient failures with backoff, on idempotent requests"),
    ],
}

_STORAGE: dict[str, list[Remedy]] = {
    "database": [
        ("Sharding", "partition the data so each server keeps a share of it"),
        ("Data archiving", "move expired rows to cheaper storage (the handbook's cleanup)"),
        ("Claim check", "keep large payloads in object storage and only a reference in the row"),
    ],
    "object_store": [
        ("Storage tiering", "move cold objects to an archive storage class"),
        ("Compression", "compress media, as the handbook suggests, to cut storage costs"),
        ("Deduplication", "chunk files and keep each chunk once (the handbook's file chunker)"),
    ],
    "search": [
        ("Sharding", "split the index over more nodes"),
        ("Data archiving", "roll old time-based indexes to cheaper storage or drop them"),
    ],
    "queue": [
        ("Retention limits", "keep messages only until they are consumed"),
        ("Claim check", "put large payloads in object storage and queue a reference"),
    ],
    ANY: [
        ("Sharding", "partition the data over more nodes"),
        ("Data archiving", "tier or delete data older than it needs to be kept"),
    ],
}

_MEMORY: dict[str, list[Remedy]] = {
    "cache": [
        ("Sharding with consistent hashing", "spread the cached keys over more nodes"),
        ("Eviction policy", "LRU or TTL eviction keeps only the hot share (the 80/20 rule)"),
        ("Vertical scaling", "use nodes with more memory"),
    ],
    ANY: [
        ("Vertical scaling", "give each instance more memory"),
        ("Sharding", "split the in-memory state over more instances"),
    ],
}

_RETRIES: dict[str, list[Remedy]] = {
    ANY: [
        ("Exponential backoff with jitter", "space the retries out so they do not arrive "
                                            "together on a component already slow"),
        ("Retry budget", "cap retries at a share of the calls (say 10%) so they cannot "
                         "multiply the load"),
        ("Circuit breaker", "stop calling a failing component and fail fast until it recovers"),
        ("Timeouts above the tail", "set the timeout over the component's p99 so slow "
                                    "attempts are not abandoned and sent again"),
    ],
}

REMEDIES: dict[str, dict[str, list[Remedy]]] = {
    "saturated": _LOAD,
    "over_target": _LOAD,
    "spof": _SPOF,
    "low_availability": _LOW_AVAILABILITY,
    "storage": _STORAGE,
    "memory": _MEMORY,
    "retries": _RETRIES,
}

FALLBACK: list[Remedy] = [
    ("Replicated load-balanced services", "more identical instances add capacity and availability"),
]


def remedies_for(bottleneck_kind: str, component_kind: str) -> list[dict]:
    """[{"name": ..., "why": ...}, ...] most useful first, 1-4 items."""
    by_kind = REMEDIES.get(bottleneck_kind, {})
    found = by_kind.get(component_kind) or by_kind.get(ANY) or FALLBACK
    return [{"name": name, "why": why} for name, why in found[:4]]
