"""Structurizr in and out (issue 16): the DSL and the workspace JSON.

Structurizr has no reference tool in the registries here (its CLI is a Java download), so
the DSL export is checked by a grammar test against the Structurizr DSL language reference
(docs.structurizr.com/dsl/language): `workspace [name] [description] {` at the top; a block's
`{` ends its statement's line and its `}` stands alone on a line; identifiers are letters,
digits, `_` and `-`; `<identifier> = person <name> [description] [tags]`,
`softwareSystem <name> [description] [tags]`, `container <name> [description] [technology]
[tags]`; `tags` and `properties { <name> <value> }` inside an element; relationships
`<identifier> -> <identifier> [description] [technology] [tags]` naming identifiers defined
before; `container <software system identifier> [key] { include * autoLayout [tb|bt|lr|rl] }`
in `views`, and `styles { element <tag> { shape <shape> } }` with the reference's shapes.
Then the round trip through our importer, and realistic workspaces: a DSL workspace in the
shape of Structurizr's Big Bank example (people, systems, containers with components,
relationships, deployment, views, styles) and its JSON form.
"""

import json
import re
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.formats import detect, export_text, import_text
from estimator.formats.base import FormatError

FILES = Path(__file__).resolve().parent / "files"
EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
SLUGS = sorted(path.stem for path in EXAMPLES.glob("*.json"))

_STRING = r'"(?:[^"\\]|\\.)*"'
_IDENTIFIER = r"[A-Za-z0-9_-]+"
SHAPES = {"Box", "RoundedBox", "Circle", "Ellipse", "Hexagon", "Diamond", "Cylinder", "Bucket",
          "Pipe", "Person", "Robot", "Folder", "WebBrowser", "Window", "Terminal", "Shell",
          "MobileDevicePortrait", "MobileDeviceLandscape", "Component"}
# Statement forms by the block they stand in (the language reference's, as we write them).
GRAMMAR = {
    "top": [rf"workspace(?: {_STRING}){{0,2}} \{{"],
    "workspace": [r"model \{", r"views \{"],
    "model": [rf"{_IDENTIFIER} = person {_STRING}(?: {_STRING}){{0,2}} \{{",
              rf"{_IDENTIFIER} = softwareSystem {_STRING}(?: {_STRING}){{0,2}} \{{",
              rf"(?P<source>{_IDENTIFIER}) -> (?P<target>{_IDENTIFIER})(?: {_STRING}){{0,3}}"],
    "softwareSystem": [rf"{_IDENTIFIER} = container {_STRING}(?: {_STRING}){{0,3}} \{{"],
    "element": [rf"tags(?: {_STRING})+", r"properties \{"],
    "properties": [rf"{_STRING} {_STRING}"],
    "views": [rf"container (?P<system>{_IDENTIFIER})(?: {_STRING}){{0,2}} \{{", r"styles \{"],
    "view": [r"include \*", r"autoLayout(?: (?:tb|bt|lr|rl))?"],
    "styles": [rf"element {_STRING} \{{"],
    "style": [r"shape (?P<shape>\w+)"],
}
# The block a statement opens, by the block it stands in.
OPENS = {"top": "workspace", "workspace": None, "model": None, "softwareSystem": "element",
         "element": "properties", "views": None, "styles": "style"}


def check_grammar(text: str) -> list[str]:
    """The lines of a DSL text that break the grammar above; an empty list when none do."""
    problems, stack, defined = [], ["top"], set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line == "}":
            if len(stack) == 1:
                problems.append(f"line {number}: `}}` closes nothing")
            else:
                stack.pop()
            continue
        block = stack[-1]
        match = next((m for pattern in GRAMMAR.get(block, [])
                      if (m := re.fullmatch(pattern, line))), None)
        if match is None:
            problems.append(f"line {number} (in {block}): {line}")
            continue
        groups = match.groupdict()
        if groups.get("source") and not {groups["source"], groups["target"]} <= defined:
            problems.append(f"line {number}: a relationship names an undefined identifier")
        if groups.get("system") and groups["system"] not in defined:
            problems.append(f"line {number}: the view names an undefined system")
        if groups.get("shape") and groups["shape"] not in SHAPES:
            problems.append(f"line {number}: no shape {groups['shape']}")
        if " = " in line:
            identifier = line.split(" = ", 1)[0]
            if identifier in defined:
                problems.append(f"line {number}: {identifier} defined twice")
            defined.add(identifier)
        if line.endswith("{"):
            if block == "workspace":
                stack.append(line.split()[0])
            elif block == "model":
                stack.append("softwareSystem" if " softwareSystem " in line else "element")
            elif block == "views":
                stack.append("view" if line.startswith("container ") else "styles")
            else:
                stack.append(OPENS[block] or "unknown")
    if len(stack) != 1:
        problems.append(f"{len(stack) - 1} block(s) not closed")
    return problems


