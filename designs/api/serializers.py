"""Explicit input and output shapes of the API. No arithmetic here: figures come from the
engine's estimate documents as they are."""

import copy

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from designs.api.estimate_schema import ESTIMATE_DOCUMENT_SCHEMA
from designs.api.parsers import document_within_limit
from designs.models import Design, Estimate, Simulation
from designs.selectors.estimates import design_latest_estimate
from designs.selectors.simulations import simulation_beside_analytic
from designs.services.simulations import MAX_SEED
from estimator.engine import limits
from estimator.engine.simulate import DEFAULT_REQUESTS, MAX_MULTIPLE, MAX_REQUESTS
from estimator.present.tables import headline_rows

# ---- fields --------------------------------------------------------------------------------


DESIGN_DOCUMENT_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "description": "A design document (docs/design-document.md); the engine validates it.",
}


@extend_schema_field(DESIGN_DOCUMENT_SCHEMA)
class DesignDocumentField(serializers.JSONField):
    """Taken as parsed, NaN and all: the engine checks the document and names the field.
    Over the document size limit it is a 413 naming the field, as on every endpoint."""

    def to_internal_value(self, data):
        return document_within_limit(data, field=self.field_name)


@extend_schema_field({**ESTIMATE_DOCUMENT_SCHEMA, "nullable": True})
class EstimateDocumentField(serializers.JSONField):
    """The estimate document; null until the estimate is done."""


class StrictSerializer(serializers.Serializer):
    """Rejects fields it does not know, as the engine does inside the document."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = [name for name in data if name not in self.fields]
            allowed = ", ".join(self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {name: [f"unknown field (allowed: {allowed})"] for name in unknown}
                )
        return super().to_internal_value(data)


# ---- input ---------------------------------------------------------------------------------


class DesignCreateInputSerializer(StrictSerializer):
    document = DesignDocumentField()
    is_public = serializers.BooleanField(default=False)


# The largest version the database holds: Design.version is a PositiveIntegerField, an
# `integer` column on PostgreSQL. A larger one in a body is a 400, not a database error.
MAX_VERSION = 2**31 - 1


class DesignUpdateInputSerializer(StrictSerializer):
    document = DesignDocumentField(help_text="Replaces the whole document.")
    is_public = serializers.BooleanField(required=False, help_text="Unchanged when left out.")
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_VERSION,
        required=False,
        help_text="The version you read: a stale one answers 409 and changes nothing.",
    )

    def validate(self, attrs):
        if "document" not in attrs and "is_public" not in attrs:
            raise serializers.ValidationError("nothing to change: send document or is_public")
        return attrs


class EstimateRequestInputSerializer(StrictSerializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_VERSION,
        required=False,
        help_text="The version to estimate; the current one when left out.",
    )


class SimulationRequestInputSerializer(StrictSerializer):
    """The settings of a simulation; the engine's defaults for those left out. Checked
    again, with the design's components, by designs.services.simulations."""

    requests = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_REQUESTS,
        help_text=f"Requests to simulate (default {DEFAULT_REQUESTS:,}, at most "
                  f"{MAX_REQUESTS:,}); the first tenth or so warm the queues up.")
    multiple = serializers.FloatField(
        required=False, min_value=0, max_value=MAX_MULTIPLE,
        help_text=f"Traffic as a multiple of the peak (default 1, above 0, at most "
                  f"{MAX_MULTIPLE:g}): 2 simulates twice the peak.")
    seed = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_SEED,
        help_text="The random seed (default 0): the same seed, the same simulation.")
    failed = serializers.ListField(
        child=serializers.CharField(), required=False, max_length=limits.MAX_COMPONENTS,
        help_text="Keys of components down throughout (default none).")


class DesignListQuerySerializer(serializers.Serializer):
    search = serializers.CharField(
        required=False, allow_blank=True, help_text="Part of the name, any case."
    )
    owner = serializers.CharField(
        required=False, allow_blank=True, help_text="The owner's username."
    )
    example = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Only examples, or none."
    )
    public = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Only public, or private."
    )


