"""Mermaid: a flowchart for READMEs (exported and imported) and an `architecture-beta` diagram
(exported only).

The flowchart's labels are the component's name and, on a second line, its figures
(labels.ComponentFigures.line): the importer reads the kind and instances back from that
line, so a round trip keeps them exactly; any other label gives its kind from its words or
its shape, noted. Labels are quoted, with Mermaid's entity codes (`#quot;`, `#35;`) for the
characters its grammar or its HTML labels would read, so any name is safe.
"""

import html
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
)
from estimator.formats.labels import component_figures

# Words a flowchart reads as statements or keywords: never a node id of ours.
RESERVED_IDS = {"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click",
                "linkstyle", "default", "direction", "call", "href", "callback", "interpolate",
                "acctitle", "accdescr", "service", "group", "junction", "in", "architecture"}

# Node shapes by kind: (opening, closing) around the quoted label.
SHAPES = {
    "client": ("([", "])"),  # stadium
    "database": ("[(", ")]"),  # cylinder
    "object_store": ("[(", ")]"),
    "cache": ("{{", "}}"),  # hexagon
    "queue": (">", "]"),  # flag
    "load_balancer": ("[/", "\\]"),  # trapezoid
    "api_gateway": ("[\\", "/]"),  # inverted trapezoid
    "cdn": ("((", "))"),  # circle
    "dns": ("((", "))"),
    "worker": ("[[", "]]"),  # subroutine
    "external": ("[/", "/]"),  # parallelogram
}
COLOURS = {  # fill, stroke: light fills so the text stays dark and readable
    "client": ("#f1f5f9", "#475569"), "dns": ("#ede9fe", "#6d28d9"),
    "cdn": ("#ede9fe", "#6d28d9"), "load_balancer": ("#e0f2fe", "#0369a1"),
    "api_gateway": ("#e0f2fe", "#0369a1"), "service": ("#dbeafe", "#1d4ed8"),
    "cache": ("#fee2e2", "#b91c1c"), "queue": ("#fef3c7", "#b45309"),
    "database": ("#dcfce7", "#15803d"), "object_store": ("#dcfce7", "#15803d"),
    "search": ("#fae8ff", "#a21caf"), "worker": ("#e0e7ff", "#4338ca"),
    "external": ("#f5f5f4", "#57534e"),
}
ARCHITECTURE_ICONS = {"client": "internet", "database": "database", "object_store": "disk",
                      "cdn": "cloud", "dns": "internet", "external": "cloud"}

# The characters a quoted label may not hold as they are: `"` ends it, `#` starts an entity
# code, `<`, `>` and `&` are HTML in the rendered label, a backtick starts a markdown string.
_ESCAPES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;",
            "\n": "#10;", "\r": "#13;"}


# Before parsing, Mermaid drops the last `;` of a line that looks like a style with a colour
# (`style.*:\S*#.*;`): on such a line a colon is written `#58;` too, so it does not match.
_LOOKS_LIKE_STYLE = re.compile(r"(style|classDef).*:\S*#.*;")


def _escape(text: str, colon: bool = False) -> str:
    escaped = "".join(_ESCAPES.get(char, char) for char in text)
    return escaped.replace(":", "#58;") if colon else escaped


