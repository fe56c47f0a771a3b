"""The interview report through the API: GET /api/designs/{id}/report.{format} (the file, or
202 while a PDF is built) and GET /api/reports/{id}/ (a report's status, to poll)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from designs.api.exceptions import document_invalid
from designs.api.schema import errors
from designs.api.serializers import ModelOutputSerializer
from designs.exports import ExportFile, attachment
from designs.models import Design, Report
from designs.reports import FORMATS, filename
from designs.selectors.reports import reports_visible
from designs.services.reports import report_request
from estimator.engine import DesignError


class ReportFormatConverter:
    """The `format` of /api/designs/{id}/report.{format}: md, html, pdf or json."""

    regex = "|".join(FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class JSONForEverything(BaseContentNegotiation):
    """Errors and statuses are JSON whatever the client accepts (a client asking for
    application/pdf still gets a JSON 404); the files are answered directly."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ReportSerializer(ModelOutputSerializer):
    url = serializers.SerializerMethodField()
    stale = serializers.BooleanField(source="is_stale", help_text="Of an older version.")
    download = serializers.SerializerMethodField(
        help_text="Where to GET the file once done (null before, or when stale)."
    )

    class Meta:
        model = Report
        fields = [
            "id", "url", "design", "design_version", "format", "status", "stale",
            "created_at", "started_at", "finished_at", "error", "download",
        ]
        read_only_fields = fields

    def get_url(self, report: Report) -> str:
        return reverse("api:report-detail", args=[report.pk], request=self.context.get("request"))

    def get_download(self, report: Report) -> str | None:
        if report.status != Report.Status.DONE or report.is_stale:
            return None
        args = [report.design_id, report.format]
        return reverse("api:design-report", args=args, request=self.context.get("request"))


FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(FORMATS),
    description="md (Markdown, the diagram inside as a data URI), html (standalone, printable), "
    "pdf, or json (the design and estimate documents).",
)
REPORT_LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    description="The report's status url, to poll until done.",
    response=[202],
)
CONTENT_DISPOSITION = OpenApiParameter(
    "Content-Disposition",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='attachment; filename="<slug>-v<version>.<format>"',
    response=[200],
)

FILE = (
    "The report as a file to save (md and html are text, pdf binary; json is "
    '{"design": the design document, "estimate": the estimate document, "version": n}).'
)


def _file(report: Report, slug: str) -> HttpResponse:
    return attachment(ExportFile(bytes(report.content), FORMATS[report.format].content_type,
                                 filename(slug, report.design_version, report.format)))


@extend_schema(tags=["reports"])
class DesignReportView(APIView):
    content_negotiation_class = JSONForEverything
    format_is_a_path_parameter = True  # kept in the schema (designs.api.schema)

    def get_format_suffix(self, **kwargs):
        return None  # `format` is the report's, not Django REST framework's format suffix

    @extend_schema(
        operation_id="designs_report_retrieve",
        parameters=[FORMAT, REPORT_LOCATION, CONTENT_DISPOSITION],
        responses={
            (200, "text/markdown"): OpenApiResponse(OpenApiTypes.STR, FILE),
            (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, FILE),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, FILE),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, FILE),
            (202, "application/json"): OpenApiResponse(
                ReportSerializer, "A PDF being built: poll its url (Location)."
            ),
            **errors(400, 404),
        },
    )
    def get(self, request: Request, pk: int, format: str) -> HttpResponse:
        """The interview report of the design's current version, as a file to save. Kept per
        version: asking again sends the same file. A PDF is built by a worker: 202 with
        the report's status url until it is done."""
        design = get_object_or_404(Design.objects.visible_to(request.user), pk=pk)
        try:
            report = report_request(design=design, fmt=format)
        except DesignError as error:
            raise document_invalid(error, prefix="document") from None
        if report.status == Report.Status.DONE:
            return _file(report, design.slug)
        if report.status == Report.Status.FAILED:
            lines = report.error.splitlines() or ["the report could not be built"]
            raise serializers.ValidationError({"document": lines})
        data = ReportSerializer(report, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


@extend_schema(tags=["reports"], responses={200: ReportSerializer, **errors(404)})
class ReportDetailView(generics.RetrieveAPIView):
    """One report's status: queued, running, done (with its download url) or failed."""

    serializer_class = ReportSerializer

    def get_queryset(self):
        return reports_visible(user=self.request.user)
