"""JSON request bodies within the design document's size limit."""

import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding

from designs.api.exceptions import PayloadTooLarge, document_invalid
from estimator.engine import DesignError, parse_json
from estimator.engine.limits import MAX_DOCUMENT_BYTES


def _read_limited(stream, parser_context: dict, max_bytes: int, what: str) -> bytes:
    """The body, refused with 413 when over the limit. (Django refuses a Content-Length over
    DATA_UPLOAD_MAX_MEMORY_SIZE before reading anything; see exceptions.exception_handler.)"""
    try:
        length = int(parser_context["request"].META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0  # then DRF sees no body and parses nothing
    body = b"" if length > max_bytes else stream.read(max_bytes + 1)
    size = max(length, len(body))
    if size > max_bytes:
        raise PayloadTooLarge(f"{what} is {size:,} bytes, at most {max_bytes:,}")
    return body


class DocumentJSONParser(JSONParser):
    """JSON with a design document inside. NaN and Infinity are let through so that the
    engine rejects them naming their field, as it does everywhere else."""

    def parse(self, stream, media_type=None, parser_context=None):
        max_bytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = _read_limited(stream, parser_context, max_bytes, "request body")
        try:
            return json.loads(body.decode(get_encoding(parser_context)))
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None


class DesignDocumentParser(JSONParser):
    """A body that is a design document itself, read as the engine reads a file."""

    def parse(self, stream, media_type=None, parser_context=None):
        body = _read_limited(stream, parser_context, MAX_DOCUMENT_BYTES, "document")
        try:
            return parse_json(body)
        except DesignError as error:
            raise document_invalid(error, prefix="") from None
