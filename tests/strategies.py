"""Hypothesis strategies for design documents: every shape the design document allows.

`design_documents()` draws documents of every shape: every component kind and redundancy,
k-of-n up to the largest instance count, fan-out, alternatives (`any_of`), ranges, caches
and CDNs, zones, prices, free text, unicode names (right-to-left marks, emoji, combining
marks, and now and then a NUL), and numbers at the documented limits and a little past
them. Most are valid; the few that are not (a NUL, a figure past a limit) must be refused
with an error naming the field. `valid_documents()` keeps only those the engine accepts.
`scenarios(document)` draws what-if scenarios for a document, valid or not.
"""

from hypothesis import strategies as st

from estimator.engine import defaults, limits, validate

KINDS = defaults.KINDS
STORES = defaults.STORAGE_KINDS

# Text people type: any letter or mark, with right-to-left marks and isolates, zero-width
# joiners, emoji and combining accents drawn often. (A NUL, refused, comes from _broken.)
_SPECIAL = ["\u200f", "\u200e", "\u2067", "\u2069", "\u200d", "\U0001f680", "e\u0301", "\u00e9"]
_LETTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))


def texts(*, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    pieces = st.one_of(_LETTERS, _LETTERS, st.sampled_from(_SPECIAL))
    return st.lists(pieces, min_size=min_size, max_size=max_size).map("".join)


names = texts(min_size=1, max_size=30).filter(lambda text: text.strip() != "")
keys = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)

# Figures: 0, the smallest and largest accepted, ordinary ones, whole numbers. (Figures past
# a limit, refused, come from _broken.)
_EDGES = [0.0, limits.MIN_POSITIVE, 1.0, 1000.0, 1e6, limits.MAX_NUMBER]
_PAST = [limits.MAX_NUMBER * 10, limits.MIN_POSITIVE / 10, 10**25, 10**400, -1.0, float("nan"),
         float("inf"), True, "12", None]


def figures(*, positive: bool = False) -> st.SearchStrategy[float]:
    low = limits.MIN_POSITIVE
    return st.one_of(
        st.sampled_from([edge for edge in _EDGES if edge or not positive]),
        st.floats(low, 1e6),
        st.floats(low, limits.MAX_NUMBER),
        st.integers(1, 10**9),
    )


fractions = st.one_of(st.sampled_from([0.0, 0.5, 0.9, 0.999, 0.99999, 1.0]),
                      st.floats(limits.MIN_POSITIVE, 1.0))


@st.composite
def ranges(draw, values: st.SearchStrategy[float]) -> dict:
    low, mid, high = sorted(draw(st.lists(values, min_size=3, max_size=3)))
    return {"low": low, "mid": mid, "high": high}


def maybe_range(values: st.SearchStrategy[float]) -> st.SearchStrategy:
    """A figure, or (one time in six) a range of them."""
    return st.one_of(values, values, values, values, values, ranges(values))


def _optional(draw, fields: dict) -> dict:
    """Each field of `fields` (name -> strategy) drawn or left out."""
    return {name: draw(strategy) for name, strategy in fields.items() if draw(st.booleans())}


@st.composite
def components(draw, count: int) -> list[dict]:
    chosen = draw(st.lists(keys, min_size=count, max_size=count, unique=True))
    zones = ["a", "b", "zone \u05d0"]
    items = []
    for key in chosen:
        kind = draw(st.sampled_from(KINDS))
        item = {"key": key, "kind": kind}
        item.update(_optional(draw, {
            "name": names,
            "capacity_rps": maybe_range(figures(positive=True)),
            "availability": maybe_range(fractions),
            "latency_ms": maybe_range(figures()),
            "hit_ratio": maybe_range(fractions),
            "memory_bytes": figures(),
            "storage_bytes": figures(),
            "managed": st.booleans(),
            "zone": st.sampled_from(zones),
            "notes": texts(max_size=60),
            "price_month": figures(),
            "position": st.fixed_dictionaries({"x": st.floats(-1e4, 1e4),
                                               "y": st.floats(-1e4, 1e4)}),
        }))
        item.update(draw(_redundancy()))
        items.append(item)
    _replicas(draw, items)
    return items


