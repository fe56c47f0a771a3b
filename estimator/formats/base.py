"""What every import and export shares: the result of an import (a design document and the
notes on what was guessed), the error a malformed file raises (naming its line or element),
the limits every parser keeps, the kinds guessed from names, and the assembly of a new
design from what a file names: unique keys, a client, and a placeholder workload along the
longest path (these formats carry no traffic).

Pure Python (no Django): importers read text and write a design document; the design is
saved, or not, by the caller.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import networkx as nx

from estimator.engine import limits

# A file larger than a design document may be is refused before it is parsed.
MAX_IMPORT_BYTES = 2_000_000
# Elements (components, links, manifests, resources) one file may name.
MAX_ELEMENTS = 2_000
# Nesting a YAML or XML file may have (a hostile file nests thousands deep).
MAX_DEPTH = 64

PLACEHOLDER_WORKLOAD = "placeholder: set your traffic"
PLACEHOLDER_RATE = 1.0  # requests a second: a starting point, never a claim


class FormatError(ValueError):
    """A file that cannot be imported, or a design that cannot be exported in a format; the
    message names the line or the element (`line 12: …`, `services.web.deploy: …`)."""

    def __init__(self, message: str, *, where: str = ""):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


@dataclass
class ImportResult:
    """A new design document (valid, unsaved) and what the import guessed, in words."""

    format: str
    document: dict
    notes: list[str] = field(default_factory=list)


@dataclass
class Node:
    """A component as a file names it, before keys are made unique."""

    name: str
    kind: str
    instances: int = 1
    notes: list[str] = field(default_factory=list)
    redundancy: str | None = None
    managed: bool = False
    key: str = ""  # a wished-for key (the file's id); made unique and valid on assembly
    extra: dict = field(default_factory=dict)  # further design-document fields of a component


# Words in an image, a resource type or a label, and the kind they mean; the first match
# wins (so "postgres-exporter" is caught by nothing more specific than postgres).
KIND_WORDS = (
    ("database", ("postgres", "postgresql", "mysql", "mariadb", "mongo", "cassandra",
                  "cockroach", "dynamodb", "rds", "aurora", "database", "sql", " db",
                  "scylla", "couchdb", "neo4j", "timescale", "influxdb", "clickhouse")),
    ("cache", ("redis", "memcached", "elasticache", "valkey", "keydb", "cache",
               "dragonfly", "hazelcast")),
    ("load_balancer", ("nginx", "haproxy", "traefik", "envoy", "load balancer", "load_balancer",
                       "loadbalancer", "elb", "alb", "nlb", "ingress", "caddy", "lb")),
    ("queue", ("kafka", "rabbitmq", "nats", "sqs", "sns", "pulsar", "activemq", "queue",
               "kinesis", "pubsub", "broker", "zookeeper")),
    ("object_store", ("minio", "s3", "object store", "bucket", "blob", "gcs")),
    ("search", ("elasticsearch", "opensearch", "solr", "meilisearch", "typesense", "search")),
    ("cdn", ("cloudfront", "cdn", "akamai", "fastly")),
    ("api_gateway", ("api gateway", "api_gateway", "apigateway", "kong", "gateway")),
    ("dns", ("route53", "route 53", "dns")),
    ("worker", ("worker", "celery", "sidekiq", "consumer", "job", "cron")),
    ("client", ("client", "browser", "user", "mobile", "web app", "person", "actor")),
)


def guess_kind(*texts: str) -> str | None:
    """The kind a name, image or type suggests (None: nothing matched, a service)."""
    words = " " + " ".join(t.lower() for t in texts if t) + " "
    for kind, hints in KIND_WORDS:
        for hint in hints:
            if re.search(rf"(?<![a-z0-9]){re.escape(hint.strip())}(?![a-z0-9])", words) or (
                    len(hint.strip()) > 4 and hint.strip() in words):
                return kind
    return None


def slug_key(text: str) -> str:
    """A component key from any name: letters, digits, `_` and `-` only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    key = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_text).strip("_-")
    return key[:limits.MAX_NAME_LENGTH] or "component"


