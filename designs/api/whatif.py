"""POST /api/designs/{id}/whatif/: what remains of a design after named failures."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
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


@extend_schema(tags=["estimates"])
class DesignWhatIfView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=SCENARIO,
        responses={200: OpenApiTypes.OBJECT, **errors(400, 404)},
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
