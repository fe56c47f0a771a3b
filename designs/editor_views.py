"""The editor page: a canvas and a side panel that edit one design document in the browser.

The page only hands the browser what it needs (the document, the defaults, the API's
addresses); every read and write after that goes through the REST API (docs/api.md).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie

from designs.models import Design
from estimator.engine import defaults, limits

NEW_DOCUMENT = {"name": "Untitled design", "components": [], "links": [], "workloads": []}
# How the palette names each kind; the document keeps the kind itself.
KIND_LABELS = {
    "client": "Client",
    "dns": "DNS",
    "cdn": "CDN",
    "load_balancer": "Load balancer",
    "api_gateway": "API gateway",
    "service": "Service",
    "cache": "Cache",
    "queue": "Queue",
    "database": "Database",
    "object_store": "Object store",
    "search": "Search",
    "worker": "Worker",
    "external": "External API",
}


def editor_defaults() -> dict:
    """The engine's defaults, shown as placeholders: an empty field means the default."""
    return {
        "kinds": list(defaults.KINDS),
        "kind_labels": {kind: KIND_LABELS.get(kind, kind) for kind in defaults.KINDS},
        "capacity_rps": defaults.CAPACITY_RPS,
        "availability": defaults.AVAILABILITY,
        "latency_ms": defaults.LATENCY_MS,
        "hit_ratio": defaults.HIT_RATIO,
        "redundancy": defaults.REDUNDANCY,
        "redundancy_kinds": list(defaults.REDUNDANCY_KINDS),
        "assumptions": defaults.ASSUMPTIONS,
        "periods": list(defaults.PERIOD_SECONDS),
        "storage_kinds": list(defaults.STORAGE_KINDS),
        "cache_kinds": list(defaults.CACHE_KINDS),
        "max_retries": limits.MAX_RETRIES,
    }


def _design_data(design: Design) -> dict:
    return {
        "id": design.pk,
        "slug": design.slug,
        "version": design.version,
        "is_public": design.is_public,
        "document": design.document,
        "url": reverse("api:design-detail", args=[design.pk]),
        "html": reverse("designs:detail", args=[design.slug]),
    }


def _render(request: HttpRequest, design: Design | None) -> HttpResponse:
    context = {
        "design": design,
        "editor_design": _design_data(design) if design else None,
        "editor_document": design.document if design else NEW_DOCUMENT,
        "editor_defaults": editor_defaults(),
        "kinds": [(kind, KIND_LABELS.get(kind, kind)) for kind in defaults.KINDS],
    }
    return render(request, "designs/editor.html", context)


@login_required
@ensure_csrf_cookie
def design_new(request: HttpRequest) -> HttpResponse:
    return _render(request, None)


@login_required
@ensure_csrf_cookie
def design_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Only the owner edits a design; examples have no owner, so they are forked first."""
    design = get_object_or_404(
        Design.objects.filter(owner=request.user, is_example=False), slug=slug
    )
    return _render(request, design)
