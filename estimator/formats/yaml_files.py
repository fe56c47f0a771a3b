"""YAML read safely, for the formats written in it (Compose, Kubernetes): PyYAML's safe
loading only, with the limits a hostile file needs and errors that name their line.

- Tags: only YAML's own scalar and collection tags are constructed; any other tag
  (`!!python/object/apply:os.system`, `!Ref`) is refused, naming its line, before anything
  is constructed.
- Depth: nesting past base.MAX_DEPTH is refused while the node tree is composed (PyYAML's
  composer recurses, so a deep file would otherwise end in a RecursionError).
- Aliases: every node is counted as composed, an alias counting the whole node it repeats,
  against MAX_NODES (a "billion laughs" file is refused after a few thousand events); an
  alias inside the node it names (a recursive structure) is refused.
- Several documents (`---`) are read in order; empty ones are left out.

Each mapping and list keeps the line it starts on and the lines of its keys and items, so
that an importer's error can say where (`line 12, services.web.deploy.replicas: …`).
"""

from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from estimator.formats.base import MAX_DEPTH, FormatError

# Nodes one file may expand to, aliases counted as what they repeat: a Kubernetes file of
# MAX_ELEMENTS manifests of ~100 nodes each fits.
MAX_NODES = 250_000

_YAML_TAGS = {f"tag:yaml.org,2002:{name}" for name in (
    "null", "bool", "int", "float", "str", "binary", "timestamp", "seq", "map", "omap",
    "pairs", "set", "merge", "value")}

if yaml.__with_libyaml__:  # libyaml's parser (fast); the composing stays ours, in Python
    from yaml.cyaml import CParser as _EventSource
else:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _EventSource(Reader, Scanner, Parser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


def _line(mark) -> int:
    return mark.line + 1 if mark is not None else 0


class _BoundedLoader(Composer, _EventSource, SafeConstructor, Resolver):
    """PyYAML's safe loader with the composer's nesting, node count and tags bounded."""

    def __init__(self, stream: str):
        _EventSource.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.depth = 0
        self.nodes_composed = 0
        self.expanded_size: dict[int, int] = {}  # id(node) -> nodes it stands for
        self.height: dict[int, int] = {}  # id(node) -> its nesting, itself included
        self.lines: dict[int, tuple[int, dict]] = {}  # id(value) -> (line, {key/index: line})

    def compose_document(self):
        self.expanded_size.clear()  # ids of the last document's nodes may be reused
        self.height.clear()
        return super().compose_document()

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            node = super().compose_node(parent, index)
            if id(node) not in self.expanded_size:
                raise FormatError("an alias inside the node it names (a recursive structure) "
                                  "is not read", where=f"line {_line(event.start_mark)}")
            self._count(self.expanded_size[id(node)], event.start_mark)
            if self.depth + self.height[id(node)] > MAX_DEPTH:
                self._too_deep(event.start_mark)
            return node
        start = self.peek_event().start_mark
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self._too_deep(start)
        self._count(1, start)
        before = self.nodes_composed - 1
        node = super().compose_node(parent, index)
        self.depth -= 1
        self.expanded_size[id(node)] = self.nodes_composed - before
        self.height[id(node)] = 1 + max(
            (self.height[id(child)] for child in _children(node)), default=0)
        self._check_tag(node)
        return node

    def _count(self, nodes: int, mark) -> None:
        self.nodes_composed += nodes
        if self.nodes_composed > MAX_NODES:
            raise FormatError(f"the file expands to more than {MAX_NODES:,} values (aliases "
                              f"counted as what they repeat); not read",
                              where=f"line {_line(mark)}")

    def _too_deep(self, mark) -> None:
        raise FormatError(f"nested more than {MAX_DEPTH} levels deep; not read",
                          where=f"line {_line(mark)}")

    def _check_tag(self, node) -> None:
        if node.tag not in _YAML_TAGS:
            raise FormatError(f"the tag {node.tag!r} is not read (only plain YAML values are; "
                              f"nothing is constructed from a tag)",
                              where=f"line {_line(node.start_mark)}")

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except FormatError:
            raise
        except (ValueError, TypeError, OverflowError) as error:  # `!!int xyz`, 5,000 digits
            raise FormatError(f"a value that cannot be read: {str(error)[:120]}",
                              where=f"line {_line(node.start_mark)}") from None

    # Constructors that also keep where each mapping and list, and their entries, start.
    def construct_yaml_map(self, node):
        data: dict = {}
        entries: dict = {}
        self.lines[id(data)] = (_line(node.start_mark), entries)
        yield data
        data.update(self.construct_mapping(node))
        for key_node, _value_node in node.value:
            if isinstance(key_node, ScalarNode):
                key = self.construct_object(key_node)
                if isinstance(key, str | int | float | bool) or key is None:
                    entries.setdefault(key, _line(key_node.start_mark))

    def construct_yaml_seq(self, node):
        data: list = []
        self.lines[id(data)] = (_line(node.start_mark),
                                {i: _line(item.start_mark) for i, item in enumerate(node.value)})
        yield data
        data.extend(self.construct_sequence(node))


_BoundedLoader.add_constructor("tag:yaml.org,2002:map", _BoundedLoader.construct_yaml_map)
_BoundedLoader.add_constructor("tag:yaml.org,2002:seq", _BoundedLoader.construct_yaml_seq)


def _children(node) -> list:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return []


_MISSING = object()


def describe(value) -> str:
    """What a value is, in words, for an error about a wrong type."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


class Locator:
    """Reads a file's values by type, each wrong one a FormatError naming the element (and its
    line, when the file's lines are known: see YamlDocuments)."""

    def line_of(self, container, key=None) -> int | None:
        return None

    def error(self, message: str, element: str, container=None, key=None) -> FormatError:
        """A FormatError naming the element (`services.web.deploy`) and, known, its line."""
        line = self.line_of(container, key) if container is not None else None
        where = f"line {line}, {element}" if line else element
        return FormatError(message, where=where)

    def _value(self, container, key, element, wanted: type, what: str, default):
        value = container.get(key, _MISSING) if isinstance(container, dict) else _MISSING
        if value is _MISSING or (value is None and default is not _MISSING):
            return _MISSING if default is _MISSING else default
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            raise self.error(f"{what} was expected, not {describe(value)}", element,
                             container, key)
        return value

    def mapping(self, container: dict, key, element: str) -> dict:
        """A mapping under `key` ({} when missing or null)."""
        return self._value(container, key, element, dict, "a mapping", {})

    def sequence(self, container: dict, key, element: str) -> list:
        """A list under `key` ([] when missing or null)."""
        return self._value(container, key, element, list, "a list", [])

    def text(self, container: dict, key, element: str, default: str | None = None) -> str | None:
        """Text under `key` (`default` when missing or null), made storable."""
        value = self._value(container, key, element, str, "text", default)
        return clean_text(value) if isinstance(value, str) else value

    def count(self, container: dict, key, element: str, default: int | None = None,
              *, largest: int = 1_000_000, null_ok: bool = False) -> int | None:
        """A whole number from 0 to `largest` under `key` (`default` when missing; null is
        refused unless `null_ok`: a plan's value unknown until applied)."""
        value = container.get(key, _MISSING) if isinstance(container, dict) else _MISSING
        if value is _MISSING or (value is None and null_ok):
            return default
        if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 10:
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(f"a whole number (0 or more) was expected, not {describe(value)}",
                             element, container, key)
        if value > largest:
            raise self.error(f"{value:,} is more than the {largest:,} read", element,
                             container, key)
        return value

    def flag(self, container: dict, key, element: str) -> bool:
        """true or false under `key` (false when missing or null)."""
        return self._value(container, key, element, bool, "true or false", False)

    def name(self, value, element: str, container=None, key=None) -> str:
        """A name: text, not empty."""
        name = clean_text(value).strip() if isinstance(value, str) else ""
        if not name:
            raise self.error(f"a name is text, not {describe(value)}"
                             + (" (quote it)" if isinstance(value, int | float) else ""),
                             element, container, key)
        return name


def clean_text(text: str) -> str:
    """Text a design may hold: unpaired surrogates and NULs (from an escape, `"\\0"`)
    replaced or left out."""
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


@dataclass
class YamlDocuments(Locator):
    """The documents of a YAML stream (plain Python values) and where their parts start."""

    documents: list = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # the line each document starts on
    lines: dict = field(default_factory=dict)

    def line_of(self, container, key=None) -> int | None:
        """The line a mapping or list starts on, or that its key or item is on."""
        line, entries = self.lines.get(id(container), (None, {}))
        if key is not None and key in entries:
            return entries[key]
        return line


def read_yaml(text: str) -> YamlDocuments:
    """The documents of a YAML text, safely; FormatError naming the line otherwise."""
    loader = _BoundedLoader(text)
    result = YamlDocuments(lines=loader.lines)
    try:
        while loader.check_node():
            start = loader.peek_event().start_mark
            node = loader.get_node()  # composed and checked before anything is constructed
            if node is None:
                continue
            value = loader.construct_document(node)
            if value is not None:
                result.documents.append(value)
                result.starts.append(_line(start))
    except FormatError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        raise FormatError(f"not valid YAML: {problem}",
                          where=f"line {_line(mark)}" if mark else "") from None
    except yaml.YAMLError as error:
        raise FormatError(f"not valid YAML: {error}") from None
    except (ValueError, TypeError, OverflowError) as error:  # a value its tag cannot hold
        raise FormatError(f"not valid YAML: {error}") from None
    except RecursionError:  # kept out by the depth limit; said plainly if it ever is not
        raise FormatError("nested too deeply; not read") from None
    finally:
        loader.dispose()
    return result
