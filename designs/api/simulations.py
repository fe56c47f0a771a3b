"""POST /api/designs/{id}/simulate/ and GET /api/simulations/{id}/: a discrete-event
simulation of a design, run by a worker and polled like an estimate."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designs.api import serializers
from designs.api.exceptions import document_invalid
from designs.api.schema import LOCATION, errors
from designs.selectors.designs import designs_visible
from designs.selectors.simulations import simulations_visible
from designs.services.simulations import simulation_request
from estimator.engine import DesignError
from estimator.engine.simulate import SimulationError

REQUEST_EXAMPLE = OpenApiExample(
    "Twice the peak, seed 7",
    value={"requests": 200000, "multiple": 2, "seed": 7, "failed": []},
    request_only=True,
)
QUEUED_EXAMPLE = OpenApiExample(
    "Running",
    value={
        "id": 12, "url": "https://estimator.example.com/api/simulations/12/", "design": 3,
        "design_version": 4, "status": "running", "stale": False, "progress": 0.42,
        "settings": {"requests": 100000, "multiple": 1.0, "seed": 0, "failed": []},
        "queued_at": "2026-11-27T12:00:00Z", "started_at": "2026-11-27T12:00:01Z",
        "finished_at": None, "error": "", "result": None, "beside_analytic": None,
    },
    response_only=True,
)
BAD_SETTING_EXAMPLE = OpenApiExample(
    "A component that is not in the design",
    value={"detail": "'dbx' is not a component of the design",
           "errors": [{"field": "failed", "message": "'dbx' is not a component of the design"}]},
    response_only=True,
    status_codes=["400"],
)


@extend_schema(tags=["simulations"])
class DesignSimulateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=serializers.SimulationRequestInputSerializer,
        parameters=[LOCATION],
        responses={
            202: OpenApiResponse(
                serializers.SimulationSerializer,
                "Accepted: poll its url (Location) until done or failed. Without a broker it "
                "ran during the request, and is done (or failed) already.",
            ),
            **errors(400, 401, 404),
        },
        examples=[REQUEST_EXAMPLE, QUEUED_EXAMPLE, BAD_SETTING_EXAMPLE],
    )
    def post(self, request: Request, pk: int) -> Response:
        """Simulate the design's current version: requests served one by one through its
        components, measuring per route p50/p95/p99, throughput, utilisation, timeouts,
        retries and requests lost, shown once done beside the analytic figures. The body is
        optional; a bad setting answers 400 naming it, as does a design that cannot be
        estimated (naming its field under `document`)."""
        design = get_object_or_404(designs_visible(user=request.user), pk=pk)
        body = serializers.SimulationRequestInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            simulation = simulation_request(design=design, **body.validated_data)
        except SimulationError as invalid:
            raise ValidationError({invalid.field: [invalid.message]}) from None
        except DesignError as error:
            raise document_invalid(error, prefix="document") from None
        data = serializers.SimulationSerializer(simulation, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


@extend_schema(
    tags=["simulations"], responses={200: serializers.SimulationSerializer, **errors(404)}
)
class SimulationDetailView(generics.RetrieveAPIView):
    """One simulation: its status and progress, and once done the simulation document and
    the analytic figures of the estimate of that version beside it."""

    serializer_class = serializers.SimulationSerializer

    def get_queryset(self):
        return simulations_visible(user=self.request.user)
