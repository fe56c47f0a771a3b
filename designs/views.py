from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from designs import selectors, services
from designs.models import Design
from estimator.engine import defaults


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "examples": selectors.example_reports(),
        "saved_designs": selectors.saved_designs_list(user=request.user),
    }
    return render(request, "designs/home.html", context)


def design_detail(request: HttpRequest, slug: str) -> HttpResponse:
    design = get_object_or_404(Design.objects.visible_to(request.user), slug=slug)
    # Designs saved before estimates were stored get theirs now; otherwise a no-op read.
    current = services.estimate_request(design=design)
    report = selectors.design_report(design, current)
    return render(request, "designs/design_detail.html", {"report": report})


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
