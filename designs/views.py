"""The home page, the design page (with its "Try again") and the help page."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from designs.models import Design, Estimate
from designs.pages.design_page import design_page, design_page_figures
from designs.pages.home import example_pages
from designs.pages.simulation import simulation_section
from designs.selectors import designs as design_lists
from designs.services.estimates import VersionUnknown, estimate_request
from designs.sizing_views import sizing_proposal
from estimator.engine import defaults, limits
from estimator.present.units import fmt_duration


def home(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "")
    sort = sort if sort in design_lists.DESIGN_SORTS else design_lists.DEFAULT_DESIGN_SORT
    lists = {"user": request.user, "search": search, "sort": sort}
    context = {
        "examples": example_pages(),
        "own_designs": design_lists.designs_owned(**lists),
        "public_designs": design_lists.designs_public_of_others(**lists),
        "search": search,
        "sort": sort,
        "columns": _sort_columns(search, sort),
    }
    return render(request, "designs/home.html", context)


def _sort_columns(search: str, sort: str) -> list[dict]:
    """The sortable columns of the home page's tables: each one's link (ascending, or
    descending when already ascending) and its aria-sort state."""
    columns = []
    for key, label in (("name", "Name"), ("version", "Version"), ("updated", "Updated")):
        state = {key: "ascending", f"-{key}": "descending"}.get(sort, "none")
        query = urlencode({"q": search, "sort": f"-{key}" if state == "ascending" else key})
        columns.append({"key": key, "label": label, "state": state, "query": query})
    return columns


def design_detail(request: HttpRequest, slug: str) -> HttpResponse:
    design = get_object_or_404(Design.objects.visible_to(request.user), slug=slug)
    if request.method == "POST":
        return _estimate_again(request, design)
    # Designs saved before estimates were stored, and estimates an older engine wrote, are
    # queued now; otherwise a no-op read.
    current = estimate_request(design=design)
    page = design_page(design, current)
    context = {
        "page": page,
        "figures": design_page_figures(page),
        "failed": current if current.status == Estimate.Status.FAILED else None,
        "sizing": sizing_proposal(request, design),
        "simulation": simulation_section(design),
    }
    return render(request, "designs/design_detail.html", context)


def _estimate_again(request: HttpRequest, design: Design) -> HttpResponse:
    """The page's "Try again" for a failed estimate: queued again, as the API's POST
    /api/designs/{id}/estimate/ does, for anyone signed in who may see the design."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    version = request.POST.get("version", "")
    try:
        # Digits only, and few: int() of thousands of digits raises, as "²" does.
        if not (version.isascii() and version.isdecimal() and len(version) <= 9):
            raise ValueError("the form named no version")
        estimate_request(design=design, version=int(version), retry_failed=True)
    except (ValueError, VersionUnknown) as error:
        messages.error(request, f"Not estimated again: {error}.")
    else:
        messages.success(request, "The estimate was asked for again.")
    return redirect("designs:detail", slug=design.slug)


def help_page(request: HttpRequest) -> HttpResponse:
    kinds = [
        {
            "kind": kind,
            "capacity_rps": defaults.CAPACITY_RPS[kind],
            "availability": defaults.AVAILABILITY[kind],
            "hit_ratio": defaults.HIT_RATIO.get(kind, 0),
        }
        for kind in defaults.KINDS
    ]
    context = {"assumptions": defaults.ASSUMPTIONS, "kinds": kinds, "limits": _LIMITS,
               "simulation_wall": fmt_duration(settings.SIMULATION_WALL_SECONDS)}
    context["max_retries"] = limits.MAX_RETRIES  # a route step's retries (the editor's help)
    return render(request, "designs/help.html", context)


# What the help page says of estimator/engine/limits.py (docs/design-document.md, "Limits").
_LIMITS = [
    ("a design document", f"{limits.MAX_DOCUMENT_BYTES:,} bytes of JSON"),
    ("components, workloads, links", f"{limits.MAX_COMPONENTS:,}, {limits.MAX_WORKLOADS:,}, "
                                     f"{limits.MAX_LINKS:,}"),
    ("any figure", f"0, or from {limits.MIN_POSITIVE:g} to {limits.MAX_NUMBER:g}"),
    ("instances (and k) of a component", f"{limits.MAX_INSTANCES:,}"),
    ("steps on any path of a route", f"{limits.MAX_ROUTE_STEPS}"),
    ("paths a route's alternatives make", f"{limits.MAX_ROUTE_PATHS:,}"),
    ("the fan-outs along a route, multiplied", f"{limits.MAX_ROUTE_FAN_OUT:g}"),
    ("retention", f"{limits.MAX_RETENTION_YEARS:,} years"),
    ("traffic growth over the retention period", f"{limits.MAX_GROWTH_FACTOR:g}-fold"),
]
