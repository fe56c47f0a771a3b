"""GET /api/designs/{id}/versions/ and POST /api/designs/{id}/versions/{n}/restore/: a
design's saved versions, and an older one saved again as the next version."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from designs.api.exceptions import Conflict, document_invalid
from designs.api.schema import errors, etag
from designs.api.serializers import MAX_VERSION, DesignSerializer, StrictSerializer
from designs.api.views import _design_response
from designs.pages.versions import versions_page
from designs.selectors.designs import designs_visible
from designs.services.designs import VersionConflict
from designs.services.estimates import VersionUnknown, estimate_request
from designs.services.versions import design_restore
from estimator.engine import DesignError

VERSIONS = inline_serializer("DesignVersion", many=True, fields={
    "version": serializers.IntegerField(),
    "saved_at": serializers.DateTimeField(),
    "saved_by": serializers.CharField(help_text="The owner's username (\"shipped example\")."),
    "summary": serializers.CharField(help_text="What changed against the version before."),
    "current": serializers.BooleanField(),
    "restore": serializers.URLField(help_text="POST here to restore it (the owner only)."),
})


class RestoreInputSerializer(StrictSerializer):
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, required=False,
        help_text="The design's version you read: a stale one answers 409 and changes "
                  "nothing.")


@extend_schema(tags=["designs"])
class DesignVersionsView(APIView):
    @extend_schema(responses={200: VERSIONS, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        """Every saved version of a design you may see, the newest first, each with a
        one-line summary of what it changed."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        estimate_request(design=design)  # a design saved before versions were kept
        rows = versions_page(design)["versions"]
        return Response([{
            "version": row["number"],
            "saved_at": row["saved_at"],
            "saved_by": row["saved_by"],
            "summary": row["summary"],
            "current": row["is_current"],
            "restore": reverse("api:design-version-restore", args=[pk, row["number"]],
                               request=request),
        } for row in rows])


@extend_schema(tags=["designs"])
class DesignVersionRestoreView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=RestoreInputSerializer,
        parameters=[etag(200)],
        responses={200: DesignSerializer, **errors(400, 401, 403, 404, 409)},
        examples=[OpenApiExample("restore, having read version 5", value={"version": 5},
                                 request_only=True)],
    )
    def post(self, request: Request, pk: int, number: int) -> Response:
        """Save version `number`'s document again as the design's next version (as PUT saves:
        only the owner; 409 when `version` is not the design's current one). History is
        never rewritten; 404 for a version the design never had."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        if design.owner_id is None or design.owner_id != request.user.id:
            raise PermissionDenied("only the design's owner may change it")
        data = RestoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            saved = design_restore(design=design, version=number,
                                   expected_version=data.validated_data.get("version"))
        except VersionUnknown as unknown:
            raise NotFound({"version": [str(unknown)]}) from None
        except VersionConflict as conflict:
            raise Conflict({"version": [str(conflict)]}) from None
        except DesignError as error:
            raise document_invalid(error, prefix="document") from None
        return _design_response(saved, request)
