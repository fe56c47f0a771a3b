"""The API's views: fetch through selectors, write through services, answer with serializers.

A viewset for the designs' CRUD; one small view per action (estimate, fork, compare, ...).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView, SpectacularSwaggerView
from rest_framework import generics, mixins, status, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accounts import login_limits
from designs.api import serializers
from designs.api.exceptions import Conflict, LoginLockedOut, PreconditionFailed, document_invalid
from designs.api.pagination import DesignPagination
from designs.api.parsers import DesignDocumentParser, JSONBodyParser
from designs.api.permissions import IsOwnerOrReadOnly
from designs.api.schema import IF_MATCH, LOCATION, errors, etag
from designs.models import Design
from designs.pages.compare import compared_figures
from designs.selectors.designs import designs_list, designs_visible, designs_visible_in_order
from designs.selectors.estimates import estimates_visible
from designs.selectors.examples import examples_list
from designs.services.designs import (
    VersionConflict,
    design_create,
    design_delete,
    design_fork,
    design_update,
)
from designs.services.estimates import VersionUnknown, estimate_request
from estimator.engine import DesignError
from estimator.engine import estimate as engine_estimate


def _design_response(design: Design, request: Request, code: int = status.HTTP_200_OK):
    """One design with its estimate summary; ETag carries its version. A design just written
    is answered as the service returned it, the version that save wrote with that version's
    estimate, never read again: by then another save may have committed its own."""
    data = serializers.DesignSerializer(design, context={"request": request}).data
    headers = {"ETag": f'"{design.version}"'}
    if code == status.HTTP_201_CREATED:
        headers["Location"] = data["links"]["self"]
    return Response(data, status=code, headers=headers)


def _if_match(request: Request) -> set[str] | None:
    """The versions an If-Match header accepts; None when it is absent or `*`."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")}
    return None if "*" in tags else tags


UPDATE_SCHEMA = {
    "request": serializers.DesignUpdateInputSerializer,
    "parameters": [IF_MATCH, etag(200)],
    "responses": {
        200: serializers.DesignSerializer,
        **errors(400, 401, 403, 404, 409, 412, 413),
    },
}


@extend_schema(tags=["designs"])
class DesignViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Designs: the design document plus who owns it, its version and its estimate."""

    serializer_class = serializers.DesignSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]
    pagination_class = DesignPagination
    lookup_value_converter = "int"

    def get_queryset(self):
        return designs_visible(user=self.request.user)

    @extend_schema(
        parameters=[serializers.DesignListQuerySerializer],
        responses={200: serializers.DesignSerializer(many=True), **errors(400, 404)},
    )
    def list(self, request: Request) -> Response:
        """Designs you may see (yours, public ones, the examples), 20 a page, by name.
        A page past the last answers 404."""
        query = serializers.DesignListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        designs = designs_list(user=request.user, **query.validated_data)
        page = self.paginate_queryset(designs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        parameters=[etag(200)], responses={200: serializers.DesignSerializer, **errors(404)}
    )
    def retrieve(self, request: Request, pk: int) -> Response:
        # get_object() reads through designs_visible already: no second read.
        return _design_response(self.get_object(), request)

    @extend_schema(
        request=serializers.DesignCreateInputSerializer,
        parameters=[etag(201)],
        responses={201: serializers.DesignSerializer, **errors(400, 401, 413)},
    )
    def create(self, request: Request) -> Response:
        """Save a new design (private unless is_public); its estimate is queued."""
        data = serializers.DesignCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            design = design_create(owner=request.user, **data.validated_data)
        except DesignError as error:
            raise document_invalid(error, prefix="document") from None
        return _design_response(design, request, status.HTTP_201_CREATED)

    @extend_schema(**UPDATE_SCHEMA)
    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        """Replace the document and/or the public flag; the version goes up by one."""
        design = self.get_object()
        accepted = _if_match(request)
        if accepted is not None and str(design.version) not in accepted:
            raise PreconditionFailed({"If-Match": [f"the design is at version {design.version}"]})
        data = serializers.DesignUpdateInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        expected = changes.pop("version", None)
        try:
            design = design_update(
                design=design,
                document=changes.get("document", design.document),
                is_public=changes.get("is_public"),
                expected_version=expected or (design.version if accepted else None),
            )
        except DesignError as error:
            raise document_invalid(error, prefix="document") from None
        except VersionConflict as conflict:
            if expected is None:  # only If-Match was checked
                raise PreconditionFailed({"If-Match": [str(conflict)]}) from None
            raise Conflict({"version": [str(conflict)]}) from None
        return _design_response(design, request)

    @extend_schema(**UPDATE_SCHEMA)
    def partial_update(self, request: Request, pk: int) -> Response:
        """Send only document or only is_public; the document is replaced whole."""
        return self.update(request, pk, partial=True)

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def destroy(self, request: Request, pk: int) -> Response:
        design_delete(design=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["designs"])
class ExampleListView(generics.ListAPIView):
    """The handbook's worked examples, in the handbook's order; read-only, not paginated."""

    serializer_class = serializers.DesignSerializer
    pagination_class = None

    def get_queryset(self):
        return examples_list()


@extend_schema(tags=["designs"])
class DesignForkView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        parameters=[etag(201)],
        responses={201: serializers.DesignSerializer, **errors(401, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Copy a design you may see into a private design of your own, named "… (copy)"."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        try:
            fork = design_fork(design=design, owner=request.user)
        except DesignError as error:  # a document saved before a stricter engine
            raise document_invalid(error, prefix="document") from None
        return _design_response(fork, request, status.HTTP_201_CREATED)


@extend_schema(tags=["estimates"])
class DesignEstimateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=serializers.EstimateRequestInputSerializer,
        parameters=[LOCATION],
        responses={
            200: OpenApiResponse(serializers.EstimateSerializer, "Done (or failed)."),
            202: OpenApiResponse(
                serializers.EstimateSerializer, "Queued or running: poll its url (Location)."
            ),
            **errors(400, 401, 404),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        """Request the estimate of one version of the design: `{"version": N}`, or no body
        for the current version. A failed estimate, or one stuck queued or running past its
        deadline, is queued again; a version the design never had answers 404."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        body = serializers.EstimateRequestInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            estimate = estimate_request(
                design=design, version=body.validated_data.get("version"), retry_failed=True
            )
        except VersionUnknown as unknown:
            raise NotFound({"version": [str(unknown)]}) from None
        data = serializers.EstimateSerializer(estimate, context={"request": request}).data
        if estimate.is_finished:
            return Response(data)
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


