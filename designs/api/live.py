"""POST /api/estimate/live/: what the editor's canvas shows of a draft, computed now.

The editor posts the draft a moment after each edit: a lean answer (per component the
peak utilisation and its band, single point of failure, first to saturate, bottleneck
flags; the live strip's figures), every figure as text (estimator.present.live), from the
engine's estimate without its uncertainty and sensitivity runs. Nothing is saved. An
invalid draft answers 400 naming each field, as POST /api/estimate/ does. (The editor
itself asks POST /api/validate/?live=1, which answers an invalid draft 200 with its errors
and a valid one with this same answer: one round trip, and no 400 in the browser's console
while the user types.)
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api.exceptions import document_invalid
from designs.api.parsers import DesignDocumentParser
from designs.api.schema import errors
from designs.api.serializers import DESIGN_DOCUMENT_SCHEMA
from designs.api.throttling import EDITOR_THROTTLES
from estimator.engine import DesignError, estimate_live
from estimator.present.live import live_canvas

FLAG = inline_serializer("LiveFlag", many=True, fields={
    "kind": serializers.CharField(help_text="saturated, over_target, storage, memory, retries"),
    "severity": serializers.ChoiceField(choices=["critical", "warning"]),
    "text": serializers.CharField(help_text="the engine's words, naming the component"),
})
COMPONENT = inline_serializer("LiveComponent", many=True, fields={
    "key": serializers.CharField(),
    "name": serializers.CharField(),
    "utilization": serializers.FloatField(
        allow_null=True, help_text="peak load over capacity; null: no capacity limit"),
    "utilization_text": serializers.CharField(help_text='"127%", "no limit"'),
    "band": serializers.ChoiceField(
        choices=["ok", "warm", "hot", "none"],
        help_text="ok: up to the target utilisation; warm: over it; hot: past capacity "
                  "(over 100%); none: no capacity limit"),
    "band_text": serializers.CharField(help_text='"past capacity"'),
    "spof": serializers.BooleanField(help_text="a single point of failure"),
    "first_saturating": serializers.BooleanField(help_text="the first component to saturate"),
    "bottleneck": serializers.BooleanField(help_text="flagged: see flags"),
    "flags": FLAG,
})
FIGURE = inline_serializer("LiveFigure", many=True, fields={
    "key": serializers.ChoiceField(choices=["peak_rps", "storage_total", "availability",
                                            "requests_served", "cost_month"]),
    "label": serializers.CharField(),
    "text": serializers.CharField(),
})


class LiveEstimateSerializer(serializers.Serializer):
    """The answer; also POST /api/validate/?live=1's `live` (designs.api.validate)."""

    components = COMPONENT
    first_saturating = inline_serializer("LiveFirstSaturating", allow_null=True, fields={
        "key": serializers.CharField(),
        "name": serializers.CharField(),
        "headroom_text": serializers.CharField(help_text='traffic growth until it does: "1.56x"'),
    }, help_text="null when nothing saturates")
    figures = FIGURE
    workloads = inline_serializer("LiveWorkload", many=True, fields={
        "name": serializers.CharField(),
        "p99_ms": serializers.FloatField(allow_null=True, help_text="null: saturated"),
        "p99_text": serializers.CharField(help_text='"31.2 ms", "saturated"'),
    })
    slos = inline_serializer("LiveSlo", many=True, fields={
        "label": serializers.CharField(help_text="\"p99 of 'post tweet'\""),
        "met": serializers.BooleanField(),
        "verdict": serializers.ChoiceField(choices=["met", "missed"]),
        "text": serializers.CharField(help_text='"31.2 ms against 100 ms"'),
    })


EXAMPLE = OpenApiExample("One service past capacity", response_only=True, value={
    "components": [{
        "key": "api", "name": "API servers", "utilization": 1.27, "utilization_text": "127%",
        "band": "hot", "band_text": "past capacity", "spof": True, "first_saturating": True,
        "bottleneck": True, "flags": [{"kind": "saturated", "severity": "critical",
                                       "text": "API servers is saturated at 127% (...)"}],
    }],
    "first_saturating": {"key": "api", "name": "API servers", "headroom_text": "0.79x"},
    "figures": [{"key": "peak_rps", "label": "Requests per second at peak",
                 "text": "1,270/s"}],
    "workloads": [{"name": "read", "p99_ms": None, "p99_text": "saturated"}],
    "slos": [{"label": "p99 of 'read'", "met": False, "verdict": "missed",
              "text": "saturated against 200 ms"}],
})


@extend_schema(tags=["estimates"])
class LiveEstimateView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = EDITOR_THROTTLES
    parser_classes = [DesignDocumentParser]

    @extend_schema(
        request={"application/json": DESIGN_DOCUMENT_SCHEMA},
        responses={200: LiveEstimateSerializer, **errors(400, 413, 429)},
        examples=[EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        """What the editor's canvas shows of the design document in the body, now: each
        component's peak utilisation, single points of failure, the first to saturate,
        bottleneck flags, and the live strip's figures, all as text. Nothing is saved.
        An invalid document answers 400 naming each field; bodies over 2,000,000 bytes,
        413. Throttled as every endpoint."""
        try:
            return Response(live_canvas(estimate_live(request.data)))
        except DesignError as error:
            raise document_invalid(error, prefix="") from None