class CompareQuerySerializer(serializers.Serializer):
    MIN_DESIGNS, MAX_DESIGNS = 2, 6
    MAX_ID = 2**63 - 1  # the largest id a database's integer column holds

    designs = serializers.CharField(help_text="2 to 6 design ids, comma-separated: 1,2,3")

    def validate_designs(self, value: str) -> list[int]:
        parts = [part.strip() for part in value.split(",")]
        # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
        if not all(part.isascii() and part.isdigit() for part in parts):
            raise serializers.ValidationError("must be design ids separated by commas")
        if any(int(part) > self.MAX_ID for part in parts):
            raise serializers.ValidationError(f"a design id is at most {self.MAX_ID}")
        ids = [int(part) for part in parts]
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError("must not repeat a design")
        if not self.MIN_DESIGNS <= len(ids) <= self.MAX_DESIGNS:
            raise serializers.ValidationError(
                f"must name {self.MIN_DESIGNS} to {self.MAX_DESIGNS} designs, not {len(ids)}"
            )
        return ids


# ---- output --------------------------------------------------------------------------------


class ModelOutputSerializer(serializers.ModelSerializer):
    """A read-only ModelSerializer that builds its fields from the model once per class, not
    once per instance (about half a millisecond each, a third of a design's response); each
    instance gets its own copies, as DRF's declared fields do."""

    def get_fields(self) -> dict:
        built = type(self).__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            type(self)._built_fields = built
        return copy.deepcopy(built)


def _url(name: str, pk: int, context: dict) -> str:
    return reverse(name, args=[pk], request=context.get("request"))


class HeadlineRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Which figure: total_rps, storage_total, availability.")
    label = serializers.CharField(help_text='What it is: "Storage over 10 years".')
    text = serializers.CharField(help_text='The figure as text, shown as it is: "14.6 TB".')


class EstimateSerializer(ModelOutputSerializer):
    url = serializers.SerializerMethodField()
    stale = serializers.BooleanField(source="is_stale", help_text="Of an older version.")
    result = EstimateDocumentField()
    headline = serializers.SerializerMethodField(
        help_text="Once done, three headline figures as text ({key, label, text}), else null; "
        "for a design without workloads one row, key nothing_estimated.")

    class Meta:
        model = Estimate
        fields = [
            "id", "url", "design", "design_version", "status", "stale", "queued_at",
            "started_at", "finished_at", "engine_ms", "error", "result", "headline",
        ]
        read_only_fields = fields

    def get_url(self, estimate: Estimate) -> str:
        return _url("api:estimate-detail", estimate.pk, self.context)

    @extend_schema_field(HeadlineRowSerializer(many=True, allow_null=True))
    def get_headline(self, estimate: Estimate) -> list[dict] | None:
        # Only a done estimate of today's engine is read: one queued again still holds the
        # older engine's document, which the view does not read (Estimate.is_outdated).
        readable = estimate.status == Estimate.Status.DONE and not estimate.is_outdated
        return headline_rows(estimate.result) if readable else None


class EstimateSummarySerializer(ModelOutputSerializer):
    url = serializers.SerializerMethodField()
    stale = serializers.BooleanField(source="is_stale")

    class Meta:
        model = Estimate
        fields = ["url", "status", "stale"]
        read_only_fields = fields

    def get_url(self, estimate: Estimate) -> str:
        return _url("api:estimate-detail", estimate.pk, self.context)


SIMULATION_DOCUMENT_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "nullable": True,
    "description": "The simulation document (docs/estimate-document.md, \"The simulation "
                   "document\"); null until the simulation is done.",
}
BESIDE_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "nullable": True,
    "description": "Once done: the analytic figures of the estimate of that version beside "
                   "the simulated ones (docs/api.md, \"Simulations\"): comparable, reasons, "
                   "disagreements, workloads (latency mean/p50/p95/p99 and served_share, each "
                   "{analytic, simulated, difference, tolerance, disagrees}), components "
                   "(utilization likewise). Null until done.",
}


@extend_schema_field(SIMULATION_DOCUMENT_SCHEMA)
class SimulationDocumentField(serializers.JSONField):
    """The simulation document; null until the simulation is done."""


