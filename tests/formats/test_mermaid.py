"""Mermaid flowcharts in and out (issue 16): a README's flowchart with subgraphs, comments and
styles gives the components, kinds and notes it should; our export reads back exactly, any
name included; malformed text is refused naming the line. (That Mermaid itself parses and
renders our exports: tests/browser/test_mermaid_exports.py.)"""

import json
from pathlib import Path

import pytest

from estimator.formats import detect, export_text, import_text
from estimator.formats.base import FormatError

FILES = Path(__file__).resolve().parent / "files"
EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"


def _components(result) -> dict[str, dict]:
    return {c["key"]: c for c in result.document["components"]}


def _links(result) -> set[tuple[str, str]]:
    return {(link["from"], link["to"]) for link in result.document["links"]}


def test_a_readme_flowchart_gives_its_components_kinds_and_links():
    text = (FILES / "readme-flowchart.mmd").read_text()
    assert detect(text, "") == "mermaid"
    result = import_text(text)
    components = _components(result)
    assert result.document["name"] == "Shop checkout"  # from the front matter
    kinds = {key: c["kind"] for key, c in components.items()}
    assert kinds == {"user": "client", "cdn": "cdn", "lb": "load_balancer", "web1": "service",
                     "api": "service", "worker": "worker", "orders": "database",
                     "sessions": "cache", "bus": "service", "smtp": "service"}
    assert components["web1"]["name"] == "Web app"
    assert components["web1"]["instances"] == 3  # "x3" in the label
    assert components["api"]["name"] == "Checkout API"
    assert components["api"]["instances"] == 4  # "(x4)"
    assert components["sessions"]["name"] == "Session cache Redis"  # <br> joined
    assert "cylinder shape" in components["orders"]["notes"]
    assert "guessed from the label" in components["lb"]["notes"]
    # Labelled, dotted, thick, circle and cross links, a chain and an `&` group; the
    # invisible `~~~` and the link to a subgraph are not links.
    assert _links(result) == {
        ("user", "cdn"), ("cdn", "lb"), ("lb", "web1"), ("lb", "api"), ("api", "worker"),
        ("api", "orders"), ("api", "sessions"), ("api", "bus"), ("bus", "worker"),
        ("web1", "sessions"), ("worker", "smtp")}
    notes = " ".join(result.notes)
    assert "Subgraph 'Application tier' flattened" in notes
    assert "Subgraph 'Data tier' flattened" in notes
    assert "1 link(s) to or from a subgraph dropped" in notes
    assert "placeholder read workload" in notes
    workload = result.document["workloads"][0]
    assert workload["route"][0] == "user" and len(workload["route"]) >= 5


def test_a_fenced_block_and_one_line_statements_are_read():
    text = "```mermaid\ngraph LR; a[Client] --> b[(Postgres)]; b --- c{{Cache}}\n```\n"
    assert detect(text, "README.md") == "mermaid"
    result = import_text(text)
    assert {c["name"]: c["kind"] for c in result.document["components"]} == {
        "Client": "client", "Postgres": "database", "Cache": "cache"}
    assert _links(result) == {("a", "b"), ("b", "c")}


@pytest.mark.parametrize("edge", ["-->", "---", "-.->", "==>", "--o", "--x", "-- text -->",
                                  "-->|text|", "-. text .->", "== text ==>", "<-->", "---->"])
def test_every_link_form_links_two_nodes(edge):
    result = import_text(f"flowchart TD\n  api[API] {edge} db[(Orders)]\n", format="mermaid")
    assert ("api", "db") in _links(result)


@pytest.mark.parametrize("node, name", [
    ("n", "n"), ("n[Box]", "Box"), ("n(Round)", "Round"), ("n([Stadium])", "Stadium"),
    ("n[(Cylinder)]", "Cylinder"), ("n((Circle))", "Circle"), ("n{Rhombus}", "Rhombus"),
    ("n{{Hexagon}}", "Hexagon"), ("n[/Lean/]", "Lean"), ("n[\\Back\\]", "Back"),
    ("n>Flag]", "Flag"), ('n["Quoted [with] (brackets)"]', "Quoted [with] (brackets)"),
    ("n[Line one<br/>line two]", "Line one line two"), ("n:::highlight", "n"),
    ('n@{ shape: cyl, label: "New syntax" }', "New syntax"),
])
def test_every_node_shape_gives_its_label(node, name):
    result = import_text(f"flowchart LR\n    {node} --> other\n", format="mermaid")
    assert _components(result)["n"]["name"] == name


