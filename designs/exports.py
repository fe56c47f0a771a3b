"""A design as a file in any export format: the text formats are estimator.formats'; the
diagram as SVG or PNG is drawn here (designs/diagram_image.py). One entry for the pages, the
API and `manage.py export`."""

from dataclasses import dataclass

from django.http import HttpResponse

from designs.selectors.estimates import design_estimate_document
from estimator import formats
from estimator.engine import DesignError
from estimator.engine.result import EstimateView
from estimator.formats.base import FormatError

# The diagram's formats beside estimator.formats' exporters: (label, extension, media type).
IMAGE_FORMATS = {
    "svg": ("Diagram (SVG)", "svg", "image/svg+xml"),
    "png": ("Diagram (PNG)", "png", "image/png"),
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    filename: str


# The menus' order: diagrams as code first, then the tables, the app's own JSON and images.
MENU_ORDER = ("mermaid", "mermaid-architecture", "drawio", "structurizr", "structurizr-json",
              "c4-plantuml", "csv", "json", "svg", "png")


def attachment(file: ExportFile) -> HttpResponse:
    """The file as a download (its name in Content-Disposition): exports and reports."""
    response = HttpResponse(file.content, content_type=file.media_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


def export_formats() -> list[tuple[str, str]]:
    """(name, label) of every export format, in the menus' order."""
    labels = {name: exporter.label for name, exporter in formats.EXPORTERS.items()}
    labels |= {name: label for name, (label, _, _) in IMAGE_FORMATS.items()}
    ordered = [name for name in MENU_ORDER if name in labels]
    return [(name, labels[name]) for name in ordered + sorted(set(labels) - set(ordered))]


def export_format_names() -> list[str]:
    return [name for name, _ in export_formats()]


def design_export_file(design, format: str) -> ExportFile:
    """A saved design's current version in `format`, with its estimate's figures when it
    can be estimated, named `<slug>-v<version>.<extension>`. Raises FormatError."""
    try:
        estimate = design_estimate_document(design)
    except DesignError:
        estimate = None  # the figures are left out; the graph still exports
    return export_file(design.document, estimate, format, stem=f"{design.slug}-v{design.version}")


def export_file(document: dict, estimate: EstimateView | dict | None, format: str, *,
                stem: str) -> ExportFile:
    """The design in `format` as a file named `<stem>.<extension>`. Raises FormatError (an
    unknown format, or one that needs an estimate the design has not) or DesignError."""
    if format in IMAGE_FORMATS:
        from designs import diagram_image

        _, extension, media_type = IMAGE_FORMATS[format]
        if format == "svg":
            content = diagram_image.diagram_svg_file(document, estimate).encode("utf-8")
        else:
            content = diagram_image.diagram_png(document, estimate)
        return ExportFile(content, media_type, f"{stem}.{extension}")
    if format not in formats.EXPORTERS:
        raise FormatError(f"unknown format {format!r}: one of "
                          + ", ".join(export_format_names()), where="format")
    exporter = formats.EXPORTERS[format]
    text = formats.export_text(document, format, estimate)
    media_type = exporter.media_type
    if media_type.startswith("text/") or media_type.endswith(("json", "xml")):
        media_type += "; charset=utf-8"
    return ExportFile(text.encode("utf-8"), media_type, f"{stem}.{exporter.extension}")
