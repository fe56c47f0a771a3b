"""POST /api/validate/: the engine's verdict on a design document, field by field.

The editor calls it as the user types, so that every message shown at a field is the
engine's own. A document the engine rejects is an answer (200, valid false), not an error;
a body that is no design document at all (not JSON, over the size limit) is. The answer
also carries the echo of the numbers typed ("64 GB"), made by estimator.present.echo, and
with ?live=1 what the editor's canvas shows of a valid document (designs.api.live).
The body may also be `{"document": ..., "failures": {...}}` (designs.api.parsers): every
path is then from the body's root (`document.components[1].instances`, the echo's too; the
scenario's errors under `failures.`), and `live` is that of the design after the failures.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api.live import LIVE_REQUEST, LiveEstimateSerializer, live_answer
from designs.api.parsers import LiveDraft, LiveDraftParser, live_draft
from designs.api.schema import errors
from designs.api.serializers import ErrorItemSerializer
from designs.api.throttling import EDITOR_THROTTLES
from estimator.engine import DesignError, FieldError, scenario_errors, validate
from estimator.present.echo import echo_texts


class ValidationSerializer(drf_serializers.Serializer):
    valid = drf_serializers.BooleanField(
        help_text="True when the document (and the failures sent with it) has no errors.")
    errors = ErrorItemSerializer(
        many=True, help_text="Every error, each naming its field from the body's root: "
        "components[2].k in a bare document; in {document, failures}, document.components[2].k "
        "and failures.lost_instances.db (the scenario, checked once the document is valid)."
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
        help_text="Only with ?live=1: what the editor's canvas shows of the document (after "
        "the failures sent with it), as POST /api/estimate/live/ answers it; null when "
        "there are errors.",
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
    parser_classes = [LiveDraftParser]

    @extend_schema(
        request=LIVE_REQUEST,
        parameters=[LIVE],
        responses={200: ValidationSerializer, **errors(400, 413)},
        examples=[INVALID_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        """Check the design document in the body as saving would; nothing is saved.
        The body may be `{"document": ..., "failures": {...}}`: the failure scenario is
        checked too, and every path (errors, echo) is from the body's root:
        `document.<field>`, `failures.<field>`. Bodies over 2,000,000 bytes answer 413; a
        body that is not a JSON object, 400."""
        draft = live_draft(request.data)
        live = request.query_params.get("live") in ("1", "true")
        # A valid draft is read once, by the live estimate (which reads it as validate()
        # does: the editor sends one after every edit); validate() and the scenario's check
        # run only to name the errors of a draft the estimate refuses.
        canvas = _live(draft) if live else None
        in_document = [] if canvas is not None else validate(draft.document)
        echo = echo_texts(draft.document, [error.path for error in in_document])
        # Paths from the body's root, as in a 400: `document.` and `failures.` in an envelope.
        found = [_under(draft.field, error) for error in in_document]
        if canvas is None and not found and draft.failures is not None:
            found = [_under("failures", error) for error in
                     scenario_errors(draft.document, draft.failures)]
        if draft.field:
            echo = {_path(draft.field, field): text for field, text in echo.items()}
        answer = {"valid": not found, "errors": found, "echo": echo}
        data = ValidationSerializer(answer).data
        data.pop("live", None)
        if live:
            data["live"] = canvas if not found else None
        return Response(data)


def _path(prefix: str, path: str) -> str:
    if not prefix or not path:
        return prefix or path
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


def _under(prefix: str, error: FieldError) -> dict:
    return {"field": _path(prefix, error.path), "message": error.message}


def _live(draft: LiveDraft) -> dict | None:
    """The canvas, or None when the engine refuses the draft (its errors then named by
    validate() and the scenario's check)."""
    try:
        return live_answer(draft)
    except DesignError:
        return None
