"""The compare page: 2 to 6 designs' headline figures side by side, bars and small diagrams."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from designs.forms import COMPARE_MAX, COMPARE_MIN, CompareForm, slugs_from_query
from designs.models import Design
from designs.pages.compare import compare_page
from designs.selectors.designs import designs_pickable, designs_visible_by_slug
from estimator.engine import DesignError
from estimator.present.figures import COMPARE_CHARTS, figure

# The charts of designs.charts.compare_bars, in the page's order, titled as the catalogue
# names their figures (the table above them uses the same labels).
CHART_TITLES = tuple((key, figure(path).label) for key, path in COMPARE_CHARTS)


def compare(request: HttpRequest) -> HttpResponse:
    # "Find" only narrows the picker: it keeps the ticks without checking them.
    searching = "find" in request.GET
    form = CompareForm({} if searching else request.GET, user=request.user)
    chosen = form.cleaned_data["designs"] if form.is_valid() else []
    picked = slugs_from_query(request.GET)[: 2 * COMPARE_MAX]
    kept = chosen or _in_order(request, picked)
    search = request.GET.get("q", "").strip()
    context = {
        "form": form,
        "search": search,
        "picked": picked,
        "pickable": designs_pickable(user=request.user, search=search, chosen=kept),
        "limits": {"min": COMPARE_MIN, "max": COMPARE_MAX},
        "compared": _compared(form, chosen) if chosen else None,
        "chart_titles": CHART_TITLES,
    }
    return render(request, "designs/compare.html", context)


def _in_order(request: HttpRequest, slugs: list[str]) -> list[Design]:
    found = designs_visible_by_slug(user=request.user, slugs=slugs)
    return [found[slug] for slug in slugs if slug in found]


def _compared(form: CompareForm, designs: list[Design]) -> dict | None:
    try:
        return compare_page(designs)
    except DesignError as error:
        form.add_error("designs", f"A design cannot be estimated: {error}")
        return None
