"""POST /api/validate/: the engine's verdict on a design document, field by field.

The editor calls it as the user types, so that every message shown at a field is the
engine's own. A document the engine rejects is an answer (200, valid false), not an error;
a body that is no design document at all (not JSON, over the size limit) is.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api.parsers import DesignDocumentParser
from designs.api.schema import errors
from designs.api.serializers import DESIGN_DOCUMENT_SCHEMA, ErrorItemSerializer
from estimator.engine import validate


class ValidationSerializer(drf_serializers.Serializer):
    valid = drf_serializers.BooleanField(help_text="True when the document has no errors.")
    errors = ErrorItemSerializer(
        many=True, help_text="Every error, each naming its field: components[2].k."
    )


INVALID_EXAMPLE = OpenApiExample(
    "Invalid",
    value={
        "valid": False,
        "errors": [{"field": "components[2].k", "message": "must not exceed instances (3 > 2)"}],
    },
    response_only=True,
)


@extend_schema(tags=["designs"])
class DocumentValidateView(APIView):
    permission_classes = [AllowAny]
    parser_classes = [DesignDocumentParser]

    @extend_schema(
        request={"application/json": DESIGN_DOCUMENT_SCHEMA},
        responses={200: ValidationSerializer, **errors(400, 413)},
        examples=[INVALID_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        """Check the design document in the body as saving would; nothing is saved.
        Bodies over 2,000,000 bytes answer 413; a body that is not a JSON object, 400."""
        found = [error.as_dict() for error in validate(request.data)]
        return Response(ValidationSerializer({"valid": not found, "errors": found}).data)
