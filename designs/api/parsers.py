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

The editor's live check takes either shape (LiveDraftParser): a bare design document, or
`{"document": ..., "failures": ...}` to see the design after a failure scenario.
"""

from dataclasses import dataclass

from django.conf import settings
from rest_framework.parsers import JSONParser

from designs.api.exceptions import PayloadTooLarge, body_too_large, document_invalid
from estimator.engine import DesignError, FieldError
from estimator.engine.jsontext import loads
from estimator.engine.model import size_error

ENVELOPE_FIELDS = ("document", "failures")


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


@dataclass(frozen=True)
class LiveDraft:
    """What the live check estimates: a design document, and a failure scenario or None
    (checked by the engine, which names its fields). `field` is where the document sits in
    the body: "" when the body is the document, "document" inside an envelope."""

    document: dict
    failures: object | None = None
    field: str = ""


class LiveDraftParser(JSONBodyParser):
    """A bare design document, or an envelope `{"document": ..., "failures": ...}` (a body
    with a `document` member: a design document has none): a LiveDraft either way."""

    def parse(self, stream, media_type=None, parser_context=None):
        body = super().parse(stream, media_type, parser_context)
        if not isinstance(body, dict):
            raise document_invalid(DesignError([FieldError("", "must be a JSON object")]), "")
        if "document" not in body:
            return LiveDraft(document_within_limit(body, field=""))
        allowed = ", ".join(ENVELOPE_FIELDS)
        errors = [FieldError(name, f"unknown field (allowed: {allowed})")
                  for name in body if name not in ENVELOPE_FIELDS]
        if not isinstance(body["document"], dict):
            errors.append(FieldError("document", "must be a JSON object"))
        if errors:
            raise document_invalid(DesignError(errors), prefix="")
        document = document_within_limit(body["document"], field="document")
        return LiveDraft(document, body.get("failures"), field="document")


def live_draft(data) -> LiveDraft:
    """The LiveDraft of request.data; an empty body is never parsed (DRF hands the view {}),
    and is then an empty document, as it is to every other endpoint."""
    return data if isinstance(data, LiveDraft) else LiveDraft(data)
