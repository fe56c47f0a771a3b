"""Each kind of bad design document, with the field its error must name.

Shared by the engine's validation tests and the CLI's, so both surfaces are
held to the same messages.
"""


from tests.samples import sample_document


def _set(path, value):
    def mutate(document):
        target = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return mutate


def _delete(path):
    def mutate(document):
        target = document
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]
    return mutate


def _append(path, value):
    def mutate(document):
        target = document
        for part in path:
            target = target[part]
        target.append(value)
    return mutate


# (id, mutation, field path named, words the message holds)
BAD_DESIGNS = [
    ("unknown-field", _set(["colour"], "red"), "colour", "unknown field"),
    ("unknown-component-field", _set(["components", 1, "cpu"], 4), "components[1].cpu",
     "unknown field"),
    ("missing-name", _delete(["name"]), "name", "is required"),
    ("unknown-requirement", _set(["requirements"], {"legal": "GDPR"}), "requirements.legal",
     "unknown field"),
    ("requirement-not-text", _set(["requirements"], {"functional": 3}),
     "requirements.functional", "must be a string"),
    ("data-model-too-long", _set(["data_model"], "x" * 20_001), "data_model", "too long"),
    ("missing-key", _delete(["components", 2, "key"]), "components[2].key", "is required"),
    ("missing-kind", _delete(["components", 2, "kind"]), "components[2].kind", "is required"),
    ("missing-workload-name", _delete(["workloads", 0, "name"]), "workloads[0].name",
     "is required"),
    ("duplicate-key", _set(["components", 3, "key"], "api"), "components[3].key",
     "duplicate key 'api'"),
    ("duplicate-workload", _set(["workloads", 1, "name"], "write"), "workloads[1].name",
     "duplicate name"),
    ("route-unknown", _set(["workloads", 1, "route", 2], "dbb"), "workloads[1].route[2]",
     "unknown component 'dbb'"),
    ("link-unknown", _append(["links"], {"from": "api", "to": "nowhere"}), "links[3].to",
     "unknown component 'nowhere'"),
    ("store-unknown", _set(["workloads", 0, "store"], "disk"), "workloads[0].store",
     "unknown component 'disk'"),
    ("negative-rate", _set(["workloads", 0, "rate"], -5), "workloads[0].rate",
     "must not be negative"),
    ("negative-bytes", _set(["workloads", 0, "request_bytes"], -1),
     "workloads[0].request_bytes", "must not be negative"),
    ("zero-instances", _set(["components", 1, "instances"], 0), "components[1].instances",
     "greater than 0"),
    ("zero-capacity", _set(["components", 1, "capacity_rps"], 0), "components[1].capacity_rps",
     "greater than 0"),
    ("zero-fan-out", _set(["workloads", 0, "route", 1], {"key": "api", "fan_out": 0}),
     "workloads[0].route[1].fan_out", "greater than 0"),
    ("waits-not-boolean", _set(["workloads", 0, "route", 1], {"key": "api", "waits": "yes"}),
     "workloads[0].route[1].waits", "must be true or false"),
    ("fractional-instances", _set(["components", 1, "instances"], 2.5),
     "components[1].instances", "whole number"),
    ("nan", _set(["assumptions", "peak_factor"], float("nan")), "assumptions.peak_factor",
     "finite"),
    ("infinite", _set(["workloads", 0, "rate"], float("inf")), "workloads[0].rate", "finite"),
    ("huge-number", _set(["workloads", 0, "rate"], 1e30), "workloads[0].rate", "too large"),
    ("not-a-number", _set(["components", 1, "instances"], "two"), "components[1].instances",
     "must be a number"),
    ("fraction-above-one", _set(["components", 2, "hit_ratio"], 1.5),
     "components[2].hit_ratio", "between 0 and 1"),
    ("availability-above-one", _set(["components", 3, "availability"], 99.9),
     "components[3].availability", "between 0 and 1"),
    ("cache-fraction-negative", _set(["assumptions", "cache_fraction"], -0.2),
     "assumptions.cache_fraction", "must not be negative"),
    ("k-above-instances",
     _set(["components", 3], {"key": "db", "kind": "database", "instances": 2,
                              "redundancy": "k-of-n", "k": 3}),
     "components[3].k", "must not exceed instances"),
    ("k-missing", _set(["components", 3], {"key": "db", "kind": "database", "instances": 3,
                                           "redundancy": "k-of-n"}),
     "components[3].k", "is required"),
    ("unknown-per", _set(["workloads", 0, "per"], "week"), "workloads[0].per", "unknown value"),
    ("unknown-redundancy", _set(["components", 1, "redundancy"], "hot-spare"),
     "components[1].redundancy", "unknown value"),
    ("unknown-kind", _set(["components", 1, "kind"], "mainframe"), "components[1].kind",
     "unknown value"),
    ("rate-and-per-user", _set(["workloads", 0, "per_user_per_day"], 3), "workloads[0].rate",
     "exactly one"),
    ("peak-factor-below-one", _set(["assumptions", "peak_factor"], 0.5),
     "assumptions.peak_factor", "at least 1"),
    ("self-link", _append(["links"], {"from": "api", "to": "api"}), "links[3].to", "itself"),
    ("bad-key-characters", _set(["components", 1, "key"], "api server"), "components[1].key",
     "letters, digits"),
    ("too-many-components",
     _set(["components"], [{"key": f"c{i}", "kind": "service"} for i in range(10_001)]),
     "components", "at most 10000"),
    ("too-long-route", _set(["workloads", 0, "route"], ["api"] * 101), "workloads[0].route",
     "at most 100"),
    ("slo-unknown-workload", _set(["slos"], {"p99_ms": {"redirect": 200}}),
     "slos.p99_ms.redirect", "no workload is called"),
    ("slo-availability-above-one", _set(["slos"], {"availability": 99.9}), "slos.availability",
     "between 0 and 1"),
    ("slo-availability-zero", _set(["slos"], {"availability": 0}), "slos.availability",
     "greater than 0"),
    ("slo-p99-zero", _set(["slos"], {"p99_ms": {"read": 0}}), "slos.p99_ms.read",
     "greater than 0"),
    ("slo-p99-not-object", _set(["slos"], {"p99_ms": [200]}), "slos.p99_ms", "must be an object"),
    ("slo-budget-negative", _set(["slos"], {"monthly_budget": -5}), "slos.monthly_budget",
     "must not be negative"),
    ("slo-unknown-field", _set(["slos"], {"latency": 3}), "slos.latency", "unknown field"),
    ("replica-of-unknown",
     _append(["components"], {"key": "db2", "kind": "database", "replica_of": "dbx"}),
     "components[4].replica_of", "unknown component"),
    ("replica-of-itself", _set(["components", 3, "replica_of"], "db"),
     "components[3].replica_of", "itself"),
    ("replica-of-other-kind",
     _append(["components"], {"key": "db2", "kind": "database", "replica_of": "api"}),
     "components[4].replica_of", "same kind"),
    ("replica-of-a-replica", _set(["components"], [
        {"key": "client", "kind": "client"}, {"key": "api", "kind": "service"},
        {"key": "cache", "kind": "cache"}, {"key": "db", "kind": "database"},
        {"key": "db2", "kind": "database", "replica_of": "db"},
        {"key": "db3", "kind": "database", "replica_of": "db2"}]),
     "components[5].replica_of", "itself a replica"),
]


def bad_design(mutation) -> dict:
    document = sample_document("round-figures")
    mutation(document)
    return document