@extend_schema(tags=["estimates"], responses={200: serializers.EstimateSerializer, **errors(404)})
class EstimateDetailView(generics.RetrieveAPIView):
    """One estimate: its status and, once done, the estimate document."""

    serializer_class = serializers.EstimateSerializer

    def get_queryset(self):
        return estimates_visible(user=self.request.user)

    def get_object(self):
        estimate = super().get_object()
        if estimate.is_outdated:  # done by an older engine: computed again, as pages do
            estimate = estimate_request(design=estimate.design, version=estimate.design_version)
        return estimate


@extend_schema(tags=["estimates"])
class DocumentEstimateView(APIView):
    permission_classes = [AllowAny]
    parser_classes = [DesignDocumentParser]

    @extend_schema(
        request={"application/json": serializers.DESIGN_DOCUMENT_SCHEMA},
        responses={
            200: OpenApiResponse(serializers.ESTIMATE_DOCUMENT_SCHEMA, "The estimate document."),
            **errors(400, 413),
        },
    )
    def post(self, request: Request) -> Response:
        """The estimate of the design document in the body, now; nothing is saved.
        Bodies over 2,000,000 bytes answer 413."""
        try:
            return Response(engine_estimate(request.data))
        except DesignError as error:
            raise document_invalid(error, prefix="") from None


@extend_schema(tags=["estimates"])
class CompareView(APIView):
    @extend_schema(
        parameters=[serializers.CompareQuerySerializer],
        responses={200: serializers.CompareSerializer, **errors(400, 404)},
    )
    def get(self, request: Request) -> Response:
        """Headline figures of 2 to 6 designs side by side, each against the base (the first
        design with workloads)."""
        query = serializers.CompareQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        ids = query.validated_data["designs"]
        designs = designs_visible_in_order(user=request.user, ids=ids)
        missing = sorted(set(ids) - {design.pk for design in designs})
        if missing:
            raise NotFound({"designs": [f"no design {pk}" for pk in missing]})
        try:
            compared = compared_figures(designs)
        except DesignError as error:
            raise ValidationError({"designs": [f"cannot be estimated: {error}"]}) from None
        return Response(serializers.CompareSerializer(compared).data)


@extend_schema(tags=["auth"])
class TokenView(ObtainAuthToken):
    """Your API token, for `Authorization: Token <token>`, from your username and password."""

    throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES  # guessing passwords is throttled
    # ObtainAuthToken's forms, and JSON read as on every other endpoint (not DRF's parser).
    parser_classes = [FormParser, MultiPartParser, JSONBodyParser]

    @extend_schema(
        request=AuthTokenSerializer,
        responses={200: serializers.TokenSerializer, **errors(400, 429)},
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        """Your API token, for `Authorization: Token <token>`, from your username and password.
        Failed logins are counted with the login form's (5 for one username from one address
        lock that pair out for 15 minutes, by default): locked out, even the right password
        answers 429, with Retry-After."""
        data = request.data if hasattr(request.data, "get") else {}
        who = {
            "username": str(data.get("username") or ""),
            "address": login_limits.login_address(request),
        }
        if login_limits.login_locked_out(**who):
            message = login_limits.TOO_MANY % {"minutes": login_limits.lockout_minutes()}
            raise LoginLockedOut(message, wait=login_limits.lockout_seconds())
        try:
            response = super().post(request, *args, **kwargs)
        except ValidationError:
            if data.get("password"):  # as the form: only a password tried is a failure
                login_limits.login_failed(**who)
            raise
        login_limits.login_succeeded(**who)
        return response


@extend_schema(tags=["docs"])
class DocsView(SpectacularSwaggerView):
    metadata_class = None  # OPTIONS answers 405: the page has no JSON to describe it

    @extend_schema(responses={(200, "text/html"): OpenApiTypes.STR})
    def get(self, request: Request, *args, **kwargs) -> Response:
        """This API's interactive documentation (Swagger UI, served from static files)."""
        return super().get(request, *args, **kwargs)


class SchemaView(SpectacularAPIView):
    """This API's OpenAPI document: YAML, or JSON with ?format=json (or by Accept). Any
    other format answers 400."""

    def perform_content_negotiation(self, request: Request, force: bool = False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:  # ?format= names no renderer: a JSON error rather than a YAML 404
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
            raise ValidationError({"format": ["must be json or yaml"]}) from None

    @extend_schema(
        parameters=SCHEMA_KWARGS.get("parameters"),  # drf-spectacular's own (lang)
        responses={
            200: OpenApiTypes.OBJECT,
            (400, "application/json"): serializers.ErrorSerializer,
        },
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Any other path under /api/: a JSON 404 rather than Django's page."""

    permission_classes = [AllowAny]

    def get(self, request: Request, *args, **kwargs) -> Response:
        raise NotFound()

    post = put = patch = delete = get
