"""The C4-PlantUML export (issue 16), by a grammar test.

PlantUML's reference tool does install here (Debian's `plantuml` 1.2020.2 with a JRE), but it
cannot read today's C4-PlantUML: its bundled C4 standard library predates ContainerQueue and
SHOW_LEGEND (it stops with "Syntax Error?" on the first), and drawing needs Graphviz besides.
So the export is checked against the macros of the C4-PlantUML README
(github.com/plantuml-stdlib/C4-PlantUML, "Supported diagram types" and "Relationship
Types"): `@startuml` ... `@enduml`; `!include <C4/C4_Container>` (the standard library's
path); `Person(alias, label, ?descr)`; `Container(alias, label, ?techn, ?descr)` and its
`ContainerDb` and `ContainerQueue` forms; `System_Boundary(alias, label) { ... }`;
`Rel(from, to, label)`; `SHOW_LEGEND()`. Aliases are PlantUML identifiers (letters, digits,
`_`, not starting with a digit), each defined once before a Rel names it; arguments are
double-quoted strings, which PlantUML cannot escape, so none may hold a `"`.
"""

import json
import re
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.formats import export_text

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
SLUGS = sorted(path.stem for path in EXAMPLES.glob("*.json"))

_ALIAS = r"[A-Za-z_]\w*"
_STRING = r'"[^"\n]*"'
ELEMENT = re.compile(rf"(?P<macro>Person|Container|ContainerDb|ContainerQueue)\((?P<alias>"
                     rf"{_ALIAS}), (?P<label>{_STRING})(?:, {_STRING}){{0,2}}\)")
BOUNDARY = re.compile(rf"System_Boundary\((?P<alias>{_ALIAS}), {_STRING}\) \{{")
REL = re.compile(rf"Rel\((?P<source>{_ALIAS}), (?P<target>{_ALIAS}), {_STRING}\)")


def check_grammar(text: str) -> list[str]:
    """The lines of a C4-PlantUML text that break the README's grammar; [] when none do."""
    lines = [line.strip() for line in text.splitlines()]
    problems = []
    if lines[:2] != ["@startuml", "!include <C4/C4_Container>"]:
        problems.append("it does not open with @startuml and the C4 container include")
    if [line for line in lines if line][-1] != "@enduml":
        problems.append("it does not end with @enduml")
    defined: set[str] = set()
    depth = 0
    for number, line in enumerate(lines[2:-1], start=3):
        if not line or line.startswith("title ") or line == "SHOW_LEGEND()":
            continue
        if line == "}":
            depth -= 1
            if depth < 0:
                problems.append(f"line {number}: `}}` closes nothing")
            continue
        if match := ELEMENT.fullmatch(line) or BOUNDARY.fullmatch(line):
            alias = match.group("alias")
            if alias in defined:
                problems.append(f"line {number}: {alias} defined twice")
            defined.add(alias)
            depth += line.endswith("{")
            if match.re is ELEMENT and match.group("macro") == "Person" and depth:
                problems.append(f"line {number}: a Person inside the system boundary")
        elif match := REL.fullmatch(line):
            if not {match.group("source"), match.group("target")} <= defined:
                problems.append(f"line {number}: Rel names an alias not defined before it")
        else:
            problems.append(f"line {number}: {line}")
    if depth:
        problems.append("a boundary is not closed")
    return problems


@pytest.mark.parametrize("slug", SLUGS)
def test_the_export_keeps_to_the_c4_plantuml_macros(slug):
    document = json.loads((EXAMPLES / f"{slug}.json").read_text())
    text = export_text(document, "c4-plantuml", estimate(document))
    assert check_grammar(text) == []
    elements = ELEMENT.findall(text)
    assert len(re.findall(r"^\s*(?:Person|Container\w*)\(", text, re.MULTILINE)) == len(
        document["components"]) == len(elements)
    assert len(REL.findall(text)) == len(document["links"])


def test_each_kind_has_its_macro_and_the_figures_describe_it():
    document = json.loads((EXAMPLES / "twitter.json").read_text())
    text = export_text(document, "c4-plantuml", estimate(document))
    assert 'Person(client, "Clients", "client · x1' in text
    assert re.search(r'ContainerDb\(tweets_db, "Tweets database \(Cassandra\)", "database", '
                     r'"database · x30 · \d+% at peak · [\d.]+%"\)', text)
    assert 'ContainerQueue(queue, "Event queue (Kafka)", "queue", "queue · x3' in text
    assert 'Container(tweet, "Tweet service", "service", "service · x40' in text
    assert 'System_Boundary(system_boundary_1, "Twitter") {' in text
    assert 'Rel(client, lb, "Uses")' in text


def test_the_grammar_check_finds_what_breaks_the_macros():
    good = export_text(json.loads((EXAMPLES / "url-shortener.json").read_text()), "c4-plantuml")
    assert check_grammar(good) == []
    assert check_grammar(good.replace("@enduml", "")) != []
    assert check_grammar(good.replace('"Clients"', '"Cli"ents"')) != []
    assert check_grammar(good.replace("Rel(client,", "Rel(nobody,")) != []
    assert check_grammar(good.replace("Container(", "Containr(", 1)) != []
    assert check_grammar(good.replace("\n}\n", "\n")) != []


def test_hostile_names_and_keys_stay_inside_the_grammar():
    document = {"name": 'The "best" design\n@enduml', "components": [
        {"key": "1st-client", "kind": "client", "name": 'Users "all"'},
        {"key": "system_boundary_1", "kind": "queue", "name": "Rel(a, b)\n}"},
        {"key": "a-b", "kind": "service", "name": "x"},
        {"key": "a_b", "kind": "database", "name": "y"}],
        "links": [{"from": "1st-client", "to": "a-b"}, {"from": "a-b", "to": "a_b"},
                  {"from": "a-b", "to": "system_boundary_1"}],
        "workloads": []}
    text = export_text(document, "c4-plantuml")
    assert check_grammar(text) == []
    assert 'Person(c_1st_client, "Users \u201dall\u201d"' in text
    # A line break kept in the name would end the diagram at the title.
    assert re.findall(r"^\s*@enduml", text, re.MULTILINE) == ["@enduml"]
