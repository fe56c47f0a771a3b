"""POST /api/validate/: the engine's verdict on a design document, field by field.

The editor calls it as the user types, so that every message shown at a field is the
engine's own. A document the engine rejects is an answer (200, valid false), not an error;
a body that is no design document at all (not JSON, over the size limit) is. The answer
also carries the echo of the numbers typed ("64 GB"), made by estimator.present.echo, and
with ?live=1 what the editor's canvas shows of a valid document (designs.api.live).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api.live import LiveEstimateSerializer
from designs.api.parsers import DesignDocumentParser
from designs.api.schema import errors
from designs.api.serializers import DESIGN_DOCUMENT_SCHEMA, ErrorItemSerializer
from designs.api.throttling import EDITOR_THROTTLES
from estimator.engine import DesignError, estimate_live, validate
from estimator.present.echo import echo_texts
from estimator.present.live import live_canvas


class ValidationSerializer(drf_serializers.Serializer):
    valid = drf_serializers.BooleanField(help_text="True when the document has no errors.")
    errors = ErrorItemSerializer(
        many=True, help_text="Every error, each naming its field: components[2].k."
    )
    echo = drf_serializers.DictField(
        child=drf_serializers.CharField(),
        help_text="What the editor shows beside a number as it is typed, by the field's path "
        'as errors name it: {"components[2].memory_bytes": "64 GB", '
        '"assumptions.daily_active_users": "1,000,000"}. Byte sizes of components and '
        "workloads from 1 KB, the daily active users and the peak factor, the SLOs' "
        'availability as a percentage ("99.9%") and monthly budget as money ("$5,000"); '
        "none for a field "
        "left out, that is no plain number, or that an error names.",
    )
    live = LiveEstimateSerializer(
        required=False, allow_null=True,
        help_text="Only with ?live=1: what the editor's canvas shows of the document, as "
        "POST /api/estimate/live/ answers it; null when the document has errors.",
    )


LIVE = OpenApiParameter(
    "live", OpenApiTypes.BOOL, OpenApiParameter.QUERY,
    description="1: a valid document's answer also carries `live`, the canvas's estimate.",
)


INVALID_EXAMPLE = OpenApiExample(
    "Invalid",
    value={
        "valid": False,
        "errors": [{"field": "components[2].k", "message": "must not exceed instances (3 > 2)"}],
        "echo": {"components[2].memory_bytes": "64 GB",
                 "assumptions.daily_active_users": "1,000,000"},
    },
    response_only=True,
)


@extend_schema(tags=["designs"])
class DocumentValidateView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = EDITOR_THROTTLES
    parser_classes = [DesignDocumentParser]

    @extend_schema(
        request={"application/json": DESIGN_DOCUMENT_SCHEMA},
        parameters=[LIVE],
        responses={200: ValidationSerializer, **errors(400, 413)},
        examples=[INVALID_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        """Check the design document in the body as saving would; nothing is saved.
        Bodies over 2,000,000 bytes answer 413; a body that is not a JSON object, 400."""
        live = request.query_params.get("live") in ("1", "true")
        errors, canvas = _check(request.data, live=live)
        found = [error.as_dict() for error in errors]
        echo = echo_texts(request.data, [error["field"] for error in found])
        answer = {"valid": not found, "errors": found, "echo": echo}
        data = ValidationSerializer(answer).data
        data.pop("live", None)
        if live:
            data["live"] = canvas
        return Response(data)


def _check(document: dict, *, live: bool) -> tuple[list, dict | None]:
    """The document's errors and, with `live` and none, the canvas. A valid document is read
    once, by the estimate (which reads it as validate() does: the editor sends one after every
    edit); validate() names the errors only when it fails. (The parser has already refused a
    document over the size limit, validate()'s other check.)"""
    if live:
        try:
            return [], live_canvas(estimate_live(document))
        except DesignError:
            pass  # errors as saving names them; none means the canvas alone failed: no canvas
    return validate(document), None
