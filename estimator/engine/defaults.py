"""Every assumed figure the engine uses, in one place, each with its source.

Figures are per instance. Where a figure comes from a vendor's SLA or
documentation, the comment names it; where it is a rule of thumb, it says so.
Designs override any of these per component; the handbook examples state
their own figures in designs/examples/README.md.
"""

SECONDS_PER_DAY = 24 * 3600  # the handbook: "a day is 24 x 3600 s"
DAYS_PER_MONTH = 30  # the handbook's month
DAYS_PER_YEAR = 365  # storage over N years is the daily figure x 365 x N
# Downtime tables use the Julian year (365.25 days) and a month of a twelfth of it.
DOWNTIME_YEAR_S = 365.25 * SECONDS_PER_DAY
DOWNTIME_MONTH_S = DOWNTIME_YEAR_S / 12
DOWNTIME_WEEK_S = 7 * SECONDS_PER_DAY

PERIOD_SECONDS = {
    "second": 1,
    "day": SECONDS_PER_DAY,
    "month": DAYS_PER_MONTH * SECONDS_PER_DAY,
    "year": DAYS_PER_YEAR * SECONDS_PER_DAY,
}

ASSUMPTIONS = {
    "daily_active_users": 0,
    # The handbook's examples state 10 years of retention.
    "retention_years": 10,
    # Rule of thumb in interview estimates: peak traffic is about twice the average.
    "peak_factor": 2.0,
    # 1 reproduces the handbook's storage figures, which leave replication out;
    # production databases commonly keep 3 copies.
    "replication_factor": 1,
    # The handbook's 80/20 rule: cache 20% of the daily read volume.
    "cache_fraction": 0.2,
    # Common capacity-planning target: run instances at or below 70% at peak.
    "target_utilization": 0.7,
    # Yearly traffic growth (0.5 = +50% a year); 0 keeps traffic flat, as the handbook does.
    "growth_rate": 0.0,
}

KINDS = (
    "client", "dns", "cdn", "load_balancer", "api_gateway", "service", "cache",
    "queue", "database", "object_store", "search", "worker", "external",
)

# Requests per second one instance serves. None: not a capacity limit (the client).
CAPACITY_RPS = {
    "client": None,
    "dns": 100_000,  # rule of thumb for one authoritative DNS server
    "cdn": 100_000,  # one CDN edge point of presence (rule of thumb)
    "load_balancer": 50_000,  # NGINX/HAProxy on one commodity box: tens of thousands of req/s
    "api_gateway": 10_000,  # AWS API Gateway default throttle: 10,000 req/s per region
    "service": 1_000,  # one stateless application server (rule of thumb used in interviews)
    "cache": 100_000,  # one Redis node: ~100K simple ops/s (redis.io benchmarks)
    "queue": 10_000,  # one message-broker node, persistent messages (rule of thumb)
    "database": 5_000,  # one relational database server: a few thousand simple queries/s
    "object_store": 5_500,  # Amazon S3: 5,500 GET/s per prefix (S3 performance guidelines)
    "search": 1_000,  # one search node (Elasticsearch), simple queries (rule of thumb)
    "worker": 100,  # one background worker doing real work per message (rule of thumb)
    "external": 1_000,  # a third-party API's rate limit (rule of thumb)
}

# Availability of one instance, a fraction.
AVAILABILITY = {
    "client": 1.0,  # the user's own device is outside the design
    "dns": 0.9999,  # managed DNS; Route 53's SLA is 100%, 99.99% is conservative
    "cdn": 0.999,  # Amazon CloudFront SLA: 99.9%
    "load_balancer": 0.9999,  # Elastic Load Balancing SLA: 99.99%
    "api_gateway": 0.9995,  # Amazon API Gateway SLA: 99.95%
    "service": 0.999,  # one VM/instance, three nines (Compute SLA for one instance: 99.5%-99.9%)
    "cache": 0.999,  # Amazon ElastiCache SLA: 99.9%
    "queue": 0.999,  # one broker node, three nines (rule of thumb)
    "database": 0.9995,  # Amazon RDS Multi-AZ SLA: 99.95%
    "object_store": 0.9999,  # Amazon S3 Standard is designed for 99.99%
    "search": 0.999,  # one search node, three nines (rule of thumb)
    "worker": 0.999,  # one worker instance, three nines (rule of thumb)
    "external": 0.999,  # a third-party API's typical SLA
}

# Mean service time of one request, milliseconds (rule-of-thumb latencies).
LATENCY_MS = {
    "client": 0.0,
    "dns": 1.0,
    "cdn": 5.0,
    "load_balancer": 1.0,
    "api_gateway": 5.0,
    "service": 10.0,
    "cache": 1.0,  # in-memory read, including the network round trip in a data centre
    "queue": 5.0,
    "database": 10.0,  # an indexed read from disk
    "object_store": 50.0,
    "search": 20.0,
    "worker": 100.0,
    "external": 100.0,
}

# Share of reads a cache-like component answers itself.
HIT_RATIO = {
    "cache": 0.8,  # the handbook's 80/20 rule
    "cdn": 0.9,  # typical CDN cache-hit ratio for static and media content
}

REDUNDANCY = "active-active"
REDUNDANCY_KINDS = ("active-active", "active-passive", "k-of-n")

# The least available component is reported when below this: four nines is a common
# service-level objective, and a component above it rarely decides a design's availability.
LOW_AVAILABILITY = 0.9999

# Kinds whose components keep a write workload's data, searched from the end of the route.
STORAGE_KINDS = ("database", "object_store", "search")
# Kinds that answer reads from memory and pass on only the misses.
CACHE_KINDS = ("cache", "cdn")

# Monthly price of one instance, in US dollars: AWS us-east-1 on-demand list prices
# (2024) for a typical size, times 730 hours, rounded. Managed services priced by use
# (CDN, object store) cost nothing per instance: their storage and egress are priced below.
PRICE_CURRENCY = "USD"
INSTANCE_MONTH = {
    "client": 0.0,
    "dns": 0.5,  # Route 53: $0.50 per hosted zone a month
    "cdn": 0.0,  # CloudFront: priced by egress
    "load_balancer": 25.0,  # Application Load Balancer: $0.0225/h plus capacity units
    "api_gateway": 70.0,  # a self-hosted gateway on an m5.large ($0.096/h)
    "service": 70.0,  # EC2 m5.large: $0.096/h
    "cache": 114.0,  # ElastiCache cache.m5.large: $0.156/h
    "queue": 210.0,  # Amazon MQ mq.m5.large: $0.288/h
    "database": 125.0,  # RDS db.m5.large, single-AZ: $0.171/h
    "object_store": 0.0,  # S3: priced by storage
    "search": 104.0,  # OpenSearch m5.large.search: $0.142/h
    "worker": 70.0,  # EC2 m5.large: $0.096/h
    "external": 0.0,  # a third party's bill is not this design's
}
STORAGE_GB_MONTH = 0.023  # S3 Standard, first 50 TB
EGRESS_GB = 0.09  # AWS data transfer out to the internet, first 10 TB a month
HOURS_PER_MONTH = 730
