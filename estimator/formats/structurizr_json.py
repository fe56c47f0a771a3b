"""Structurizr's workspace as JSON (what Structurizr Lite, the cloud service and the CLI's
`export -format json` write): exported and imported.

The model's people are clients; a software system with containers is the boundary of its
containers (each a component; its components fold into it); a software system without
containers is one component. The figures ride in each element's properties ("kind",
"instances", "utilisation", "availability"), so a round trip keeps them; elsewhere the kind
is guessed from the tags, the technology and the name, and noted. Also the kinds shared with
the DSL (estimator.formats.structurizr).
"""

import json
import re

from estimator.engine.defaults import KINDS
from estimator.formats import Exporter, Importer, register_exporter, register_importer
from estimator.formats.base import (
    FormatError,
    ImportResult,
    Node,
    assemble,
    check_count,
    first_free,
    guess_kind,
    slug_key,
)
from estimator.formats.labels import component_figures

# The tag (and so the style) each kind's container carries.
KIND_TAGS = {"client": "Person", "database": "Database", "queue": "Queue", "cache": "Cache",
             "object_store": "Object Store", "load_balancer": "Load Balancer",
             "api_gateway": "API Gateway", "cdn": "CDN", "dns": "DNS", "search": "Search",
             "worker": "Worker", "external": "External", "service": "Service"}
# Tags of Structurizr's own examples and themes that say a kind.
_TAG_KINDS = {"database": "database", "db": "database", "queue": "queue",
              "message bus": "queue", "topic": "queue", "cache": "cache",
              "object store": "object_store", "bucket": "object_store",
              "load balancer": "load_balancer", "api gateway": "api_gateway", "cdn": "cdn",
              "dns": "dns", "search": "search", "worker": "worker", "external": "external",
              "existing system": "external", "external system": "external",
              "web browser": "client", "mobile app": "client", "person": "client",
              "service": "service"}
# A container's words say "client" only if it runs on the user's device.
_CLIENT_SIDE = re.compile(r"browser|mobile|single[- ]page|\bspa\b|desktop|ios|android",
                          re.IGNORECASE)


def element_kind(properties: dict, tags: list[str], technology: str, name: str,
                 default: str = "service") -> tuple[str, str | None]:
    """A container's or system's kind and, when guessed, a note saying from what."""
    stated = str(properties.get("kind", "")).strip().lower()
    if stated in KINDS:
        return stated, None
    for tag in tags:
        if kind := _TAG_KINDS.get(tag.strip().lower()):
            return kind, f"kind {kind} from the tag {tag.strip()!r}"
    for source, text in (("technology", technology), ("name", name)):
        kind = guess_kind(text)
        if kind == "client" and not _CLIENT_SIDE.search(f"{technology} {name}"):
            kind = None
        if kind:
            return kind, f"kind {kind} guessed from the {source}"
    return default, (f"nothing names a kind: {'a' if default[0] not in 'aeiou' else 'an'} "
                     f"{default}")


def instances_of(properties: dict, where: str) -> int:
    raw = properties.get("instances")
    if raw in (None, ""):
        return 1
    try:
        count = int(str(raw).strip())
    except ValueError:
        raise FormatError(f"the property instances is {raw!r}, not a whole number",
                          where=where) from None
    if not 1 <= count <= 1_000_000:
        raise FormatError(f"the property instances is {count}; 1 to 1,000,000", where=where)
    return count


def figure_properties(figure) -> dict[str, str]:
    properties = {"kind": figure.kind, "instances": str(figure.instances)}
    if figure.utilization:
        properties["utilisation"] = figure.utilization
    if figure.availability:
        properties["availability"] = figure.availability
    return properties


