from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from designs import selectors, services
from designs.models import Design
from estimator.engine import defaults


def home(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "")
    sort = sort if sort in selectors.DESIGN_SORTS else selectors.DEFAULT_DESIGN_SORT
    lists = {"user": request.user, "search": search, "sort": sort}
    context = {
        "examples": selectors.example_reports(),
        "own_designs": selectors.designs_owned(**lists),
        "public_designs": selectors.designs_public_of_others(**lists),
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
    # Designs saved before estimates were stored get theirs now; otherwise a no-op read.
    current = services.estimate_request(design=design)
    report = selectors.design_report(design, current)
    context = {"report": report, "figures": selectors.design_page_figures(report)}
    return render(request, "designs/design_detail.html", context)


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
    context = {"assumptions": defaults.ASSUMPTIONS, "kinds": kinds}
    return render(request, "designs/help.html", context)
