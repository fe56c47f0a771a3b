"""What the OpenAPI schema says beyond the serializers: headers and error answers."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from designs.api.serializers import ErrorSerializer

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The ETag you read ("3", 3 or W/"3"): a stale one answers 412, changing nothing.',
)


def etag(*codes: int) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description='The design\'s version, quoted: "3".',
        response=list(codes),
    )


LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    description="The estimate's url, to poll.",
    response=[202],
)


def errors(*codes: int) -> dict:
    return {code: OpenApiResponse(ErrorSerializer) for code in codes}