def test_a_round_trip_keeps_hostile_names_exactly():
    names = ['Say "hi" [x] --> {y}', "<b>bold</b> & #quot; end;", "style db fill:#f00; a: b",
             "Ünïcode · x9 · 5%", "pipes | and ; semis", "graph TD"]
    kinds = ["client", "service", "database", "cache", "queue", "external"]
    document = {"name": "Hostile", "components": [
        {"key": f"k{number}", "kind": kind, "name": name, "instances": number + 1}
        for number, (name, kind) in enumerate(zip(names, kinds, strict=True))],
        "links": [{"from": "k0", "to": "k1"}, {"from": "k1", "to": "k2"}],
        "workloads": []}
    result = import_text(export_text(document, "mermaid"), format="mermaid")
    by_name = {c["name"]: c for c in result.document["components"]}
    for component in document["components"]:
        assert by_name[component["name"]]["kind"] == component["kind"]
        assert by_name[component["name"]].get("instances", 1) == component["instances"]
    assert result.document["name"] == "Hostile"


def test_keys_that_are_mermaid_keywords_become_safe_ids():
    document = {"name": "k", "components": [
        {"key": "end", "kind": "client"}, {"key": "subgraph", "kind": "service"},
        {"key": "my-api", "kind": "service"}, {"key": "my_api", "kind": "service"}],
        "links": [{"from": "end", "to": "subgraph"}, {"from": "subgraph", "to": "my-api"}],
        "workloads": []}
    text = export_text(document, "mermaid")
    assert "    end_ --> subgraph_" in text
    assert "my_api_2" in text  # `my-api` and `my_api` stay apart
    assert len(import_text(text, format="mermaid").document["components"]) == 4


def test_the_export_carries_the_figures_and_colours_by_kind():
    document = json.loads((EXAMPLES / "url-shortener.json").read_text())
    text = export_text(document, "mermaid")
    assert text.splitlines()[3] == "flowchart LR"
    assert 'db[("URL database<br/>database · x2")]' in text
    assert "classDef database fill:" in text
    assert "class db database" in text
    architecture = export_text(document, "mermaid-architecture")
    assert architecture.startswith("architecture-beta\n")
    assert "service db(database)[URL database (database x2)] in system" in architecture
    assert "client:R --> L:api_gateway" in architecture


@pytest.mark.parametrize("text, line, words", [
    ("flowchart LR\n  a --> b\n  c[Unclosed --> d\n", 3, "not closed"),
    ('flowchart LR\n  a["no end quote] --> b\n', 2, "quote"),
    ("flowchart LR\n  a -->\n", 2, "no node after it"),
    ("flowchart LR\n  a --> b\n  end\n", 3, "`end` without a `subgraph`"),
    ("flowchart LR\n  subgraph one\n  a --> b\n", 3, "not closed with `end`"),
    ("flowchart LR\n  a -- label without arrow b\n", 2, "no closing arrow"),
    ("flowchart LR\n  a --> b\n  a ?? b\n", 3, "expected a link"),
    ("flowchart LR\n  a -->|text b\n", 2, "not closed with `|`"),
    ("flowchart LR\n  --> b\n", 2, "expected a node id"),
    ("sequenceDiagram\n  a->>b: hi\n", 1, "not a Mermaid flowchart"),
])
def test_malformed_flowcharts_name_the_line(text, line, words):
    with pytest.raises(FormatError) as error:
        import_text(text, format="mermaid")
    assert str(error.value).startswith(f"line {line}: ")
    assert words in str(error.value)


@pytest.mark.parametrize("garbage", ["", "flowchart LR\n", "\x00\x01", "{}", "flowchart\n" +
                                     "a-->" * 10, "graph TD\n" + "[" * 5000])
def test_garbage_is_a_format_error(garbage):
    with pytest.raises(FormatError):
        import_text(garbage, format="mermaid")


def test_too_many_nodes_are_refused():
    text = "flowchart LR\n" + "\n".join(f"n{i} --> n{i + 1}" for i in range(2_100))
    with pytest.raises(FormatError, match="at most 2,000"):
        import_text(text, format="mermaid")


def test_detection_needs_flowchart_or_graph_first():
    assert detect("%% a comment\n\nflowchart TD\n a-->b", "") == "mermaid"
    assert detect("---\ntitle: x\n---\ngraph LR\n a-->b", "") == "mermaid"
    with pytest.raises(FormatError):
        detect("sequenceDiagram\n a->>b: hi", "")
