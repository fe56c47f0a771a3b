"""POST /api/designs/{id}/whatif/: what remains of a design after named failures."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api.exceptions import document_invalid
from designs.api.schema import errors
from designs.selectors.designs import designs_visible
from estimator.engine import DesignError, what_if
from estimator.present.whatif import with_texts

SCENARIO = inline_serializer("WhatIfScenario", fields={
    "failed": serializers.ListField(child=serializers.CharField(), required=False,
                                    help_text="components with every instance down"),
    "lost_instances": serializers.DictField(child=serializers.IntegerField(min_value=1),
                                            required=False,
                                            help_text="instances lost, by component key"),
    "zones": serializers.ListField(child=serializers.CharField(), required=False,
                                   help_text="zones down: every component in them"),
})

WORKLOADS_LEFT = inline_serializer("WhatIfWorkload", many=True, fields={
    "name": serializers.CharField(),
    "availability": serializers.FloatField(help_text="the fraction of the time it is up"),
    "availability_text": serializers.CharField(help_text='the same as text: "99.85%"'),
    "nines": serializers.FloatField(allow_null=True, help_text="null: perfect"),
})
AVAILABILITY_LEFT = inline_serializer("WhatIfAvailability", fields={
    "overall": serializers.FloatField(help_text="every workload up"),
    "overall_text": serializers.CharField(help_text='the same as text: "99.8539%"'),
    "requests_served": serializers.FloatField(
        help_text="every workload up, times the share of its peak requests served by the "
                  "instances left (docs/design-document.md, overload)"),
    "requests_served_text": serializers.CharField(help_text='the same as text: "90.9%"'),
    "nines": serializers.FloatField(allow_null=True, help_text="null: perfect"),
    "downtime": serializers.DictField(child=serializers.FloatField(),
                                      help_text="seconds a year, month, week, day"),
    "workloads": WORKLOADS_LEFT,
    "components": serializers.ListField(child=serializers.DictField(),
                                        help_text="key, availability, nines"),
})
COMPONENTS_LEFT = inline_serializer("WhatIfComponent", many=True, fields={
    "key": serializers.CharField(),
    "down": serializers.BooleanField(),
    "instances": serializers.IntegerField(help_text="those still up"),
    "utilization": serializers.FloatField(allow_null=True,
                                          help_text="peak use of capacity; null when down"),
    "utilization_text": serializers.CharField(help_text='the same as text: "40%", "down"'),
})
RETRY_STEPS = inline_serializer("WhatIfRetryStep", many=True, fields={
    "workload": serializers.CharField(),
    "index": serializers.IntegerField(help_text="the step's position on the primary route"),
    "key": serializers.CharField(help_text="the component the step calls"),
    "timeout_ms": serializers.FloatField(allow_null=True, help_text="null: no timeout"),
    "retries": serializers.IntegerField(),
    "attempt_failure_before": serializers.FloatField(help_text="q, the design whole"),
    "attempt_failure_after": serializers.FloatField(help_text="q after the failure"),
    "attempts_per_call_before": serializers.FloatField(help_text="1 + q + ... + q^R"),
    "attempts_per_call_after": serializers.FloatField(help_text="1 + R when the component "
                                                                "is down"),
    "attempts_per_call_before_text": serializers.CharField(help_text='"1.01"'),
    "attempts_per_call_after_text": serializers.CharField(help_text='"3"'),
    "call_failure_before": serializers.FloatField(help_text="q^(R+1): the calls lost"),
    "call_failure_after": serializers.FloatField(),
    "call_failure_before_text": serializers.CharField(help_text='"0.0001%"'),
    "call_failure_after_text": serializers.CharField(help_text='"100%"'),
})
RETRY_COMPONENTS = inline_serializer("WhatIfRetryComponent", many=True, fields={
    "key": serializers.CharField(),
    "peak_load_rps_before": serializers.FloatField(help_text="attempts per second at peak"),
    "peak_load_rps_after": serializers.FloatField(),
    "peak_load_rps_before_text": serializers.CharField(help_text='"10.1/s"'),
    "peak_load_rps_after_text": serializers.CharField(help_text='"30.0/s"'),
})
RETRIES = inline_serializer("WhatIfRetries", fields={
    "steps": RETRY_STEPS,
    "components": RETRY_COMPONENTS,
}, help_text="retry amplification: route steps with a timeout or retries before and after "
             "the failure, and the components they call (empty lists when none)")
ANSWER = inline_serializer("WhatIfAnswer", fields={
    "down": serializers.ListField(child=serializers.CharField(), help_text="components down"),
    "lost_instances": serializers.DictField(child=serializers.IntegerField()),
    "stopped_workloads": serializers.ListField(child=serializers.CharField()),
    "availability": AVAILABILITY_LEFT,
    "components": COMPONENTS_LEFT,
    "bottlenecks": serializers.ListField(child=serializers.DictField()),
    "retries": RETRIES,
})


@extend_schema(tags=["estimates"])
class DesignWhatIfView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=SCENARIO,
        responses={200: ANSWER, **errors(400, 404)},
        examples=[OpenApiExample("one database instance down",
                                 value={"lost_instances": {"db": 1}}, request_only=True)],
    )
    def post(self, request: Request, pk: int) -> Response:
        """Which workloads stop, and the availability and utilisation left, when the
        components, instances or zones named in the body fail. Computed now, saved nowhere."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        try:
            return Response(with_texts(what_if(design.document, request.data)))
        except DesignError as error:
            raise document_invalid(error, prefix="") from None
