"""Sharing: fork a design into your own, make one public or private."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from designs.models import Design
from designs.selectors.designs import designs_visible
from designs.services.designs import design_fork, design_set_public
from estimator.engine import DesignError


@require_POST
def fork_to_editor(request: HttpRequest, slug: str) -> HttpResponse:
    """A private copy for the user, opened in the editor. A visitor signs in first and comes
    back to the design's page."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("designs:detail", args=[slug]))
    design = get_object_or_404(designs_visible(user=request.user), slug=slug)
    try:
        copy = design_fork(design=design, owner=request.user)
    except DesignError as error:  # a document saved before a stricter engine
        messages.error(request, f"This design cannot be copied: {error}")
        return redirect("designs:detail", slug=slug)
    messages.success(
        request, f"“{design.name}” is copied into your designs as “{copy.name}”, private to you."
    )
    # fit=1: the editor fits the copy's diagram to the canvas (editor_views.design_edit)
    return redirect(f"{reverse('designs:edit', args=[copy.slug])}?fit=1")


@require_POST
def design_visibility(request: HttpRequest, slug: str) -> HttpResponse:
    """Owner only: `is_public=true` publishes (a read-only link for anyone), `false` hides."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("designs:detail", args=[slug]))
    design = get_object_or_404(Design, slug=slug, owner=request.user)
    is_public = request.POST.get("is_public") == "true"
    try:
        design_set_public(design=design, is_public=is_public)
    except DesignError as error:
        messages.error(request, f"This design cannot be saved: {error}")
        return redirect("designs:detail", slug=slug)
    if is_public:
        messages.success(request, "Public: anyone with the link can read this design.")
    else:
        messages.success(request, "Private: only you can see this design.")
    return redirect("designs:detail", slug=slug)