def first_free(wished: str, used: set[str], *, separator: str = "_",
               fold: bool = False) -> str:
    """`wished`, else `wished_2`, `wished_3`, ...: the first not in `used` (compared
    lower-cased when `fold`), added to `used` as compared."""
    candidate, number = wished, 1
    while (candidate.lower() if fold else candidate) in used:
        number += 1
        candidate = f"{wished}{separator}{number}"
    used.add(candidate.lower() if fold else candidate)
    return candidate


def check_size(text: str | bytes) -> None:
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > MAX_IMPORT_BYTES:
        raise FormatError(f"the file is {size:,} bytes; at most {MAX_IMPORT_BYTES:,} are read")


def check_count(count: int, what: str) -> None:
    if count > MAX_ELEMENTS:
        raise FormatError(f"{count:,} {what}; at most {MAX_ELEMENTS:,} are read")


def _longest_path(keys: list[str], links: list[tuple[str, str]]) -> list[str]:
    """The longest path of links (a DAG's longest; with cycles, the longest shortest path
    from a component nothing links to, else from the first)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(keys)
    graph.add_edges_from(links)
    if not graph.number_of_edges():
        return keys[:1]
    if nx.is_directed_acyclic_graph(graph):
        return nx.dag_longest_path(graph, topo_order=list(nx.lexicographical_topological_sort(
            graph, key=keys.index)))
    sources = [k for k in keys if graph.in_degree(k) == 0] or keys[:1]
    best: list[str] = []
    for source in sources:
        paths = nx.single_source_shortest_path(graph, source)
        for path in sorted(paths.values(), key=lambda p: (-len(p), p)):
            if len(path) > len(best):
                best = path
            break
    return best


def assemble(*, source: str, name: str, nodes: list[Node], links: list[tuple[str, str]],
             notes: list[str] | None = None, description: str = "") -> ImportResult:
    """A valid design document from what a file named: keys made unique (the first of a name
    keeps it), links between known keys once each (no self-links), a client when none was
    named (at the head of the longest path), and a placeholder read workload along the
    longest path, noted as a placeholder. `links` name the nodes' wished-for keys."""
    notes = list(notes or [])
    check_count(len(nodes), "components")
    check_count(len(links), "links")
    keys: dict[str, str] = {}
    used: set[str] = set()
    components = []
    for node in nodes:
        key = first_free(slug_key(node.key or node.name), used)
        keys.setdefault(node.key or node.name, key)
        component = {"key": key, "kind": node.kind,
                     "name": (node.name or key)[:limits.MAX_NAME_LENGTH]}
        if node.instances > 1:
            component["instances"] = min(int(node.instances), 1_000_000)
        if node.redundancy:
            component["redundancy"] = node.redundancy
        if node.managed:
            component["managed"] = True
        component.update(node.extra)
        if node.notes:
            component["notes"] = "; ".join(node.notes)[:limits.MAX_TEXT_LENGTH]
        components.append(component)
    edges = []
    for source_key, target_key in links:
        a, b = keys.get(source_key), keys.get(target_key)
        if a and b and a != b and (a, b) not in edges:
            edges.append((a, b))
    order = [c["key"] for c in components]
    path = _longest_path(order, edges)
    if components and not any(c["kind"] == "client" for c in components):
        client = "client" if "client" not in used else "client_imported"
        components.insert(0, {"key": client, "kind": "client", "name": "Clients",
                              "notes": "added by the import: the file names no client"})
        if path:
            edges.insert(0, (client, path[0]))
        path = [client, *path]
        notes.append("No client was named: one was added at the head of the longest path.")
    workloads = []
    if len(path) >= 2:
        workloads.append({"name": PLACEHOLDER_WORKLOAD, "kind": "read", "rate": PLACEHOLDER_RATE,
                          "per": "second", "route": path})
        notes.append(f"No traffic given (the format has none): a placeholder read workload of "
                     f"{PLACEHOLDER_RATE:g}/s follows the longest path "
                     f"({' → '.join(path)}); set your own workloads.")
    text = description.strip()
    if notes:
        text = (text + "\n\n" if text else "") + "Import notes:\n" + "\n".join(
            f"- {note}" for note in notes)
    document = {"name": (name or "Imported design")[:limits.MAX_NAME_LENGTH],
                "description": text[:limits.MAX_TEXT_LENGTH],
                "components": components,
                "links": [{"from": a, "to": b} for a, b in edges], "workloads": workloads}
    return ImportResult(format=source, document=document, notes=notes)
