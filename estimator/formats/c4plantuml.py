"""C4-PlantUML (exported only): a container diagram with the C4 standard library's macros
(github.com/plantuml-stdlib/C4-PlantUML): a Person per client, a Container, ContainerDb or
ContainerQueue per other component inside a System_Boundary, the figures as each one's
description, a Rel per link.
"""

import re

from estimator.formats import Exporter, register_exporter
from estimator.formats.base import first_free
from estimator.formats.labels import component_figures

MACROS = {"client": "Person", "database": "ContainerDb", "object_store": "ContainerDb",
          "search": "ContainerDb", "queue": "ContainerQueue"}


def _string(text: str) -> str:
    """A macro argument: PlantUML strings have no escape for `"`, so typographic quotes
    stand in; line breaks become spaces."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    return '"' + text.replace('"', "\u201d") + '"'


def _aliases(keys: list[str]) -> dict[str, str]:
    aliases, used = {}, {"system_boundary_1"}  # the boundary's own alias
    for key in keys:
        base = re.sub(r"\W", "_", key, flags=re.ASCII)
        if not base or base[0].isdigit():
            base = "c_" + base
        aliases[key] = first_free(base, used, fold=True)
    return aliases


def write(document: dict, estimate) -> str:
    figures = component_figures(document, estimate)
    aliases = _aliases([f.key for f in figures])
    name = document.get("name") or "Design"
    lines = ["@startuml", "!include <C4/C4_Container>", "", f"title {_string(name)[1:-1]}", ""]
    for figure in figures:
        if figure.kind == "client":
            lines.append(f"Person({aliases[figure.key]}, {_string(figure.name)}, "
                         f"{_string(figure.line)})")
    lines.append(f"System_Boundary(system_boundary_1, {_string(name)}) {{")
    for figure in figures:
        if figure.kind != "client":
            macro = MACROS.get(figure.kind, "Container")
            lines.append(f"    {macro}({aliases[figure.key]}, {_string(figure.name)}, "
                         f"{_string(figure.kind)}, {_string(figure.line)})")
    lines.append("}")
    lines.append("")
    for link in document.get("links", []):
        lines.append(f'Rel({aliases[link["from"]]}, {aliases[link["to"]]}, "Uses")')
    lines += ["", "SHOW_LEGEND()", "@enduml"]
    return "\n".join(lines) + "\n"


register_exporter(Exporter("c4-plantuml", "C4-PlantUML", "puml", "text/plain", write))
