"""The pattern library: every pattern, and one pattern's page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from designs.pages.patterns import designs_using, pattern_categories, remedies_of
from estimator.present import patterns


def pattern_list(request: HttpRequest) -> HttpResponse:
    return render(request, "designs/patterns.html", {"categories": pattern_categories()})


def pattern_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pattern = patterns.pattern(slug)
    if pattern is None:
        raise Http404("No such pattern.")
    context = {"pattern": pattern, "uses": designs_using(pattern),
               "remedies": remedies_of(pattern)}
    return render(request, "designs/pattern_detail.html", context)
