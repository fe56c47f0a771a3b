"""POST /api/estimate/live/: what the editor's canvas shows of a draft, computed now.

The editor posts the draft a moment after each edit: a lean answer (per component the
peak utilisation and its band, single point of failure, first to saturate, bottleneck
flags; the live strip's figures), every figure as text (estimator.present.live), from the
engine's estimate without its uncertainty and sensitivity runs. Nothing is saved. An
invalid draft answers 400 naming each field, as POST /api/estimate/ does. (The editor
itself asks POST /api/validate/?live=1, which answers an invalid draft 200 with its errors
and a valid one with this same answer: one round trip, and no 400 in the browser's console
while the user types.)

Both also take `{"document": ..., "failures": {...}}` (designs.api.parsers.LiveDraftParser):
the answer is then that of the design after the failures, as the design page's what-if
computes them (components, instances or zones down; estimator.engine.whatif), in one
estimate of the degraded design: the components down marked down, and `failures` beside
(the workloads stopped, each workload's availability left, the retry amplification).
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api.exceptions import document_invalid
from designs.api.parsers import LiveDraft, LiveDraftParser, live_draft
from designs.api.schema import errors
from designs.api.serializers import DESIGN_DOCUMENT_SCHEMA
from designs.api.throttling import EDITOR_THROTTLES
from designs.api.whatif import RETRIES
from estimator.engine import DesignError, ScenarioError, estimate_live, estimate_live_failed
from estimator.present.live import live_canvas

FLAG = inline_serializer("LiveFlag", many=True, fields={
    "kind": serializers.CharField(help_text="saturated, over_target, storage, memory, retries"),
    "severity": serializers.ChoiceField(choices=["critical", "warning"]),
    "text": serializers.CharField(help_text="the engine's words, naming the component"),
})
COMPONENT = inline_serializer("LiveComponent", many=True, fields={
    "key": serializers.CharField(),
    "name": serializers.CharField(),
    "down": serializers.BooleanField(help_text="down in the failure scenario sent"),
    "utilization": serializers.FloatField(
        allow_null=True, help_text="peak load over capacity; null: no capacity limit, or down"),
    "utilization_text": serializers.CharField(help_text='"127%", "no limit", "down"'),
    "band": serializers.ChoiceField(
        choices=["ok", "warm", "hot", "none", "down"],
        help_text="ok: up to the target utilisation; warm: over it; hot: past capacity "
                  "(over 100%); none: no capacity limit; down: down in the failure scenario"),
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


FAILURES = inline_serializer("LiveFailures", required=False, fields={
    "down": inline_serializer("LiveDown", many=True, fields={
        "key": serializers.CharField(), "name": serializers.CharField()},
        help_text="components down: failed, in a zone down, or every instance lost"),
    "lost_instances": inline_serializer("LiveLostInstances", many=True, fields={
        "key": serializers.CharField(), "name": serializers.CharField(),
        "lost": serializers.IntegerField()}, help_text="of components still up"),
    "stopped_workloads": serializers.ListField(
        child=serializers.CharField(), help_text="workloads with every path through a "
                                                 "component down"),
    "stopped_text": serializers.CharField(help_text="\"1 workload stopped: 'read'\""),
    "workloads": inline_serializer("LiveWorkloadLeft", many=True, fields={
        "name": serializers.CharField(),
        "availability": serializers.FloatField(help_text="0 when stopped"),
        "availability_text": serializers.CharField(help_text='"99.85%"'),
    }),
    "retries": RETRIES,
}, help_text="Only when the body carries `failures`: what the failure scenario does. The "
             "components, figures, p99s and SLOs beside it are those of the degraded design.")


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
        "p99_ms": serializers.FloatField(
            allow_null=True, help_text="null: saturated, or no request served (failures)"),
        "p99_text": serializers.CharField(
            help_text='"31.2 ms", "saturated", "no requests served"'),
    })
    slos = inline_serializer("LiveSlo", many=True, fields={
        "label": serializers.CharField(help_text="\"p99 of 'post tweet'\""),
        "met": serializers.BooleanField(),
        "verdict": serializers.ChoiceField(choices=["met", "missed"]),
        "text": serializers.CharField(help_text='"31.2 ms against 100 ms"'),
    })
    failures = FAILURES


EXAMPLE = OpenApiExample("One service past capacity", response_only=True, value={
    "components": [{
        "key": "api", "name": "API servers", "down": False, "utilization": 1.27,
        "utilization_text": "127%",
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


# The scenario of POST /api/designs/{id}/whatif/ (designs.api.whatif.SCENARIO), as a schema
# that the request's anyOf can hold.
SCENARIO_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {
    "failed": {"type": "array", "items": {"type": "string"},
               "description": "components with every instance down"},
    "lost_instances": {"type": "object",
                       "additionalProperties": {"type": "integer", "minimum": 1},
                       "description": "instances lost, by component key"},
    "zones": {"type": "array", "items": {"type": "string"},
              "description": "zones down: every component in them"},
}}
FAILURES_REQUEST = OpenApiExample("The draft with one database instance lost", request_only=True,
                                  value={"document": {"name": "...", "components": ["..."]},
                                         "failures": {"lost_instances": {"db": 1}}})
LIVE_REQUEST = {"application/json": {
    "anyOf": [DESIGN_DOCUMENT_SCHEMA, {
        "type": "object", "required": ["document"], "additionalProperties": False,
        "properties": {
            "document": DESIGN_DOCUMENT_SCHEMA,
            "failures": {**SCENARIO_SCHEMA, "nullable": True,
                         "description": "a failure scenario, as POST /api/designs/{id}/whatif/ "
                                        "takes it; null or left out: none"},
        },
    }],
    "description": "A design document, or {document, failures}: the design after the "
                   "failures (a design document has no `document` field).",
}}


def live_answer(draft: LiveDraft) -> dict:
    """The canvas's answer for a draft, degraded by its failures when it has some; raises
    DesignError (ScenarioError for the failures)."""
    if draft.failures is None:
        return live_canvas(estimate_live(draft.document))
    estimate, what_if = estimate_live_failed(draft.document, draft.failures)
    return live_canvas(estimate, what_if)


@extend_schema(tags=["estimates"])
class LiveEstimateView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = EDITOR_THROTTLES
    parser_classes = [LiveDraftParser]

    @extend_schema(
        request=LIVE_REQUEST,
        responses={200: LiveEstimateSerializer, **errors(400, 413, 429)},
        examples=[EXAMPLE, FAILURES_REQUEST],
    )
    def post(self, request: Request) -> Response:
        """What the editor's canvas shows of the design document in the body, now: each
        component's peak utilisation, single points of failure, the first to saturate,
        bottleneck flags, and the live strip's figures, all as text. Nothing is saved.
        With `{"document": ..., "failures": {...}}` the same of the design after those
        failures, and `failures`: what stopped and the retry amplification.
        An invalid document or scenario answers 400 naming each field from the body's root
        (`document.components[1].instances`, `failures.lost_instances.db`); bodies over
        2,000,000 bytes, 413. Throttled as every endpoint."""
        draft = live_draft(request.data)
        try:
            return Response(live_answer(draft))
        except ScenarioError as error:
            raise document_invalid(error, prefix="failures") from None
        except DesignError as error:
            raise document_invalid(error, prefix=draft.field) from None
