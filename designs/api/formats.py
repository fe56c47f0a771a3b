"""Imports and exports through the API (issue 16):

- POST /api/import/: a file's text (JSON `content`, or a multipart `file`) in a named or
  detected format -> the design it describes with the import's notes; `save: true` (signed
  in) saves it as a new private design (201). A file that cannot be read is a 400 naming its
  line or element; nothing is saved.
- GET /api/designs/{id}/export.{format}: a saved design as a file, with its estimate's figures.
- POST /api/export/{format}/: a design document in the body as a file (the editor's unsaved
  design, scripts), with the figures of its estimate computed now.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api import serializers as api_serializers
from designs.api.exceptions import document_invalid
from designs.api.parsers import DesignDocumentParser, JSONBodyParser
from designs.api.reports import JSONForEverything
from designs.api.schema import errors
from designs.exports import attachment, design_export_file, export_file, export_format_names
from designs.selectors.designs import designs_visible
from designs.services.imports import design_import, design_import_read
from estimator import formats
from estimator.engine import DesignError
from estimator.engine.estimate import estimate_live
from estimator.formats.base import MAX_IMPORT_BYTES, FormatError


class ExportFormatConverter:
    """The `format` of /api/designs/{id}/export.{format} and /api/export/{format}/."""

    @property
    def regex(self) -> str:
        return "|".join(sorted(export_format_names(), key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ImportRequestSerializer(serializers.Serializer):
    content = serializers.CharField(
        required=False, trim_whitespace=False, max_length=MAX_IMPORT_BYTES,
        help_text="The file's text (or send it as the multipart field `file`).")
    file = serializers.FileField(required=False, help_text="The file (multipart).")
    format = serializers.ChoiceField(
        choices=[], required=False, allow_blank=True,
        help_text="The file's format; detected from the content (and `filename`) when left out.")
    filename = serializers.CharField(required=False, allow_blank=True, max_length=255,
                                     help_text="Helps detection: compose.yaml, plan.json, ...")
    name = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                 help_text="The new design's name (else the file's, or one "
                                           "the import makes up).")
    save = serializers.BooleanField(
        default=False, help_text="Save as a new private design of yours (needs signing in).")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", "detect"), *((n, n) for n in formats.IMPORTERS)]

    def validate(self, attrs: dict) -> dict:
        upload = attrs.get("file")
        if upload is not None:
            if upload.size > MAX_IMPORT_BYTES:
                raise ValidationError({"file": [
                    f"the file is {upload.size:,} bytes; at most {MAX_IMPORT_BYTES:,} are read"]})
            attrs["content"] = upload.read()
            attrs.setdefault("filename", upload.name or "")
        if not attrs.get("content"):
            raise ValidationError({"content": ["send the file's text as `content`, or a "
                                               "multipart `file`"]})
        return attrs


class ImportResultSerializer(serializers.Serializer):
    format = serializers.CharField(help_text="The format read (named or detected).")
    notes = serializers.ListField(child=serializers.CharField(),
                                  help_text="What the import guessed or left out, in words.")
    document = serializers.JSONField(help_text="The design document (valid, unsaved).")


COMPOSE_EXAMPLE = OpenApiExample(
    "A compose file", request_only=True,
    value={"content": "services:\n  web:\n    image: nginx\n    depends_on: [app]\n"
                      "  app:\n    build: .\n    deploy:\n      replicas: 3\n"
                      "    depends_on: [db]\n  db:\n    image: postgres:16\n",
           "filename": "compose.yaml"})


def _format_error(error: FormatError) -> ValidationError:
    field = "format" if error.where == "format" else "content"
    return ValidationError({field: [str(error).removeprefix("format: ")]})


@extend_schema(tags=["formats"])
class ImportView(APIView):
    permission_classes = [AllowAny]
    parser_classes = [JSONBodyParser, MultiPartParser]

    @extend_schema(
        request={"application/json": ImportRequestSerializer,
                 "multipart/form-data": ImportRequestSerializer},
        responses={
            200: OpenApiResponse(ImportResultSerializer, "The design read, unsaved."),
            201: OpenApiResponse(api_serializers.DesignSerializer,
                                 "Saved (`save: true`); the import's notes in `import_notes`."),
            **errors(400, 401, 413),
        },
        examples=[COMPOSE_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        """Read a Mermaid flowchart, a draw.io file, a Structurizr DSL or JSON workspace, a
        docker-compose file, Kubernetes manifests, a Terraform plan (`terraform show -json`)
        or a design document into a new design: what each names becomes components and
        links, kinds are guessed from names and images (each guess noted), and a placeholder
        workload follows the longest path (these formats carry no traffic)."""
        body = ImportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["save"] and not request.user.is_authenticated:
            raise NotAuthenticated("saving an import needs signing in (or send save: false)")
        arguments = {"text": data["content"], "format": data.get("format") or None,
                     "filename": data.get("filename", ""), "name": data.get("name", "")}
        try:
            if data["save"]:
                design, result = design_import(owner=request.user, **arguments)
            else:
                result = design_import_read(**arguments)
        except FormatError as error:
            raise _format_error(error) from None
        if not data["save"]:
            return Response(ImportResultSerializer(result).data)
        answer = api_serializers.DesignSerializer(design, context={"request": request}).data
        answer["import_notes"] = result.notes
        return Response(answer, status=status.HTTP_201_CREATED,
                        headers={"Location": answer["links"]["self"]})


FORMAT = OpenApiParameter(
    "format", OpenApiTypes.STR, OpenApiParameter.PATH,
    description="json, mermaid, mermaid-architecture, drawio, structurizr, c4-plantuml, csv "
                "(the estimate's tables), svg or png (the diagram).")


@extend_schema(tags=["formats"])
class DesignExportView(APIView):
    content_negotiation_class = JSONForEverything
    format_is_a_path_parameter = True  # kept in the schema (designs.api.schema)

    def get_format_suffix(self, **kwargs):
        return None  # `format` is the export's, not Django REST framework's format suffix

    @extend_schema(
        operation_id="designs_export_retrieve", parameters=[FORMAT],
        responses={(200, "application/octet-stream"): OpenApiResponse(
            OpenApiTypes.BINARY, "The file (Content-Disposition names it)."),
            **errors(400, 404)},
    )
    def get(self, request: Request, pk: int, format: str) -> HttpResponse:
        """A saved design as a file, with its estimate's figures where the format carries
        them (instances, kind, peak utilisation, availability)."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        try:
            return attachment(design_export_file(design, format))
        except FormatError as error:
            raise _format_error(error) from None


@extend_schema(tags=["formats"])
class DocumentExportView(APIView):
    permission_classes = [AllowAny]
    parser_classes = [DesignDocumentParser]
    content_negotiation_class = JSONForEverything

    def get_format_suffix(self, **kwargs):
        return None

    @extend_schema(
        operation_id="export_create", parameters=[FORMAT],
        request={"application/json": api_serializers.DESIGN_DOCUMENT_SCHEMA},
        responses={(200, "application/octet-stream"): OpenApiResponse(
            OpenApiTypes.BINARY, "The file (Content-Disposition names it)."),
            **errors(400, 413)},
    )
    def post(self, request: Request, format: str) -> HttpResponse:
        """The design document in the body as a file, with the figures of its estimate
        computed now; nothing is saved."""
        try:
            estimate = estimate_live(request.data)
        except DesignError as error:
            raise document_invalid(error, prefix="") from None
        try:
            return attachment(export_file(request.data, estimate, format, stem="design"))
        except FormatError as error:
            raise _format_error(error) from None
