"""What the OpenAPI schema says beyond the serializers: headers and error answers."""

from drf_spectacular import generators
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


class EndpointEnumerator(generators.EndpointEnumerator):
    """Django REST framework leaves out paths ending in `.{format}` (the format-suffix
    copies of other endpoints). The report's `format` is a path parameter of its own
    (GET /api/designs/{id}/report.{format}): views that say so stay in the schema."""

    def should_include_endpoint(self, path, callback, *args, **kwargs) -> bool:
        if getattr(getattr(callback, "cls", None), "format_is_a_path_parameter", False):
            path = path.removesuffix(".{format}")
        return super().should_include_endpoint(path, callback, *args, **kwargs)


class SchemaGenerator(generators.SchemaGenerator):
    endpoint_inspector_cls = EndpointEnumerator
