"""The Structurizr DSL: a workspace exported (one software system, a container per component
with its figures as properties, a person per client, a container view), and the common
subset of the language imported (docs.structurizr.com/dsl/language): workspace, model and
views blocks, person, softwareSystem, container, component, group, identifiers (flat or
`!identifiers hierarchical`), relationships (`a -> b`, and `-> b` or `this -> b` inside an
element), tags, description, technology, properties, `!const`; views, styles and deployment
are skipped. What becomes a component follows estimator.formats.structurizr_json.
"""

import re
from dataclasses import dataclass, field

from estimator.formats import Exporter, Importer, register_exporter, register_importer
from estimator.formats.base import (
    MAX_DEPTH,
    FormatError,
    ImportResult,
    Node,
    assemble,
    check_count,
    first_free,
)
from estimator.formats.labels import component_figures
from estimator.formats.structurizr_json import (
    KIND_TAGS,
    element_kind,
    figure_properties,
    instances_of,
)

RESERVED = {"this", "workspace", "model", "views", "group", "person", "softwaresystem",
            "container", "component", "element", "tags", "description", "technology",
            "properties", "url", "perspectives", "styles", "include", "exclude", "autolayout",
            "theme", "themes", "configuration", "enterprise", "deploymentenvironment", "name"}


def _quote(text: str) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _identifiers(keys: list[str]) -> dict[str, str]:
    ids, used = {}, set()
    for key in keys:
        base = re.sub(r"[^A-Za-z0-9_-]", "_", key) or "c"
        if base.lower() in RESERVED:
            base += "_c"
        ids[key] = first_free(base, used, fold=True)
    return ids


def write(document: dict, estimate) -> str:
    figures = component_figures(document, estimate)
    ids = _identifiers([f.key for f in figures])
    system = "system"
    while system in {i.lower() for i in ids.values()}:
        system += "_"
    name = document.get("name") or "Design"
    out = [f"workspace {_quote(name)} {_quote('Exported from the estimator')} {{",
           "    model {"]

    def element(figure, indent: str, line: str) -> None:
        out.append(f"{indent}{line} {{")
        out.append(f"{indent}    tags {_quote(KIND_TAGS.get(figure.kind, 'Service'))}")
        out.append(f"{indent}    properties {{")
        for key, value in figure_properties(figure).items():
            out.append(f"{indent}        {_quote(key)} {_quote(value)}")
        out.append(f"{indent}    }}")
        out.append(f"{indent}}}")

    for figure in figures:
        if figure.kind == "client":
            element(figure, "        ", f"{ids[figure.key]} = person {_quote(figure.name)} "
                                        f"{_quote(figure.line)}")
    out.append(f"        {system} = softwareSystem {_quote(name)} {{")
    for figure in figures:
        if figure.kind != "client":
            element(figure, "            ",
                    f"{ids[figure.key]} = container {_quote(figure.name)} "
                    f"{_quote(figure.line)} {_quote(figure.kind)}")
    out.append("        }")
    for link in document.get("links", []):
        out.append(f"        {ids[link['from']]} -> {ids[link['to']]} \"Uses\"")
    out += ["    }", "    views {", f"        container {system} \"Containers\" {{",
            "            include *", "            autoLayout lr", "        }",
            "        styles {",
            '            element "Person" {', "                shape Person", "            }",
            '            element "Database" {', "                shape Cylinder", "            }",
            '            element "Queue" {', "                shape Pipe", "            }",
            "        }", "    }", "}"]
    return "\n".join(out) + "\n"


# --- the importer --------------------------------------------------------------------------

_ELEMENT_TYPES = {"person", "softwaresystem", "container", "component", "element"}
_SKIPPED_BLOCKS = {"views", "styles", "configuration", "perspectives", "archetypes",
                   "deploymentenvironment", "deploymentnode", "branding", "terminology",
                   "users", "animation", "!docs", "!adrs", "!script", "!plugin", "!components"}
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


@dataclass
class _Element:
    identifier: str
    type: str
    name: str
    line: int
    parent: "_Element | None" = None
    description: str = ""
    technology: str = ""
    tags: list[str] = field(default_factory=list)
    properties: dict = field(default_factory=dict)
    children: list["_Element"] = field(default_factory=list)


