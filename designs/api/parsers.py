"""Every JSON request body of the API, decoded in one place.

A body is UTF-8 JSON (RFC 8259: a charset parameter is ignored) of at most
DATA_UPLOAD_MAX_MEMORY_SIZE bytes; Django refuses a larger one before it is read (413, see
exceptions.exception_handler). It is decoded by estimator.engine.jsontext, so that what a view
gets can be validated, stored and encoded again: a number of thousands of digits becomes
infinite and NaN stays NaN (validation refuses both naming the field), while a lone UTF-16
surrogate, text that is not UTF-8 or not JSON, or nesting too deep is a 400 naming where it is
(`document.name` inside `{"document": ...}`, `name` in a bare design document).

A design document, bare or inside a body, is at most MAX_DOCUMENT_BYTES as the engine measures
it (compact JSON, as it is stored): larger is a 413 naming it, the same on every endpoint.
"""

from django.conf import settings
from rest_framework.parsers import JSONParser

from designs.api.exceptions import PayloadTooLarge, body_too_large, document_invalid
from estimator.engine import DesignError, FieldError
from estimator.engine.jsontext import loads
from estimator.engine.model import size_error


def decoded(body: bytes):
    """The JSON value of a request body; a 400 naming where it cannot be."""
    try:
        return loads(body)
    except DesignError as error:  # paths from the body's root: already `document.` inside one
        raise document_invalid(error, prefix="") from None


def document_within_limit(document, field: str):
    """`document`, or a 413 naming `field` ("" for a bare document) when it is over the limit."""
    try:
        too_large = size_error(document)
    except RecursionError:  # nested almost as deep as decoding allows, then measured deeper
        error = DesignError([FieldError("", "document is nested too deeply")])
        raise document_invalid(error, prefix=field) from None
    if too_large is not None:
        raise PayloadTooLarge({field: [too_large.message]} if field else too_large.message)
    return document


def _read(stream) -> bytes:
    # DRF hands JSON parsers the body Django has already read within the limit; reading at
    # most one byte more keeps that true for any other stream.
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise body_too_large()
    return body


class JSONBodyParser(JSONParser):
    """Every JSON body (REST_FRAMEWORK's DEFAULT_PARSER_CLASSES)."""

    def parse(self, stream, media_type=None, parser_context=None):
        return decoded(_read(stream))


class DesignDocumentParser(JSONBodyParser):
    """A body that is a design document itself: a JSON object within the document limit."""

    def parse(self, stream, media_type=None, parser_context=None):
        document = super().parse(stream, media_type, parser_context)
        if not isinstance(document, dict):
            error = DesignError([FieldError("", "must be a JSON object")])
            raise document_invalid(error, prefix="")
        return document_within_limit(document, field="")