@pytest.mark.parametrize("slug", SLUGS)
def test_the_dsl_export_keeps_to_the_language_reference(slug):
    document = json.loads((EXAMPLES / f"{slug}.json").read_text())
    text = export_text(document, "structurizr", estimate(document))
    assert check_grammar(text) == []
    assert text.count(" = container ") + text.count(" = person ") == len(document["components"])
    assert len(re.findall(r"^\s+\S+ -> \S+", text, re.MULTILINE)) == len(document["links"])


def test_the_grammar_check_finds_what_breaks_the_language():
    good = export_text(json.loads((EXAMPLES / "url-shortener.json").read_text()), "structurizr")
    assert check_grammar(good) == []
    assert check_grammar(good.replace("    views {", "    views")) != []
    assert check_grammar(good.replace("client -> ", "nobody -> ")) != []
    assert check_grammar(good.replace("shape Cylinder", "shape Barrel")) != []
    assert check_grammar(good + "}\n") != []


def test_the_export_carries_the_figures_as_properties():
    document = json.loads((EXAMPLES / "twitter.json").read_text())
    text = export_text(document, "structurizr", estimate(document))
    block = text[text.index("tweets_db = container"):]
    block = block[:block.index("\n            }\n")]
    assert '"Tweets database (Cassandra)"' in block
    assert '"kind" "database"' in block
    assert '"instances" "30"' in block
    assert re.search(r'"utilisation" "\d+%"', block)
    assert re.search(r'"availability" "[\d.]+%"', block)
    assert 'client = person "Clients"' in text
    assert "autoLayout lr" in text


def test_a_hostile_name_round_trips_through_the_dsl_and_the_json():
    name = 'Say "hi" \\ {x} -> y // not a comment # nor this'
    document = {"name": 'A "quoted" design', "components": [
        {"key": "this", "kind": "client", "name": "Users"},
        {"key": "model", "kind": "cache", "name": name, "instances": 7}],
        "links": [{"from": "this", "to": "model"}], "workloads": []}
    for format in ("structurizr", "structurizr-json"):
        result = import_text(export_text(document, format), format=format)
        by_name = {c["name"]: c for c in result.document["components"]}
        assert by_name[name]["kind"] == "cache" and by_name[name]["instances"] == 7
        assert result.document["name"] == 'A "quoted" design'
    assert check_grammar(export_text(document, "structurizr")) == []


BIG_BANK_KINDS = {
    "Personal Banking Customer": "client", "Customer Service Staff": "client",
    "Back Office Staff": "client", "Mainframe Banking System": "external",
    "E-mail System": "external", "ATM": "external", "Single-Page Application": "client",
    "Mobile App": "client", "Web Application": "service", "API Application": "service",
    "Database": "database"}
BIG_BANK_LINKS = {
    ("E-mail System", "Personal Banking Customer"),
    ("Personal Banking Customer", "Customer Service Staff"),
    ("Customer Service Staff", "Mainframe Banking System"),
    ("Personal Banking Customer", "ATM"), ("ATM", "Mainframe Banking System"),
    ("Back Office Staff", "Mainframe Banking System"),
    ("Personal Banking Customer", "Web Application"),
    ("Personal Banking Customer", "Single-Page Application"),
    ("Personal Banking Customer", "Mobile App"),
    ("Web Application", "Single-Page Application"),
    ("Single-Page Application", "API Application"), ("Mobile App", "API Application"),
    ("API Application", "Database"), ("API Application", "Mainframe Banking System"),
    ("API Application", "E-mail System")}


def _graph(result) -> tuple[dict[str, str], set[tuple[str, str]]]:
    names = {c["key"]: c["name"] for c in result.document["components"]}
    return ({c["name"]: c["kind"] for c in result.document["components"]},
            {(names[link["from"]], names[link["to"]]) for link in result.document["links"]})


@pytest.mark.parametrize("file, format", [("bigbank.dsl", "structurizr"),
                                          ("bigbank-workspace.json", "structurizr-json")])
