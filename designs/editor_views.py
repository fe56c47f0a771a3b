"""The editor page: a canvas and a side panel that edit one design document in the browser.

The page only hands the browser what it needs (the document, the defaults, the API's
addresses); every read and write after that goes through the REST API (docs/api.md).

A new design starts on the templates page (`design_start`); anyone may open the editor
for one. A visitor who is not signed in saves by signing up or logging in: the draft is
kept in their session meanwhile (`design_keep_draft`) and opens again after.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_POST

from designs.exports import export_formats
from designs.models import Design
from designs.pages.new_design import starter_cards
from designs.selectors.problems import open_attempt_for
from designs.starter_files import BLANK, starter
from estimator.engine import DesignError, defaults, limits, parse_json
from estimator.formats import IMPORTERS
from estimator.formats.base import ImportResult

NEW_DOCUMENT = starter(BLANK).document
KEPT_DRAFT = "guest_draft"  # the session key of a visitor's draft, kept through signing in
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


def _design_data(design: Design, *, fit: bool = False) -> dict:
    """`fit`: the editor fits the diagram to the canvas once it has its size (a fork)."""
    return {
        "id": design.pk,
        "slug": design.slug,
        "version": design.version,
        "is_public": design.is_public,
        "document": design.document,
        "url": reverse("api:design-detail", args=[design.pk]),
        "html": reverse("designs:detail", args=[design.slug]),
        "fit": fit,
    }


def _render(
    request: HttpRequest, design: Design | None, document: dict | None = None, fit: bool = False,
    template_name: str | None = None, imported: ImportResult | None = None,
) -> HttpResponse:
    """`template_name`: the template a new design starts from, for the heading; `imported`:
    the file read into this new design, whose notes the page lists."""
    context = {
        "imported": imported,
        "import_label": IMPORTERS[imported.format].label if imported else "",
        "export_formats": export_formats(),
        "design": design,
        "template_name": template_name,
        "editor_design": _design_data(design, fit=fit) if design else None,
        "editor_document": design.document if design else document,
        "editor_defaults": editor_defaults(),
        "kinds": [(kind, KIND_LABELS.get(kind, kind)) for kind in defaults.KINDS],
        "guest": not request.user.is_authenticated,
        "practice_attempt": open_attempt_for(user=request.user, design=design),
    }
    return render(request, "designs/editor.html", context)


def render_imported(request: HttpRequest, imported: ImportResult) -> HttpResponse:
    """The editor with a design read from a file, unsaved, fitted to the canvas."""
    label = IMPORTERS[imported.format].label
    return _render(request, None, imported.document, imported=imported, template_name=label)


def design_start(request: HttpRequest) -> HttpResponse:
    """New design: the templates to start from, for anyone."""
    return render(request, "designs/new_design.html", {"cards": starter_cards()})


@ensure_csrf_cookie
def design_new(request: HttpRequest) -> HttpResponse:
    """The editor with an unsaved document: a template's (`?template=`), the draft kept
    through signing in (`?draft=kept`), or a blank one."""
    slug = request.GET.get("template")
    if slug is not None:
        chosen = starter(slug)
        if chosen is None:
            messages.error(request, f"There is no template called “{slug[:80]}”: pick one below.")
            return redirect("designs:start")
        name = None if chosen.slug == BLANK else chosen.name
        return _render(request, None, chosen.document, template_name=name)
    kept = request.session.get(KEPT_DRAFT) if request.GET.get("draft") == "kept" else None
    return _render(request, None, kept if isinstance(kept, dict) else NEW_DOCUMENT)


@require_POST
def design_keep_draft(request: HttpRequest) -> HttpResponse:
    """A visitor's Save: keep the draft in their session, then sign up or log in; the editor
    opens with it again after (`?draft=kept`)."""
    try:
        request.session[KEPT_DRAFT] = parse_json(request.POST.get("document", ""))
    except DesignError as error:
        messages.error(request, f"The draft could not be kept: {error}")
        return redirect("designs:new")
    back = f"{reverse('designs:new')}?draft=kept"
    account = "login" if request.POST.get("then") == "login" else "signup"
    messages.info(
        request,
        "Saving a design needs an account. Your draft is kept: it opens in the editor "
        "again once you have signed up or logged in, ready to save.",
    )
    return redirect(f"{reverse(account)}?{urlencode({'next': back})}")


@login_required
@ensure_csrf_cookie
def design_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Only the owner edits a design; examples have no owner, so they are forked first."""
    design = get_object_or_404(
        Design.objects.filter(owner=request.user, is_example=False), slug=slug
    )
    return _render(request, design, fit=request.GET.get("fit") == "1")