@dataclass
class _Frame:
    kind: str  # workspace, model, element, group, properties, relationship, skip
    line: int
    element: _Element | None = None


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.elements: list[_Element] = []
        self.by_identifier: dict[str, _Element | None] = {}  # None: ambiguous
        self.relationships: list[tuple[str | _Element, str, int]] = []
        self.constants: dict[str, str] = {}
        self.hierarchical = False
        self.stack: list[_Frame] = []
        self.notes: list[str] = []
        self.name = ""
        self.description = ""
        self.line = 0

    def error(self, message: str) -> FormatError:
        return FormatError(message, where=f"line {self.line}")

    def lines(self):
        """(line number, text) of each statement: comments dropped, `\\` continuations
        joined."""
        in_block_comment = False
        pending, pending_line = "", 0
        for number, raw in enumerate(self.text.splitlines(), start=1):
            line = raw.strip()
            if in_block_comment:
                if "*/" in line:
                    in_block_comment = False
                    line = line.split("*/", 1)[1].strip()
                else:
                    continue
            if line.startswith("/*"):
                if "*/" not in line[2:]:
                    in_block_comment = True
                    continue
                line = line[2:].split("*/", 1)[1].strip()
            if not pending and (line.startswith("//") or line.startswith("#")):
                continue
            if line.endswith("\\"):
                pending, pending_line = pending + line[:-1] + " ", pending_line or number
                continue
            if pending:
                line, number = pending + line, pending_line
                pending, pending_line = "", 0
            if line:
                yield number, line
        if in_block_comment:
            self.line = len(self.text.splitlines())
            raise self.error("a /* comment */ is not closed")

    def tokens(self, line: str) -> list[str]:
        if line.count('"') - len(re.findall(r'\\"', line)) & 1:
            raise self.error('a quoted string (") is not closed')
        tokens = []
        for match in _TOKEN.finditer(line):
            if match.group(1) is not None:
                value = re.sub(r"\\(.)", r"\1", match.group(1))
            else:
                value = match.group(2)
            tokens.append(re.sub(r"\$\{(\w+)\}", lambda m: self.constants.get(
                m.group(1), m.group(0)), value))
        return tokens

    def parse(self) -> None:
        for number, line in self.lines():
            self.line = number
            if line == "}":
                if not self.stack:
                    raise self.error("`}` closes no block")
                self.stack.pop()
                continue
            opens = line.endswith("{")
            body = line[:-1].rstrip() if opens else line
            frame = self.stack[-1] if self.stack else None
            if frame is not None and frame.kind == "skip":
                if opens:
                    self.push("skip")
                continue
            tokens = self.tokens(body) if body else []
            self.statement(frame, tokens, opens, body)
            check_count(len(self.elements), "elements")
            check_count(len(self.relationships), "relationships")
        if self.stack:
            frame = self.stack[-1]
            self.line = frame.line
            raise self.error("this block is not closed with `}`")

    def push(self, kind: str, element: _Element | None = None) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise self.error(f"blocks nest more than {MAX_DEPTH} deep")
        self.stack.append(_Frame(kind, self.line, element))

    def current_element(self) -> _Element | None:
        for frame in reversed(self.stack):
            if frame.element is not None and frame.kind == "element":
                return frame.element
        return None

    def statement(self, frame: _Frame | None, tokens: list[str], opens: bool,
                  body: str) -> None:
        keyword = tokens[0].lower() if tokens else ""
        if frame is None:
            if keyword in ("workspace", "model") and opens:
                if keyword == "workspace":
                    if len(tokens) > 1 and tokens[1].lower() == "extends":
                        self.notes.append("The workspace extends another one: only this "
                                          "file is read.")
                    else:
                        self.name = tokens[1] if len(tokens) > 1 else ""
                        self.description = tokens[2] if len(tokens) > 2 else ""
                self.push(keyword)
                return
            raise self.error(f"expected `workspace {{`, found {body[:40]!r}")
        if frame.kind == "properties":
            if len(tokens) >= 2 and frame.element is not None:
                frame.element.properties[tokens[0]] = tokens[1]
            if opens:
                self.push("skip")
            return
        if frame.kind == "relationship":
            if opens:
                self.push("skip")
            return  # a relationship's tags and properties carry nothing here
        if keyword.startswith("!"):
            self.directive(keyword, tokens, opens)
            return
        if frame.kind == "workspace":
            if keyword == "model" and opens:
                self.push("model")
            elif keyword == "name" and len(tokens) > 1:
                self.name = tokens[1]
            elif keyword == "description" and len(tokens) > 1:
                self.description = tokens[1]
            elif opens:  # views, configuration, properties and the rest: nothing to estimate
                self.push("skip")
            return
        # In the model, a group or an element's block.
        if "->" in tokens:
            self.relationship(tokens, opens)
            return
        element = frame.element if frame.kind == "element" else None
        if keyword in ("tags", "tag") and element is not None:
            element.tags += [t.strip() for token in tokens[1:] for t in token.split(",")
                             if t.strip()]
        elif keyword == "description" and element is not None and len(tokens) > 1:
            element.description = tokens[1]
        elif keyword == "technology" and element is not None and len(tokens) > 1:
            element.technology = tokens[1]
        elif keyword == "properties" and opens:
            self.push("properties", element)
            return
        elif keyword in ("group", "enterprise") and opens:
            self.push("group")
            return
        elif (len(tokens) >= 3 and tokens[1] == "=") or keyword in _ELEMENT_TYPES:
            self.element(tokens, opens)
            return
        elif keyword in ("url", "instances", "perspectives", "healthcheck"):
            pass
        elif keyword in _SKIPPED_BLOCKS or opens:
            self.notes.append(f"line {self.line}: `{tokens[0] if tokens else body}` skipped "
                              "(only people, software systems, containers and their "
                              "relationships are read).")
        else:
            self.notes.append(f"line {self.line}: unknown statement `{body[:40]}` skipped.")
        if opens:
            self.push("skip")

    def directive(self, keyword: str, tokens: list[str], opens: bool) -> None:
        if keyword == "!identifiers":
            self.hierarchical = len(tokens) > 1 and tokens[1].lower() == "hierarchical"
        elif keyword in ("!const", "!constant", "!var") and len(tokens) >= 3:
            self.constants[tokens[1]] = tokens[2]
        elif keyword in ("!ref", "!element", "!extend") and len(tokens) > 1 and opens:
            target = self.resolve(tokens[1])
            self.push("element", target)
            return
        elif keyword == "!include":
            self.notes.append(f"line {self.line}: !include not followed (one file is read).")
        elif keyword not in ("!impliedrelationships", "!docs", "!adrs"):
            self.notes.append(f"line {self.line}: {tokens[0]} skipped.")
        if opens:
            self.push("skip")

    def element(self, tokens: list[str], opens: bool) -> None:
        identifier = ""
        if len(tokens) >= 3 and tokens[1] == "=":
            identifier, tokens = tokens[0], tokens[2:]
            if not re.fullmatch(r"[A-Za-z0-9_-]+", identifier):
                raise self.error(f"{identifier!r} is not an identifier (letters, digits, "
                                 "_ and -)")
        keyword = tokens[0].lower()
        arguments = tokens[1:]
        parent = self.current_element()
        if keyword not in _ELEMENT_TYPES:
            self.notes.append(f"line {self.line}: unknown element type {tokens[0]!r}: read "
                              "as a service.")
            keyword = "element"
        if not arguments:
            raise self.error(f"{tokens[0]} needs a name")
        element = _Element(identifier=identifier, type=keyword, name=arguments[0],
                           line=self.line, parent=parent)
        if keyword == "container" and parent is not None and parent.type != "softwaresystem":
            raise self.error("a container belongs in a softwareSystem's block")
        if keyword == "component" and (parent is None or parent.type != "container"):
            raise self.error("a component belongs in a container's block")
        if keyword in ("person", "softwaresystem"):
            element.description = arguments[1] if len(arguments) > 1 else ""
            tags = arguments[2] if len(arguments) > 2 else ""
        elif keyword == "element":
            element.technology = arguments[1] if len(arguments) > 1 else ""
            element.description = arguments[2] if len(arguments) > 2 else ""
            tags = arguments[3] if len(arguments) > 3 else ""
        else:
            element.description = arguments[1] if len(arguments) > 1 else ""
            element.technology = arguments[2] if len(arguments) > 2 else ""
            tags = arguments[3] if len(arguments) > 3 else ""
        element.tags = [t.strip() for t in tags.split(",") if t.strip()]
        if parent is not None:
            parent.children.append(element)
        self.elements.append(element)
        if identifier:
            self.register(element)
        if opens:
            self.push("element", element)

    def register(self, element: _Element) -> None:
        local = element.identifier.lower()
        if self.hierarchical and element.parent is not None and element.parent.identifier:
            chain, parent = [local], element.parent
            while parent is not None:
                chain.insert(0, parent.identifier.lower())
                parent = parent.parent
            full = ".".join(chain)
            if full in self.by_identifier:
                raise self.error(f"the identifier {full!r} is already used")
            self.by_identifier[full] = element
            # Also by its own name where that is unique, as people write it.
            self.by_identifier[local] = None if local in self.by_identifier else element
            return
        if self.by_identifier.get(local) is not None:
            raise self.error(f"the identifier {element.identifier!r} is already used (line "
                             f"{self.by_identifier[local].line})")
        self.by_identifier[local] = element

    def resolve(self, identifier: str, line: int | None = None) -> _Element:
        found = self.by_identifier.get(identifier.lower())
        if found is None:
            where = f"line {line or self.line}"
            if identifier.lower() in self.by_identifier:
                raise FormatError(f"{identifier!r} names more than one element: use its "
                                  "full identifier", where=where)
            raise FormatError(f"{identifier!r} is not an element's identifier", where=where)
        return found

    def relationship(self, tokens: list[str], opens: bool) -> None:
        arrow = tokens.index("->")
        if arrow == 0 or (arrow == 1 and tokens[0].lower() == "this"):
            source = self.current_element()
            if source is None:
                raise self.error("`-> target` outside an element's block names no source")
        elif arrow == 1:
            source = tokens[0]
        else:
            raise self.error(f"a relationship is `source -> destination`, found "
                             f"{' '.join(tokens)[:60]!r}")
        if arrow + 1 >= len(tokens):
            raise self.error("a relationship with no destination")
        self.relationships.append((source, tokens[arrow + 1], self.line))
        if opens:
            self.push("relationship")


