"""POST /api/designs/{id}/size/ and /size/apply/: size a design to meet its SLOs."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api.exceptions import Conflict, document_invalid
from designs.api.schema import errors, etag
from designs.api.serializers import (
    MAX_VERSION,
    DesignDocumentField,
    DesignSerializer,
    StrictSerializer,
)
from designs.api.views import _design_response
from designs.selectors.designs import designs_visible
from designs.services.designs import VersionConflict
from designs.services.sizing import NothingToSize, design_sizing, design_sizing_apply
from estimator.engine import DesignError
from estimator.present.sizing import with_texts

FIGURES = {
    "availability": serializers.FloatField(help_text="requests served, a fraction"),
    "availability_text": serializers.CharField(help_text='"99.9999% (6.00 nines)"'),
    "p99_ms": serializers.ListField(child=serializers.DictField(),
                                    help_text="per workload: name, p99_ms (null: saturated), "
                                              "p99_text"),
    "cost_month": serializers.FloatField(help_text="the monthly cost, in `currency`"),
    "cost_month_text": serializers.CharField(help_text='"$1,050/month"'),
    "utilization_max": serializers.FloatField(
        allow_null=True, help_text="the busiest sized component's peak utilisation"),
    "utilization_max_text": serializers.CharField(help_text='"66.7%"'),
}
CHANGE = inline_serializer("SizingChange", many=True, fields={
    "key": serializers.CharField(),
    "name": serializers.CharField(),
    "instances_from": serializers.IntegerField(),
    "instances_to": serializers.IntegerField(),
    "cost_month_from": serializers.FloatField(),
    "cost_month_to": serializers.FloatField(),
    "cost_change_month": serializers.FloatField(help_text="to - from"),
    "cost_change_text": serializers.CharField(help_text='"+$980/month"'),
})
UNMET = inline_serializer("SizingUnmet", many=True, fields={
    "target": serializers.CharField(
        help_text="the field of the target: slos.availability, slos.p99_ms[<name>], "
                  "slos.monthly_budget, assumptions.target_utilization"),
    "reason": serializers.CharField(),
})
PROPOSAL = inline_serializer("SizingProposal", fields={
    "version": serializers.IntegerField(help_text="the design's version this proposal is for"),
    "status": serializers.ChoiceField(choices=["met", "cannot meet", "no slos"]),
    "status_text": serializers.CharField(),
    "changes": CHANGE,
    "before": inline_serializer("SizingFiguresBefore", fields=FIGURES),
    "after": inline_serializer("SizingFiguresAfter", fields=FIGURES),
    "unmet": UNMET,
    "currency": serializers.CharField(),
    "evaluations": serializers.IntegerField(help_text="estimates the search made"),
    "stopped": serializers.ChoiceField(
        choices=["evaluations", "time"], allow_null=True,
        help_text="the bound that ended the search; null when it finished"),
    "document": DesignDocumentField(help_text="the design document with the proposed counts"),
})

PROPOSAL_EXAMPLE = {
    "version": 3,
    "status": "cannot meet",
    "status_text": "Not every target can be met by instance counts: see below.",
    "changes": [{"key": "api", "name": "API servers", "instances_from": 1, "instances_to": 15,
                 "cost_month_from": 70.0, "cost_month_to": 1050.0, "cost_change_month": 980.0,
                 "cost_change_text": "+$980/month"}],
    "before": {"availability": 0.1, "availability_text": "10% (0.05 nines)",
               "p99_ms": [{"name": "read", "p99_ms": None, "p99_text": "saturated"}],
               "cost_month": 70.0, "cost_month_text": "$70/month", "utilization_max": 10.0,
               "utilization_max_text": "1000.0%"},
    "after": {"availability": 1.0, "availability_text": "100%",
              "p99_ms": [{"name": "read", "p99_ms": 5.46, "p99_text": "5.46 ms"}],
              "cost_month": 1050.0, "cost_month_text": "$1,050/month",
              "utilization_max": 0.667, "utilization_max_text": "66.7%"},
    "unmet": [{"target": "slos.monthly_budget",
               "reason": "the budget $1,000/month is below the cheapest design meeting the "
                         "other targets, $1,050/month"}],
    "currency": "USD",
    "evaluations": 2,
    "stopped": None,
    "document": {"name": "One service", "components": [
        {"key": "api", "kind": "service", "instances": 15}], "slos": {"monthly_budget": 1000}},
}


class ApplyInputSerializer(StrictSerializer):
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION,
        help_text="The version you sized: the proposal is computed again on it; a stale one "
                  "answers 409 and changes nothing.")


def _proposal(design) -> dict:
    try:
        return with_texts(design_sizing(design=design))
    except DesignError as error:  # a document saved before a stricter engine
        raise document_invalid(error, prefix="document") from None


@extend_schema(tags=["designs"])
class DesignSizeView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=None,
        responses={200: PROPOSAL, **errors(400, 404)},
        examples=[OpenApiExample("a budget too small", value=PROPOSAL_EXAMPLE,
                                 response_only=True)],
    )
    def post(self, request: Request, pk: int) -> Response:
        """The cheapest instance counts per component this search finds that meet the
        design's SLOs (`slos`) and its target utilisation, for its current version: the
        changes, the figures before and after, the targets no count meets and why, and the
        changed document. Computed now (within about 2 s), saved nowhere; a design without
        SLOs answers status "no slos"."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        return Response(_proposal(design))


@extend_schema(tags=["designs"])
class DesignSizeApplyView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ApplyInputSerializer,
        parameters=[etag(200)],
        responses={200: DesignSerializer, **errors(400, 401, 403, 404, 409)},
        examples=[OpenApiExample("apply the proposal for version 3", value={"version": 3},
                                 request_only=True)],
    )
    def post(self, request: Request, pk: int) -> Response:
        """Apply the proposal: computed again on `version` and saved as the next version
        (as PUT saves: only the owner; 409 when the design moved on), its estimate queued.
        400 naming `slos` when the design states none or the proposal changes nothing."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        if design.owner_id is None or design.owner_id != request.user.id:
            raise PermissionDenied("only the design's owner may change it")
        data = ApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            saved, _ = design_sizing_apply(design=design, version=data.validated_data["version"])
        except VersionConflict as conflict:
            raise Conflict({"version": [str(conflict)]}) from None
        except NothingToSize as nothing:
            raise ValidationError({nothing.field: [str(nothing)]}) from None
        except DesignError as error:
            raise document_invalid(error, prefix="document") from None
        return _design_response(saved, request)