def _safe_ids(keys: list[str]) -> dict[str, str]:
    """Mermaid node ids from component keys: word characters only, no keyword, unique."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for key in keys:
        base = re.sub(r"\W", "_", key, flags=re.ASCII) or "n"
        if base.lower() in RESERVED_IDS:
            base += "_"
        ids[key] = first_free(base, used)
    return ids


def write_flowchart(document: dict, estimate) -> str:
    figures = component_figures(document, estimate)
    ids = _safe_ids([f.key for f in figures])
    lines = ["---", f"title: {json.dumps(document.get('name') or 'Design', ensure_ascii=False)}",
             "---", "flowchart LR"]
    for figure in figures:
        opening, closing = SHAPES.get(figure.kind, ("[", "]"))
        label = f"{_escape(figure.name)}<br/>{_escape(figure.line)}"
        line = f'    {ids[figure.key]}{opening}"{label}"{closing}'
        if _LOOKS_LIKE_STYLE.search(line):
            label = f"{_escape(figure.name, colon=True)}<br/>{_escape(figure.line)}"
            line = f'    {ids[figure.key]}{opening}"{label}"{closing}'
        lines.append(line)
    for link in document.get("links", []):
        lines.append(f"    {ids[link['from']]} --> {ids[link['to']]}")
    kinds_used = list(dict.fromkeys(f.kind for f in figures))
    for kind in kinds_used:
        fill, stroke = COLOURS.get(kind, ("#ffffff", "#333333"))
        lines.append(f"    classDef {kind} fill:{fill},stroke:{stroke},color:#111827")
    for kind in kinds_used:
        members = ",".join(ids[f.key] for f in figures if f.kind == kind)
        lines.append(f"    class {members} {kind}")
    return "\n".join(lines) + "\n"


def _architecture_title(text: str) -> str:
    # The title token is `[...]` without brackets or line breaks; quotes would start a string.
    cleaned = re.sub(r"[\[\]\"'\r\n]+", " ", text)
    return re.sub(r"\s+", " ", cleaned).strip() or "component"


def write_architecture(document: dict, estimate) -> str:
    figures = component_figures(document, estimate)
    ids = _safe_ids([f.key for f in figures])
    group = "system"
    while group in ids.values():
        group += "_"
    lines = ["architecture-beta",
             f"    group {group}(cloud)[{_architecture_title(document.get('name') or 'Design')}]"]
    for figure in figures:
        icon = ARCHITECTURE_ICONS.get(figure.kind, "server")
        title = _architecture_title(f"{figure.name} ({figure.kind} x{figure.instances})")
        inside = "" if figure.kind == "client" else f" in {group}"
        lines.append(f"    service {ids[figure.key]}({icon})[{title}]{inside}")
    for link in document.get("links", []):
        lines.append(f"    {ids[link['from']]}:R --> L:{ids[link['to']]}")
    return "\n".join(lines) + "\n"


# --- the flowchart importer ---------------------------------------------------------------

_HEADER = re.compile(r"^(flowchart|graph)\b(?:\s+(TB|TD|BT|RL|LR))?\s*;?\s*$", re.IGNORECASE)
_ID = re.compile(r"[A-Za-z0-9_\u00c0-\uffff](?:[A-Za-z0-9_.\u00c0-\uffff]|-(?![-.>=]))*")
# Openings of node shapes, longest first, with the closings each accepts.
_OPENINGS = (
    ("(((", (")))",), "circle"), ("([", ("])",), "stadium"), ("[(", (")]",), "cylinder"),
    ("[[", ("]]",), "subroutine"), ("{{", ("}}",), "hexagon"), ("((", ("))",), "circle"),
    ("[/", ("/]", "\\]"), "lean"), ("[\\", ("\\]", "/]"), "lean"), ("[", ("]",), "rect"),
    ("(", (")",), "round"), ("{", ("}",), "rhombus"), (">", ("]",), "flag"),
)
SHAPE_KINDS = {"cylinder": "database"}  # the one shape with a meaning people keep to
# A link: an optional arrow head at the start, the line, an optional head at the end;
# or the first half of a labelled link (`-- text -->`, `-. text .->`, `== text ==>`).
_LINK = re.compile(r"(?P<start>[<ox])?(?P<line>-{2,}|={2,}|-\.+-|~{3,})(?P<end>[>ox])?")
_LINK_OPEN = re.compile(r"(?P<open>--|==|-\.)(?=\s)")
_LINK_CLOSE = {"--": re.compile(r"\s(-{2,}[>ox]?|-{3,})"),
               "==": re.compile(r"\s(={2,}[>ox]?|={3,})"),
               "-.": re.compile(r"\s(\.+-[>ox]?)")}
_IGNORED = re.compile(r"^(classDef|class|style|linkStyle|click|accTitle|accDescr|title)\b",
                      re.IGNORECASE)
_INSTANCES = re.compile(r"(?<![A-Za-z0-9])\(?[x×](\d{1,7})\)?(?![A-Za-z0-9])")
_FIGURES = re.compile(r"^(?P<kind>[a-z_]+) · x(?P<instances>\d{1,7})(?: · .*)?$")
_CLIENT_WORDS = re.compile(r"client|browser|user|mobile|person|actor|customer|visitor",
                           re.IGNORECASE)
_ENTITY = re.compile(r"#(\w+);|&(#?\w+);")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _decode(text: str) -> str:
    """Mermaid's entity codes (`#quot;`, `#35;`) and HTML entities, in one pass."""
    def replace(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        if name.startswith("#"):
            name = name[1:]
        if name.isdigit():
            number = int(name)
            return chr(number) if 0 < number < 0x110000 else match.group(0)
        decoded = html.unescape(f"&{name};")
        return decoded if decoded != f"&{name};" else match.group(0)
    return _ENTITY.sub(replace, text)


class _FlowchartParser:
    def __init__(self, text: str):
        self.text = text
        self.labels: dict[str, str] = {}
        self.shapes: dict[str, str] = {}
        self.order: list[str] = []
        self.edges: list[tuple[str, str]] = []
        self.subgraphs: list[str] = []
        self.open_subgraphs = 0
        self.notes: list[str] = []
        self.title = ""
        self.line_number = 0

    def error(self, message: str) -> FormatError:
        return FormatError(message, where=f"line {self.line_number}")

    def parse(self) -> None:
        lines = self.text.splitlines()
        index = self._skip_preamble(lines)
        if index is None:
            raise FormatError("not a Mermaid flowchart: the first line is not "
                              "`flowchart` or `graph` (with TD, LR, ...)", where="line 1")
        for number in range(index, len(lines)):
            self.line_number = number + 1
            stripped = lines[number].strip()
            if stripped.startswith("```"):
                break  # the end of a README's fenced block
            if not stripped or stripped.startswith("%%"):
                continue
            for statement in self._statements(stripped):
                self._statement(statement)
            check_count(len(self.order), "nodes")
            check_count(len(self.edges), "links")
        if self.open_subgraphs:
            raise FormatError(f"{self.open_subgraphs} subgraph(s) not closed with `end`",
                              where=f"line {len(lines)}")

    def _skip_preamble(self, lines: list[str]) -> int | None:
        """The index after the `flowchart` line: past a README's fence, front matter (its
        title kept), `%%` comments and directives."""
        index, in_front_matter, started = 0, False, False
        while index < len(lines):
            stripped = lines[index].strip()
            self.line_number = index + 1
            if in_front_matter:
                if stripped == "---":
                    in_front_matter = False
                elif match := re.match(r"title:\s*(.+)$", lines[index]):
                    self.title = _front_matter_value(match.group(1))
            elif stripped == "---" and not started:
                in_front_matter = started = True
            elif not stripped or stripped.startswith("%%") or re.match(
                    r"^```\s*mermaid\s*$", stripped, re.IGNORECASE):
                pass
            elif _HEADER.match(stripped.split(";")[0].strip()):
                rest = stripped.split(";", 1)
                if len(rest) > 1 and rest[1].strip():
                    lines[index] = rest[1]
                    return index
                return index + 1
            else:
                return None
            index += 1
        return None

    def _statements(self, line: str) -> list[str]:
        """A line split at `;` outside quotes and brackets."""
        statements, current, quoted = [], [], False
        for char in line:
            if char == '"':
                quoted = not quoted
            if char == ";" and not quoted and not re.search(r"[#&]#?\w+$", "".join(current)):
                statements.append("".join(current))
                current = []
            else:
                current.append(char)
        if quoted:
            raise self.error('a label\'s quote (") is not closed')
        statements.append("".join(current))
        return [s.strip() for s in statements if s.strip()]

    def _statement(self, statement: str) -> None:
        keyword = statement.split(None, 1)[0] if statement.split() else ""
        if keyword.lower() == "subgraph":
            self._subgraph(statement[len(keyword):].strip())
            return
        if statement.lower() == "end":
            if not self.open_subgraphs:
                raise self.error("`end` without a `subgraph`")
            self.open_subgraphs -= 1
            return
        if keyword.lower() == "direction" or _IGNORED.match(statement):
            return  # styles, classes, clicks and titles carry nothing to estimate
        self._chain(statement)

    def _subgraph(self, rest: str) -> None:
        """`subgraph id`, `subgraph id [Title]`, `subgraph "Title"`, `subgraph Any title`."""
        self.open_subgraphs += 1
        title = rest
        match = _ID.match(rest)
        if rest.startswith('"'):
            title = rest.strip('"')
        elif match:
            after = _skip_spaces(rest, match.end())
            if after >= len(rest) or rest[after] == "[":
                self.subgraphs.append(match.group(0))
                title = rest[after:].strip("[] ").strip('"') or match.group(0)
        self.notes.append(f"Subgraph {_decode(title)!r} flattened: its nodes are kept, the "
                          "group is not a component.")

    def _chain(self, text: str) -> None:
        position = 0
        previous: list[str] | None = None
        pending_link = False
        while True:
            group, position = self._node_group(text, position)
            if previous is not None and pending_link:
                for source in previous:
                    for target in group:
                        self.edges.append((source, target))
            position = _skip_spaces(text, position)
            if position >= len(text):
                return
            position, visible = self._link(text, position)
            pending_link = visible
            previous = group
            if _skip_spaces(text, position) >= len(text):
                raise self.error(f"a link with no node after it: {text!r}")

    def _node_group(self, text: str, position: int) -> tuple[list[str], int]:
        nodes = []
        while True:
            position = _skip_spaces(text, position)
            match = _ID.match(text, position)
            if not match:
                found = text[position:position + 20] or "the end of the line"
                raise self.error(f"expected a node id at {found!r}")
            node_id = match.group(0)
            position = match.end()
            if position < len(text) and text[position] not in " \t&":
                position = self._shape(text, position, node_id)
            if text.startswith(":::", position):
                class_match = re.compile(r":::[\w-]+").match(text, position)
                position = class_match.end() if class_match else position + 3
            if node_id not in self.order and node_id not in self.subgraphs:
                self.order.append(node_id)
            nodes.append(node_id)
            after = _skip_spaces(text, position)
            if after < len(text) and text[after] == "&":
                position = after + 1
                continue
            return nodes, position

    def _shape(self, text: str, position: int, node_id: str) -> int:
        """Reads a shape and its label after a node id; the position after it."""
        if text.startswith("@{", position):
            end = text.find("}", position)
            if end < 0:
                raise self.error(f"node {node_id!r}: `@{{` is not closed")
            body = text[position + 2:end]
            if label := re.search(r'label:\s*"([^"]*)"', body):
                self.labels[node_id] = label.group(1)
            if shape := re.search(r"shape:\s*([\w-]+)", body):
                self.shapes[node_id] = {"cyl": "cylinder", "cylinder": "cylinder",
                                        "database": "cylinder", "db": "cylinder"}.get(
                    shape.group(1).lower(), shape.group(1))
            return end + 1
        for opening, closings, shape in _OPENINGS:
            if not text.startswith(opening, position):
                continue
            start = position + len(opening)
            inner_start = _skip_spaces(text, start)
            if inner_start < len(text) and text[inner_start] == '"':
                quote_end = text.find('"', inner_start + 1)
                if quote_end < 0:
                    raise self.error(f"node {node_id!r}: the label's quote is not closed")
                label = text[inner_start + 1:quote_end]
                after = _skip_spaces(text, quote_end + 1)
                closing = next((c for c in closings if text.startswith(c, after)), None)
                if closing is None:
                    raise self.error(f"node {node_id!r}: expected {closings[0]!r} after its "
                                     "label")
                end = after + len(closing)
            else:
                found = [(text.find(c, start), c) for c in closings]
                found = [(index, c) for index, c in found if index >= 0]
                if not found:
                    raise self.error(f"node {node_id!r}: its shape {opening!r} is not closed "
                                     f"with {closings[0]!r}")
                index, closing = min(found)
                label = text[start:index]
                end = index + len(closing)
            label = label.strip()
            if label.startswith("`") and label.endswith("`") and len(label) > 1:
                label = label[1:-1]  # a markdown string
            self.labels[node_id] = label
            self.shapes[node_id] = shape
            return end
        return position  # no shape: a bare id, followed by a link or `&`

    def _link(self, text: str, position: int) -> tuple[int, bool]:
        """Reads a link (with its text, which carries nothing here); the position after it
        and whether it is a visible link (`~~~` only places nodes)."""
        opened = _LINK_OPEN.match(text, position)
        if opened:  # `-- text -->`: the text runs to the closing line
            closing = _LINK_CLOSE[opened.group("open")].search(text, opened.end())
            if closing is None:
                raise self.error(f"a link's text after {opened.group('open')!r} has no "
                                 "closing arrow")
            position = closing.end()
            return self._pipe_text(text, position), True
        match = _LINK.match(text, position)
        if not match:
            found = text[position:position + 20]
            raise self.error(f"expected a link (-->, ---, -.->, ==>) at {found!r}")
        visible = not match.group("line").startswith("~")
        if match.group("start") == "<" or (match.group("start") and match.group("end")):
            self.notes.append("A two-way link is kept one way, from the first node named.")
        return self._pipe_text(text, match.end()), visible

    def _pipe_text(self, text: str, position: int) -> int:
        if position < len(text) and text[position] == "|":
            end = text.find("|", position + 1)
            if end < 0:
                raise self.error("a link's text `|...` is not closed with `|`")
            return end + 1
        return position


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _front_matter_value(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith('"'):
        try:
            return str(json.loads(raw))
        except ValueError:
            return raw.strip('"')
    return raw.strip("'")


def _node_from_label(node_id: str, label: str, shape: str) -> Node:
    lines = [_decode(line).strip() for line in _BREAK.split(label)] if label else [node_id]
    lines = [line for line in lines if line] or [node_id]
    if len(lines) >= 2 and (figures := _FIGURES.match(lines[-1])) and (
            figures.group("kind") in KINDS):  # our own export: the figures line says it all
        return Node(name=" ".join(lines[:-1]), kind=figures.group("kind"),
                    instances=max(1, int(figures.group("instances"))), key=node_id)
    text = " ".join(lines)
    instances = 1
    if match := _INSTANCES.search(text):
        instances = max(1, int(match.group(1)))
        trimmed = re.sub(r"\s+", " ", text[:match.start()] + text[match.end():]).strip()
        text = trimmed.strip(" -·,") or text
    notes = []
    kind = guess_kind(text, node_id)
    if kind == "client" and not _CLIENT_WORDS.search(f"{text} {node_id}"):
        kind = None  # "web app" alone is as often the server as the browser
    if kind:
        notes.append(f"kind {kind} guessed from the label")
    elif shape in SHAPE_KINDS:
        kind = SHAPE_KINDS[shape]
        notes.append(f"kind {kind} guessed from the {shape} shape")
    else:
        kind = "service"
        notes.append("nothing in the label or shape names a kind: a service")
    if instances > 1:
        notes.append(f"{instances} instances from the label")
    return Node(name=text, kind=kind, instances=instances, notes=notes, key=node_id)


def read(text: str) -> ImportResult:
    parser = _FlowchartParser(text)
    parser.parse()
    if not parser.order:
        raise FormatError("the flowchart has no nodes")
    subgraphs = set(parser.subgraphs)
    nodes = [_node_from_label(node_id, parser.labels.get(node_id, ""),
                              parser.shapes.get(node_id, ""))
             for node_id in parser.order if node_id not in subgraphs]
    notes = list(dict.fromkeys(parser.notes))
    dropped = [(a, b) for a, b in parser.edges if a in subgraphs or b in subgraphs]
    if dropped:
        notes.append(f"{len(dropped)} link(s) to or from a subgraph dropped: link its nodes.")
    guessed = [f"{node.name} ({node.kind})" for node in nodes if node.notes]
    if guessed:
        notes.append("Kinds guessed from labels and shapes: " + ", ".join(guessed[:20])
                     + (f" and {len(guessed) - 20} more" if len(guessed) > 20 else "") + ".")
    edges = [(a, b) for a, b in parser.edges if (a, b) not in dropped]
    return assemble(source="mermaid", name=parser.title or "Imported Mermaid flowchart",
                    nodes=nodes, links=edges, notes=notes)


def looks_like(text: str, filename: str) -> bool:
    if filename.endswith((".mmd", ".mermaid")):
        return True
    for line in text[:20_000].splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("%%") or re.match(r"^```\s*mermaid\s*$",
                                                                 stripped, re.IGNORECASE):
            continue
        if stripped == "---":  # front matter: look past it
            return bool(re.search(r"^\s*(flowchart|graph)\b", text[:20_000], re.MULTILINE))
        return bool(re.match(r"(flowchart|graph)\b", stripped, re.IGNORECASE))
    return False


register_exporter(Exporter("mermaid", "Mermaid flowchart", "mmd", "text/vnd.mermaid",
                           write_flowchart))
register_exporter(Exporter("mermaid-architecture", "Mermaid architecture diagram (beta)", "mmd",
                           "text/vnd.mermaid", write_architecture))
register_importer(Importer("mermaid", "Mermaid flowchart", read, looks_like))