def write(document: dict, estimate) -> str:
    figures = component_figures(document, estimate)
    ids = {figure.key: str(number) for number, figure in enumerate(figures, start=2)}
    system_id = "1"
    relationships: dict[str, list[dict]] = {key: [] for key in ids}
    for number, link in enumerate(document.get("links", []), start=len(figures) + 2):
        relationships[link["from"]].append({
            "id": str(number), "sourceId": ids[link["from"]], "destinationId": ids[link["to"]],
            "description": "Uses", "tags": "Relationship"})
    people, containers = [], []
    for figure in figures:
        element = {"id": ids[figure.key], "name": figure.name, "description": figure.line,
                   "properties": figure_properties(figure),
                   "relationships": relationships[figure.key]}
        if figure.kind == "client":
            element["tags"] = "Element,Person"
            element["location"] = "External"
            people.append(element)
        else:
            element["tags"] = f"Element,Container,{KIND_TAGS.get(figure.kind, 'Service')}"
            element["technology"] = figure.kind
            element["softwareSystemId"] = system_id
            containers.append(element)
    workspace = {
        "name": document.get("name") or "Design",
        "description": "Exported from the estimator: each container's properties hold its "
                       "kind, instances and, with an estimate, peak utilisation and "
                       "availability.",
        "model": {
            "people": people,
            "softwareSystems": [{"id": system_id, "name": document.get("name") or "Design",
                                 "tags": "Element,Software System", "containers": containers}],
        },
        "views": {
            "containerViews": [{
                "key": "Containers", "softwareSystemId": system_id,
                "automaticLayout": {"implementation": "Graphviz", "rankDirection": "LeftRight",
                                    "rankSeparation": 300, "nodeSeparation": 300,
                                    "edgeSeparation": 0, "vertices": False},
                "elements": [{"id": ids[f.key]} for f in figures],
            }],
            "configuration": {"styles": {"elements": [
                {"tag": "Person", "shape": "Person"},
                {"tag": "Database", "shape": "Cylinder"},
                {"tag": "Queue", "shape": "Pipe"},
            ]}},
        },
    }
    return json.dumps(workspace, indent=2, ensure_ascii=False) + "\n"