def test_the_big_bank_workspace_gives_its_containers_people_and_systems(file, format):
    text = (FILES / file).read_text()
    assert detect(text, file) == format
    assert detect(text, "") == format
    result = import_text(text)
    kinds, links = _graph(result)
    assert kinds == BIG_BANK_KINDS  # the components of API Application folded into it
    assert links == BIG_BANK_LINKS  # component links lifted to their containers
    api = next(c for c in result.document["components"] if c["name"] == "API Application")
    assert api["instances"] == 4  # from its properties
    assert "from the tag 'Existing System'" in next(
        c["notes"] for c in result.document["components"] if c["name"] == "ATM")
    notes = " ".join(result.notes)
    assert "Software system 'Internet Banking System': its containers are the components" in notes
    assert "'API Application': its 5 component(s) folded into it" in notes
    assert "3 relationship(s) to or from a software system with containers dropped" in notes
    assert "deployment" in notes.lower()
    assert result.document["name"] == "Big Bank plc"


def test_blocks_nested_too_deep_are_refused():
    text = "workspace {\n  views {\n" + "    x {\n" * 100 + "    }\n" * 100 + "  }\n}\n"
    with pytest.raises(FormatError, match="line 65: blocks nest more than 64 deep"):
        import_text(text, format="structurizr")


def test_flat_identifiers_this_and_inner_relationships():
    text = """workspace {
        model {
            u = person "User"
            s = softwareSystem "Shop" {
                web = container "Web" "" "Go" {
                    -> db "Reads"
                    this -> q "Publishes"
                }
                db = container "Orders" "" "PostgreSQL 16"
                q = container "Events" "" "Kafka" "Queue"
                w = container "Mailer" "" "" {
                    tags "Worker"
                    properties {
                        instances 3
                    }
                }
            }
            u -> web "Uses"
            q -> w
            x = mystery "Thing"
        }
    }"""
    result = import_text(text, format="structurizr")
    kinds, links = _graph(result)
    assert kinds == {"User": "client", "Web": "service", "Orders": "database",
                     "Events": "queue", "Mailer": "worker", "Thing": "service"}
    assert links == {("Web", "Orders"), ("Web", "Events"), ("User", "Web"),
                     ("Events", "Mailer")}
    assert any("unknown element type 'mystery'" in note for note in result.notes)


@pytest.mark.parametrize("text, where, words", [
    ('workspace {\n  model {\n    a = person "A\n  }\n}\n', "line 3", "not closed"),
    ("workspace {\n  model {\n    a = person A\n", "line 2", "not closed with `}`"),
    ("workspace {\n}\n}\n", "line 3", "closes no block"),
    ('workspace {\n  model {\n    a = person A\n    a -> b "x"\n  }\n}\n', "line 4",
     "'b' is not an element's identifier"),
    ('workspace {\n  model {\n    a = person A\n    a = person B\n  }\n}\n', "line 4",
     "already used"),
    ("model2 {\n}\n", "line 1", "expected `workspace {`"),
    ("workspace {\n  model {\n    c = component X\n  }\n}\n", "line 3",
     "belongs in a container"),
    ("workspace {\n  model {\n    -> b\n  }\n}\n", "line 3", "names no source"),
    ("workspace {\n  /* open\n  model {\n", "line 3", "comment"),
    ('workspace {\n  model {\n    a = person A {\n      properties {\n        instances many\n'
     "      }\n    }\n  }\n}\n", "line 3", "not a whole number"),
])
def test_malformed_dsl_names_the_line(text, where, words):
    with pytest.raises(FormatError) as error:
        import_text(text, format="structurizr")
    assert str(error.value).startswith(f"{where}: "), str(error.value)
    assert words in str(error.value)


@pytest.mark.parametrize("text, where", [
    ('{"model": {"people": [}', "line 1"),
    ('{"model": {"people": {"id": 1}}}', "model.people"),
    ('{"model": {"people": [{"name": "x"}]}}', "model.people[0]"),
    ('{"model": {"people": [{"id": "1", "relationships": [{"destinationId": "9"}]}]}}',
     "model.people[0].relationships[0]"),
    ('{"model": {"softwareSystems": [{"id": "1", "properties": {"instances": "0"}}]}}',
     "model.softwareSystems[0]"),
    ('{"model": []}', "model"),
    ('{"model": {}}', "model"),
    ("[1, 2]", "workspace"),
])
def test_malformed_workspace_json_names_the_element(text, where):
    with pytest.raises(FormatError) as error:
        import_text(text, format="structurizr-json")
    assert str(error.value).startswith(f"{where}: "), str(error.value)


@pytest.mark.parametrize("garbage", ["", "workspace", "workspace {", "\x00", "{" * 100_000,
                                     '"' * 3, "workspace {\n" + "group g {\n" * 5000])
def test_garbage_is_a_format_error(garbage):
    for format in ("structurizr", "structurizr-json"):
        with pytest.raises(FormatError):
            import_text(garbage, format=format)