class SimulationSettingsSerializer(serializers.Serializer):
    requests = serializers.IntegerField()
    multiple = serializers.FloatField()
    seed = serializers.IntegerField()
    failed = serializers.ListField(child=serializers.CharField())


class SimulationSerializer(ModelOutputSerializer):
    url = serializers.SerializerMethodField()
    stale = serializers.BooleanField(source="is_stale", help_text="Of an older version.")
    settings = SimulationSettingsSerializer()
    progress = serializers.FloatField(help_text="0 to 1; 1 once done.")
    result = SimulationDocumentField()
    beside_analytic = serializers.SerializerMethodField()

    class Meta:
        model = Simulation
        fields = [
            "id", "url", "design", "design_version", "status", "stale", "progress", "settings",
            "queued_at", "started_at", "finished_at", "error", "result", "beside_analytic",
        ]
        read_only_fields = fields

    def get_url(self, simulation: Simulation) -> str:
        return _url("api:simulation-detail", simulation.pk, self.context)

    @extend_schema_field(BESIDE_SCHEMA)
    def get_beside_analytic(self, simulation: Simulation) -> dict | None:
        beside = simulation_beside_analytic(simulation)
        return beside.as_dict() if beside else None


class DesignLinksSerializer(serializers.Serializer):
    self = serializers.URLField(help_text="This design.")
    estimate = serializers.URLField(help_text="POST to request the current version's estimate.")
    simulate = serializers.URLField(help_text="POST to simulate the current version.")
    html = serializers.URLField(help_text="The design's page.")
    fork = serializers.URLField(help_text="POST to copy it into a design of your own.")


class DesignSerializer(ModelOutputSerializer):
    owner = serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text="Null for the examples."
    )
    document = DesignDocumentField()
    estimate = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Design
        fields = [
            "id", "slug", "name", "owner", "version", "is_public", "is_example", "created_at",
            "updated_at", "document", "estimate", "links",
        ]
        read_only_fields = fields

    @extend_schema_field(EstimateSummarySerializer(allow_null=True))
    def get_estimate(self, design: Design) -> dict | None:
        estimate = design_latest_estimate(design)
        return EstimateSummarySerializer(estimate, context=self.context).data if estimate else None

    @extend_schema_field(DesignLinksSerializer)
    def get_links(self, design: Design) -> dict:
        request = self.context.get("request")
        return {
            "self": _url("api:design-detail", design.pk, self.context),
            "estimate": _url("api:design-estimate", design.pk, self.context),
            "simulate": _url("api:design-simulate", design.pk, self.context),
            "html": reverse("designs:detail", args=[design.slug], request=request),
            "fork": _url("api:design-fork", design.pk, self.context),
        }


class DesignBriefSerializer(ModelOutputSerializer):
    class Meta:
        model = Design
        fields = ["id", "slug", "name", "version"]
        read_only_fields = fields


class DifferenceSerializer(serializers.Serializer):
    absolute = serializers.FloatField(allow_null=True)
    relative = serializers.FloatField(
        allow_null=True, help_text="absolute / the first design's value; null when that is 0."
    )


class CompareFigureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Path in the estimate document: traffic.total_rps.")
    label = serializers.CharField()
    unit = serializers.ChoiceField(
        choices=["rate", "bytes", "bytes_rate", "fraction", "number", "money", "ms"])
    values = serializers.ListField(child=serializers.FloatField(allow_null=True))
    differences = DifferenceSerializer(
        many=True, help_text="Each value against the base's (null for a design with nothing "
        "estimated).")


class CompareSerializer(serializers.Serializer):
    designs = DesignBriefSerializer(many=True)
    base = serializers.IntegerField(
        allow_null=True, help_text="The id of the design the others are measured against: the "
        "first with workloads; null when none has any.")
    nothing_estimated = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the designs without workloads: "
        "nothing is estimated for them, so their values are null.")
    figures = CompareFigureSerializer(many=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Path of the field, '' for the request as a whole.")
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="The first message.")
    errors = ErrorItemSerializer(many=True)