def _text(value, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise FormatError(f"expected text, found {type(value).__name__}", where=where)
    return str(value)


def _list(value, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FormatError(f"expected a list, found {type(value).__name__}", where=where)
    return value


def _object(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise FormatError(f"expected an object, found {type(value).__name__}", where=where)
    return value


def _properties(element: dict, where: str) -> dict:
    properties = element.get("properties") or {}
    if not isinstance(properties, dict):
        raise FormatError("properties is not an object", where=where)
    return {str(k): v for k, v in properties.items()}


def _tags(element: dict, where: str) -> list[str]:
    return [t.strip() for t in _text(element.get("tags"), f"{where}.tags").split(",")
            if t.strip()]


def read(text: str) -> ImportResult:
    try:
        workspace = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"not JSON: {error.msg}", where=f"line {error.lineno}") from None
    except RecursionError:
        raise FormatError("the JSON nests too deeply") from None
    workspace = _object(workspace, "workspace")
    model = _object(workspace.get("model"), "model")
    nodes: list[Node] = []
    owner: dict[str, str | None] = {}  # element id -> the node key it counts as (None: none)
    raw_links: list[tuple[str, str, str]] = []
    notes: list[str] = []
    used_keys: set[str] = set()

    def relationships_of(element: dict, where: str) -> None:
        for index, relation in enumerate(_list(element.get("relationships"),
                                               f"{where}.relationships")):
            at = f"{where}.relationships[{index}]"
            relation = _object(relation, at)
            raw_links.append((_text(relation.get("sourceId") or element.get("id"), at),
                              _text(relation.get("destinationId"), at), at))
        check_count(len(raw_links), "relationships")

    def add(element: dict, where: str, kind: str, guessed: str | None) -> None:
        element_id = _text(element.get("id"), f"{where}.id")
        if not element_id:
            raise FormatError("an element without an id", where=where)
        properties = _properties(element, where)
        name = _text(element.get("name"), f"{where}.name") or element_id
        # The key from the name (ids are numbers), unique: links name it.
        key = first_free(slug_key(name), used_keys, fold=True)
        nodes.append(Node(name=name, kind=kind, instances=instances_of(properties, where),
                          notes=[guessed] if guessed else [], key=key))
        owner[element_id] = key
        check_count(len(nodes), "elements")

    for index, person in enumerate(_list(model.get("people"), "model.people")):
        where = f"model.people[{index}]"
        person = _object(person, where)
        add(person, where, "client", None)
        relationships_of(person, where)
    systems = [_object(s, f"model.softwareSystems[{i}]")
               for i, s in enumerate(_list(model.get("softwareSystems"), "model.softwareSystems"))]
    any_containers = any(system.get("containers") for system in systems)
    for index, system in enumerate(systems):
        where = f"model.softwareSystems[{index}]"
        containers = _list(system.get("containers"), f"{where}.containers")
        system_id = _text(system.get("id"), f"{where}.id")
        if containers:
            owner[system_id] = None
            notes.append(f"Software system {system.get('name')!r}: its containers are the "
                         "components; links to the system itself are dropped.")
        else:
            kind, guessed = element_kind(_properties(system, where), _tags(system, where), "",
                                         _text(system.get("name"), where),
                                         "external" if any_containers else "service")
            add(system, where, kind, guessed)
        relationships_of(system, where)
        for number, container in enumerate(containers):
            at = f"{where}.containers[{number}]"
            container = _object(container, at)
            kind, guessed = element_kind(
                _properties(container, at), _tags(container, at),
                _text(container.get("technology"), f"{at}.technology"),
                _text(container.get("name"), f"{at}.name"))
            add(container, at, kind, guessed)
            relationships_of(container, at)
            components = _list(container.get("components"), f"{at}.components")
            for item, component in enumerate(components):
                component_at = f"{at}.components[{item}]"
                component = _object(component, component_at)
                owner[_text(component.get("id"), f"{component_at}.id")] = owner[
                    _text(container.get("id"), f"{at}.id")]
                relationships_of(component, component_at)
            if components:
                notes.append(f"Container {container.get('name')!r}: its {len(components)} "
                             "component(s) folded into it.")
    for key in ("deploymentNodes", "customElements"):
        if model.get(key):
            notes.append(f"model.{key} skipped: only people, software systems and containers "
                         "are read.")
    for index, relation in enumerate(_list(model.get("relationships"), "model.relationships")):
        at = f"model.relationships[{index}]"
        relation = _object(relation, at)
        raw_links.append((_text(relation.get("sourceId"), at),
                          _text(relation.get("destinationId"), at), at))
    links, dropped = [], 0
    for source, target, where in raw_links:
        if source not in owner or target not in owner:
            missing = source if source not in owner else target
            raise FormatError(f"the relationship names element id {missing!r}, which the "
                              "model does not have", where=where)
        a, b = owner[source], owner[target]
        if a is None or b is None:
            dropped += 1
        elif a != b:
            links.append((a, b))
    if dropped:
        notes.append(f"{dropped} relationship(s) to or from a software system with containers "
                     "dropped.")
    if not nodes:
        raise FormatError("the model has no people, software systems or containers",
                          where="model")
    guessed = [f"{node.name} ({node.kind})" for node in nodes if node.notes]
    if guessed:
        notes.append("Kinds guessed from tags, technology and names: "
                     + ", ".join(guessed[:20]) + ("…" if len(guessed) > 20 else "") + ".")
    return assemble(source="structurizr-json",
                    name=_text(workspace.get("name"), "name") or "Imported Structurizr workspace",
                    nodes=nodes, links=links, notes=notes,
                    description=_text(workspace.get("description"), "description"))


def looks_like(text: str, filename: str) -> bool:
    head = text[:4000]
    if not text.lstrip().startswith("{"):
        return False
    return bool(re.search(r'"model"\s*:\s*\{', head)) and (
        '"softwareSystems"' in text[:200_000] or '"people"' in text[:200_000])


register_exporter(Exporter("structurizr-json", "Structurizr workspace (JSON)", "workspace.json",
                           "application/json", write))
register_importer(Importer("structurizr-json", "Structurizr workspace (JSON)", read,
                           looks_like))