def _replicas(draw, items: list[dict]) -> None:
    """Some components a replica of an earlier one of their kind that is no replica."""
    for index, item in enumerate(items):
        primaries = [other["key"] for other in items[:index]
                     if other["kind"] == item["kind"] and "replica_of" not in other]
        if primaries and draw(st.integers(0, 3)) == 0:
            item["replica_of"] = draw(st.sampled_from(primaries))


@st.composite
def _redundancy(draw) -> dict:
    instances = draw(st.one_of(st.integers(1, 5), st.integers(1, 2000),
                               st.just(limits.MAX_INSTANCES)))
    kind = draw(st.sampled_from(defaults.REDUNDANCY_KINDS))
    fields = {"instances": instances, "redundancy": kind}
    if kind == "k-of-n":
        fields["k"] = draw(st.integers(1, max(1, min(instances, limits.MAX_INSTANCES))))
    elif draw(st.booleans()) and instances == 1:
        del fields["instances"]  # the default
    return fields


@st.composite
def _step(draw, keys_: list[str]):
    key = draw(st.sampled_from(keys_))
    if draw(st.integers(0, 3)) == 0:
        fan_outs = st.sampled_from([0.5, 1.0, 2.0, 3.0, 10.0])
        step = {"key": key, "fan_out": draw(maybe_range(fan_outs))}
        if draw(st.booleans()):
            step["waits"] = draw(st.booleans())
        return step
    return key


@st.composite
def routes(draw, keys_: list[str]) -> list:
    if not keys_:
        return []
    route = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 4)) == 0:
            options = draw(st.lists(st.lists(_step(keys_), min_size=1, max_size=3),
                                    min_size=2, max_size=4))
            route.append({"any_of": options})
        else:
            route.append(draw(_step(keys_)))
    return route


@st.composite
def workloads(draw, components_: list[dict]) -> list[dict]:
    keys_ = [c["key"] for c in components_]
    stores = [c["key"] for c in components_ if c["kind"] in STORES]
    chosen = draw(st.lists(names, max_size=5, unique=True))
    items = []
    for name in chosen:
        kind = draw(st.sampled_from(["read", "write"]))
        item = {"name": name, "kind": kind, "route": draw(routes(keys_))}
        if draw(st.booleans()):
            item["rate"] = draw(maybe_range(figures()))
            if draw(st.booleans()):
                item["per"] = draw(st.sampled_from(list(defaults.PERIOD_SECONDS)))
        else:
            item["per_user_per_day"] = draw(maybe_range(figures()))
        item.update(_optional(draw, {
            "request_bytes": maybe_range(figures()),
            "response_bytes": maybe_range(figures()),
            "stored_bytes": maybe_range(figures()),
            "peak_factor": maybe_range(st.floats(1.0, 10.0)),
            "media": st.fixed_dictionaries({"fraction": fractions, "bytes": figures()}),
        }))
        if stores and draw(st.booleans()):
            item["store"] = draw(st.sampled_from(stores))
        items.append(item)
    return items


assumptions = st.fixed_dictionaries({}, optional={
    "daily_active_users": maybe_range(figures()),
    "retention_years": maybe_range(st.one_of(st.floats(0.5, 30), st.sampled_from(
        [1.0, 10.0, float(limits.MAX_RETENTION_YEARS), limits.MAX_RETENTION_YEARS + 1.0]))),
    "peak_factor": maybe_range(st.floats(1.0, 100.0)),
    "replication_factor": st.integers(1, 5),
    "cache_fraction": maybe_range(fractions),
    "target_utilization": maybe_range(st.sampled_from([0.01, 0.5, 0.7, 1.0])),
    "growth_rate": maybe_range(st.one_of(st.sampled_from([0.0, 0.5, 1.0, 10.0]),
                                         st.floats(0.0, 2.0))),
})