def read(text: str) -> ImportResult:
    parser = _Parser(text)
    parser.parse()
    notes = list(parser.notes)
    nodes: list[Node] = []
    owner: dict[int, str | None] = {}  # id(element) -> the node key it counts as
    any_containers = any(e.type == "container" for e in parser.elements)
    keys: dict[int, str] = {}  # unique wished-for keys: the same identifier may appear in
    used: set[str] = set()  # two systems under hierarchical identifiers
    for number, element in enumerate(parser.elements):
        key = base = element.identifier or f"element_{number + 1}"
        suffix = 1
        while key.lower() in used:
            suffix += 1
            key = f"{base}_{suffix}"
        used.add(key.lower())
        keys[id(element)] = key
    for element in parser.elements:
        where = f"line {element.line}"
        key = keys[id(element)]
        if element.type == "person":
            kind, guessed = "client", None
        elif element.type == "softwaresystem" and any(
                child.type == "container" for child in element.children):
            owner[id(element)] = None
            notes.append(f"Software system {element.name!r}: its containers are the "
                         "components; links to the system itself are dropped.")
            continue
        elif element.type == "component":
            container = element.parent
            owner[id(element)] = owner.get(id(container)) if container else None
            continue
        else:
            default = "external" if element.type == "softwaresystem" and any_containers \
                else "service"
            kind, guessed = element_kind(element.properties, element.tags, element.technology,
                                         element.name, default)
            if element.type == "element":
                guessed = (guessed + "; " if guessed else "") + "a custom element"
        nodes.append(Node(name=element.name, kind=kind,
                          instances=instances_of(element.properties, where),
                          notes=[guessed] if guessed else [], key=key))
        owner[id(element)] = key
        components = [c for c in element.children if c.type == "component"]
        if components:
            notes.append(f"Container {element.name!r}: its {len(components)} component(s) "
                         "folded into it.")
    links, dropped = [], 0
    for source, target, line in parser.relationships:
        a = source if isinstance(source, _Element) else parser.resolve(source, line)
        b = parser.resolve(target, line)
        a_key, b_key = owner.get(id(a)), owner.get(id(b))
        if a_key is None or b_key is None:
            dropped += 1
        elif a_key != b_key:
            links.append((a_key, b_key))
    if dropped:
        notes.append(f"{dropped} relationship(s) to or from a software system with containers "
                     "dropped.")
    if not nodes:
        raise FormatError("the model has no people, software systems or containers")
    guessed = [f"{node.name} ({node.kind})" for node in nodes if node.notes]
    if guessed:
        notes.append("Kinds guessed from tags, technology and names: "
                     + ", ".join(guessed[:20]) + ("…" if len(guessed) > 20 else "") + ".")
    return assemble(source="structurizr", name=parser.name or "Imported Structurizr workspace",
                    nodes=nodes, links=links, notes=notes, description=parser.description)


def looks_like(text: str, filename: str) -> bool:
    if filename.endswith(".dsl"):
        return True
    for line in text[:20_000].splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("//", "#", "/*", "*")):
            continue
        return bool(re.match(r"workspace\b.*\{\s*$", stripped, re.IGNORECASE))
    return False


register_exporter(Exporter("structurizr", "Structurizr DSL", "dsl", "text/plain", write))
register_importer(Importer("structurizr", "Structurizr DSL", read, looks_like))
