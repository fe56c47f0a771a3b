"""The estimate document in the OpenAPI schema: an object open to every section the engine
writes (docs/estimate-document.md), with the sections of issue 13 (latency, overload, slos,
availability's requests served, retries) described field by field."""


def _number(description: str, *, nullable: bool = False) -> dict:
    found = {"type": "number", "description": description}
    return {**found, "nullable": True} if nullable else found


def _object(description: str, properties: dict) -> dict:
    return {"type": "object", "description": description, "properties": properties,
            "required": list(properties), "additionalProperties": True}


def _list(description: str, item: dict) -> dict:
    return {"type": "array", "description": description, "items": item}


_MS = "milliseconds; null when a step the request waits for is saturated"

LATENCY = _object(
    "Latency at peak: each component an M/M/c queue (its latency_ms plus the queueing wait), "
    "each workload's route the distribution of the whole request.",
    {
        "components": _list("One per component.", _object("A component at its peak load.", {
            "key": {"type": "string"},
            "utilization": _number("Peak load / (capacity_rps x serving instances); null "
                                   "without a capacity.", nullable=True),
            "wait_probability": _number("Erlang C: the chance a request waits (0..1).",
                                        nullable=True),
            "mean_wait_ms": _number("Mean queueing wait, " + _MS, nullable=True),
            "mean_latency_ms": _number("latency_ms + mean wait, " + _MS, nullable=True),
            "p50_ms": _number("Median time, " + _MS, nullable=True),
            "p95_ms": _number("95th percentile, " + _MS, nullable=True),
            "p99_ms": _number("99th percentile, " + _MS, nullable=True),
            "steep": {"type": "boolean", "description": "Over 80% busy at peak."},
        })),
        "workloads": _list("One per workload, in the design's order.", _object(
            "A route's whole request: a mixture over where reads stop of sums of its steps' "
            "times, up to a queue that ends the user's wait.", {
                "name": {"type": "string"},
                "mean_ms": _number("Mean, " + _MS, nullable=True),
                "p50_ms": _number("Median, " + _MS, nullable=True),
                "p95_ms": _number("95th percentile, " + _MS, nullable=True),
                "p99_ms": _number("99th percentile, " + _MS, nullable=True),
            })),
        "steep": _list("Keys of the components over 80% busy at peak.", {"type": "string"}),
    },
)

OVERLOAD = _object(
    "Requests served at peak: a component past its capacity serves only its capacity and "
    "sheds the rest in proportion; a request shed goes no further.",
    {
        "served_share": _number("Share of all peak requests served (0..1), weighted by each "
                                "workload's peak."),
        "workloads": _list("One per workload.", _object("A workload at peak.", {
            "name": {"type": "string"},
            "peak_rps": _number("Peak requests per second."),
            "served_share": _number("Share of its peak requests served (0..1)."),
            "lost_rps": _number("Peak requests per second not served."),
        })),
        "components": _list("One per component.", _object("A component at peak.", {
            "key": {"type": "string"},
            "offered_rps": _number("Requests per second reaching it at peak, after what the "
                                   "components before it shed."),
            "served_rps": _number("At most capacity_rps x serving instances."),
            "shed_share": _number("Share of what it is offered that it sheds (0..1)."),
        })),
    },
)

SLOS = _list(
    "One row per target of the design's slos (empty without them): availability, then p99 "
    "per workload, then the monthly budget.",
    _object("A target against the estimate's figure.", {
        "kind": {"type": "string", "enum": ["availability", "p99", "budget"]},
        "workload": {"type": "string", "nullable": True,
                     "description": "The p99's workload; null otherwise."},
        "target": _number("As stated: a fraction, milliseconds or the cost's currency."),
        "actual": _number("availability.requests_served, the route's p99_ms or "
                          "cost.total_month; null for a saturated route.", nullable=True),
        "met": {"type": "boolean"},
        "margin": _number("availability: actual - target; p99 and budget: target - actual. "
                          "Positive when met.", nullable=True),
        "margin_relative": _number("p99 and budget: margin / target.", nullable=True),
        "margin_nines": _number("availability: nines of actual - nines of target.",
                                nullable=True),
        "why": {"type": "string", "nullable": True,
                "description": "A missed target: where to look first; null when met."},
    }),
)

RETRIES = _object(
    "Timeouts and retries (docs/design-document.md, 'Timeouts and retries'): each route step "
    "with a timeout_ms or retries at the fixed point where the load its attempts add settles; "
    "empty lists when no step has them.",
    {
        "workloads": _list("The workloads with such a step.", _object("A workload.", {
            "name": {"type": "string"},
            "steps": _list("Its steps with a timeout or retries.", _object("A route step.", {
                "index": {"type": "integer",
                          "description": "The step's position on the primary route."},
                "key": {"type": "string"},
                "timeout_ms": _number("As stated; null without one.", nullable=True),
                "retries": {"type": "integer"},
                "down_share": _number("Share of attempts failing as the component is down."),
                "shed_share": _number("Share shed as it is past its capacity."),
                "timeout_share": _number("Share of attempts over the timeout."),
                "attempt_failure": _number("q: an attempt's chance to fail (0..1)."),
                "attempts_per_call": _number("(1 - q^(R+1)) / (1 - q): 1 + R when q = 1."),
                "call_failure": _number("q^(R+1): a call's chance to lose the request."),
            })),
        })),
        "components": _list("The components whose load retries raise.", _object(
            "A component.", {
                "key": {"type": "string"},
                "peak_load_rps_without_retries": _number("Its peak load with one attempt per "
                                                         "call."),
                "peak_load_rps": _number("Its peak load counting every attempt."),
                "amplification": _number("peak_load_rps / peak_load_rps_without_retries."),
            })),
        "settled": {"type": "boolean",
                    "description": "Whether the fixed point was reached in the rounds allowed."},
    },
)

ESTIMATE_DOCUMENT_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "description": "An estimate document (docs/estimate-document.md): traffic, storage, "
                   "bandwidth, cache, availability, components, bottlenecks, headroom, "
                   "overload, retries, latency, growth, cost, importance, slos, derivations, "
                   "uncertainty, sensitivity and engine_version.",
    "properties": {
        "availability": {
            "type": "object", "additionalProperties": True,
            "description": "Availability of components up (overall, nines, downtime, per "
                           "workload and per component) and of requests served.",
            "properties": {
                "overall": _number("Traffic-weighted availability of the workloads' routes."),
                "requests_served": _number(
                    "Availability of requests served: per workload its route's availability "
                    "times its share served at peak, weighted as overall is (equal to it "
                    "when nothing is overloaded)."),
            },
        },
        "latency": LATENCY,
        "overload": OVERLOAD,
        "slos": SLOS,
        "retries": RETRIES,
    },
}