@st.composite
def slos(draw, workload_names: list[str]) -> dict:
    """The design's targets, each part optional; p99 targets name existing workloads."""
    targets = {}
    if workload_names:
        chosen = draw(st.lists(st.sampled_from(workload_names), max_size=3, unique=True))
        targets = {name: draw(figures(positive=True)) for name in chosen}
    return _optional(draw, {
        "availability": st.one_of(st.sampled_from([0.99, 0.999, 0.9999, 1.0]),
                                  st.floats(0.5, 1.0)),
        "p99_ms": st.just(targets),
        "monthly_budget": figures(positive=True),
    })


@st.composite
def links(draw, keys_: list[str]) -> list[dict]:
    if len(keys_) < 2:
        return []
    pairs = draw(st.lists(st.tuples(st.sampled_from(keys_), st.sampled_from(keys_))
                          .filter(lambda pair: pair[0] != pair[1]), max_size=8, unique=True))
    return [{"from": a, "to": b} for a, b in pairs]


@st.composite
def design_documents(draw, max_components: int = 12) -> dict:
    """A design document of any shape; most are valid."""
    count = draw(st.one_of(st.integers(0, 4), st.integers(0, max_components)))
    components_ = draw(components(count))
    document = {"name": draw(names), "components": components_,
                "workloads": draw(workloads(components_))}
    document.update(_optional(draw, {
        "description": st.one_of(texts(max_size=80), st.none()),
        "assumptions": assumptions,
        "links": links([c["key"] for c in components_]),
        "requirements": st.fixed_dictionaries({}, optional={
            field: texts(max_size=60) for field in ("functional", "non_functional", "extended")}),
        "data_model": texts(max_size=60),
        "api_design": texts(max_size=60),
        "prices": st.fixed_dictionaries({}, optional={
            "storage_gb_month": figures(), "egress_gb": figures()}),
    }))
    if draw(st.booleans()):
        document["slos"] = draw(slos([w["name"] for w in document["workloads"]]))
    if draw(st.integers(0, 9)) == 0:
        document = draw(_broken(document))
    return document


def _leaves(value, path=()):
    """(path, value) of every number and string in a document but keys and kinds, whose
    change would only make another document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("key", "kind", "from", "to", "store"):
                yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        yield path, value


@st.composite
def _broken(draw, document: dict) -> dict:
    """The document with one figure past a limit or of the wrong type, or one text with a
    NUL: validation must refuse it, naming that field."""
    leaves = list(_leaves(document))
    if not leaves:
        return document
    path, value = draw(st.sampled_from(leaves))
    if isinstance(value, str):
        changed = value[: len(value) // 2] + "\x00" + value[len(value) // 2:]
    else:
        changed = draw(st.sampled_from(_PAST))
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = changed
    return document


def valid_documents(max_components: int = 12) -> st.SearchStrategy[dict]:
    """Documents the engine accepts (most drawn ones are)."""
    return design_documents(max_components).filter(lambda document: not validate(document))


@st.composite
def scenarios(draw, document: dict) -> dict:
    """A what-if scenario for the document: failed components, lost instances, zones; now and
    then with an unknown key or a wrong shape (refused, naming the field)."""
    components_ = document.get("components", [])
    keys_ = [c["key"] for c in components_]
    zones = sorted({c["zone"] for c in components_ if c.get("zone")})
    junk = st.one_of(st.integers(), st.none(), st.lists(st.integers(), max_size=2),
                     st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), texts())
    scenario = {}
    if keys_ and draw(st.booleans()):
        scenario["failed"] = draw(st.lists(st.sampled_from(keys_), max_size=3, unique=True))
    if keys_ and draw(st.booleans()):
        lost = {}
        for key in draw(st.lists(st.sampled_from(keys_), max_size=3, unique=True)):
            instances = next(c.get("instances", 1) for c in components_ if c["key"] == key)
            lost[key] = draw(st.integers(1, max(1, min(instances, limits.MAX_INSTANCES))))
        scenario["lost_instances"] = lost
    if zones and draw(st.booleans()):
        scenario["zones"] = draw(st.lists(st.sampled_from(zones), max_size=2, unique=True))
    if draw(st.integers(0, 5)) == 0:  # a wrong shape somewhere
        field = draw(st.sampled_from(["failed", "lost_instances", "zones", "other"]))
        scenario[field] = draw(st.one_of(junk, st.lists(junk, max_size=2)))
    return scenario
