"""A design's version history: the list, two versions compared, an older one restored."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from designs.models import Design
from designs.pages.versions import default_pair, version_compare_page, versions_page
from designs.selectors.versions import design_version
from designs.services.designs import VersionConflict
from designs.services.estimates import VersionUnknown, estimate_request
from designs.services.versions import design_restore
from estimator.engine import DesignError


def _visible_design(request: HttpRequest, slug: str) -> Design:
    return get_object_or_404(Design.objects.visible_to(request.user).select_related("owner"),
                             slug=slug)


def design_versions(request: HttpRequest, slug: str) -> HttpResponse:
    design = _visible_design(request, slug)
    # A design saved before versions kept their documents has its current one stored now.
    estimate_request(design=design)
    return render(request, "designs/versions.html", {"page": versions_page(design)})


def _number(text: str, default: int) -> int:
    """A version number from the query; the default for a missing or malformed one."""
    if text.isascii() and text.isdecimal() and len(text) <= 9:
        return int(text)
    return default


def version_compare(request: HttpRequest, slug: str) -> HttpResponse:
    design = _visible_design(request, slug)
    estimate_request(design=design)
    default_old, default_new = default_pair(design)
    numbers = (_number(request.GET.get("old", ""), default_old),
               _number(request.GET.get("new", ""), default_new))
    try:
        # Asking queues the estimate of a version an older engine wrote, as the design page
        # does; the page shows figures computed now meanwhile.
        old, new = (estimate_request(design=design, version=n) for n in numbers)
    except VersionUnknown as unknown:
        raise Http404(str(unknown)) from None
    try:
        page = version_compare_page(design, old, new)
    except DesignError as error:
        messages.error(request, f"A version cannot be estimated: {error}")
        return redirect("designs:versions", slug=slug)
    page["choices"] = range(design.version, 0, -1)
    return render(request, "designs/version_compare.html", {"page": page})


def version_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Owner only: GET asks to confirm, POST saves version `number`'s document as the next
    version and goes back to the design page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    design = _visible_design(request, slug)
    if design.owner_id != request.user.id:
        raise PermissionDenied("only the design's owner may restore a version")
    stored = design_version(design, number)
    if stored is None:
        raise Http404(f"the design has no version {number}")
    if request.method != "POST":
        return render(request, "designs/version_restore.html",
                      {"design": design, "number": number, "next": design.version + 1})
    return _restore(request, design, number)


def _restore(request: HttpRequest, design: Design, number: int) -> HttpResponse:
    expected = _number(request.POST.get("expected_version", ""), design.version)
    try:
        saved = design_restore(design=design, version=number, expected_version=expected)
    except VersionConflict as conflict:
        messages.error(request, f"Not restored: {conflict}.")
        return redirect("designs:versions", slug=design.slug)
    except DesignError as error:  # a document saved before a stricter engine
        messages.error(request, f"Version {number} cannot be saved again: {error}")
        return redirect("designs:versions", slug=design.slug)
    messages.success(request, f"Version {number} restored as version {saved.version}.")
    return redirect("designs:detail", slug=design.slug)
