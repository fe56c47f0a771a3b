"""The app's own design document as a format: exported as it is stored, imported as is."""

import json

from estimator.engine import DesignError, parse_json
from estimator.formats import Exporter, Importer, register_exporter, register_importer
from estimator.formats.base import FormatError, ImportResult


def write(document: dict, estimate) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read(text: str) -> ImportResult:
    try:
        document = parse_json(text)
    except DesignError as error:
        raise FormatError(str(error)) from error
    if not isinstance(document, dict):
        raise FormatError("a design document is a JSON object")
    return ImportResult(format="json", document=document, notes=[])


def looks_like(text: str, filename: str) -> bool:
    if filename.endswith(".json") and '"components"' in text[:200_000]:
        return '"resource_changes"' not in text and '"planned_values"' not in text and (
            '"model"' not in text[:2000])
    stripped = text.lstrip()
    return stripped.startswith("{") and '"components"' in text and '"kind"' in text and (
        '"planned_values"' not in text and '"model"' not in text[:2000])


register_exporter(Exporter("json", "Design document (JSON)", "json", "application/json", write))
register_importer(Importer("json", "Design document (JSON)", read, looks_like))
