"""Designs in and out of the formats people draw and deploy them in (issue 16).

Exporters: a design document (and its estimate, when there is one) to text in a format;
importers: text in a format to a new design document with notes on what was guessed
(estimator.formats.base). Pure Python, no Django; the pages, the API and the commands call
`import_text` and `export_text`. The diagram as SVG or PNG is the apps' (it is drawn by
designs/diagram.py).
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from estimator.engine import DesignError, validate
from estimator.engine.result import EstimateView
from estimator.formats.base import FormatError, ImportResult, check_size


@dataclass(frozen=True)
class Exporter:
    name: str
    label: str
    extension: str
    media_type: str
    write: Callable[[dict, EstimateView | None], str]


@dataclass(frozen=True)
class Importer:
    name: str
    label: str
    read: Callable[[str], ImportResult]
    # Whether the text looks like this format (the first that says yes is taken).
    detect: Callable[[str, str], bool]


EXPORTERS: dict[str, Exporter] = {}
IMPORTERS: dict[str, Importer] = {}


def register_exporter(exporter: Exporter) -> None:
    EXPORTERS[exporter.name] = exporter


def register_importer(importer: Importer) -> None:
    IMPORTERS[importer.name] = importer


def detect(text: str, filename: str = "") -> str:
    """The import format a file is in, from its name and content; FormatError when none."""
    for importer in IMPORTERS.values():
        if importer.detect(text, filename.lower()):
            return importer.name
    raise FormatError("the format could not be recognised: name it (one of "
                      + ", ".join(IMPORTERS) + ")", where="format")


def import_text(text: str | bytes, format: str | None = None, filename: str = "") -> ImportResult:
    """A new design document from a file's text; FormatError naming the line or element, or
    an unknown format. The document returned is valid (checked by the engine)."""
    check_size(text)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FormatError(f"not UTF-8 text (byte {error.start})") from error
    if "\x00" in text:
        raise FormatError("the file holds a NUL character: not a text file")
    name = format or detect(text, filename)
    if name not in IMPORTERS:
        raise FormatError(f"unknown format {name!r}: one of {', '.join(IMPORTERS)}",
                          where="format")
    result = IMPORTERS[name].read(text)
    errors = validate(result.document)
    if errors:  # an importer's bug, never the user's file: said plainly all the same
        raise FormatError("the imported design is not valid: " + "; ".join(map(str, errors)))
    return result


def export_text(document: dict, format: str, estimate: EstimateView | dict | None = None) -> str:
    """The design in a format (figures from the estimate where the format carries them);
    FormatError for an unknown format, DesignError for an invalid document."""
    if format not in EXPORTERS:
        raise FormatError(f"unknown format {format!r}: one of {', '.join(EXPORTERS)}",
                          where="format")
    if errors := validate(document):
        raise DesignError(errors)
    view = EstimateView.of(estimate) if estimate is not None else None
    return EXPORTERS[format].write(document, view)


# Each format's module, imported once in this order; each registers itself. Detection tries
# the importers in this order, so the JSON formats that are not the design document come
# before it.
FORMAT_MODULES = (
    "terraform",  # JSON with planned_values or resource_changes
    "structurizr_json",  # a Structurizr workspace as JSON (a model of software systems)
    "own_json",  # the design document
    "drawio",  # draw.io XML, plain or compressed
    "kubernetes",  # YAML documents with apiVersion and kind
    "compose",  # YAML with services
    "mermaid",  # flowchart (and architecture-beta, exported)
    "structurizr",  # the Structurizr DSL
    "c4plantuml",  # C4-PlantUML, exported only
    "csv_tables",  # the estimate's tables, exported only
)
for _module in FORMAT_MODULES:
    importlib.import_module(f"estimator.formats.{_module}")
