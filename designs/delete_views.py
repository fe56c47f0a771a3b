"""Deleting a design from the pages: a confirmation page naming it, then a POST.

The same rules as the API's DELETE /api/designs/{id}/: the owner only; another user's
private design is not found (404), a design they may see but not own is forbidden (403),
an example belongs to no one and is never deleted.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from designs.models import Design
from designs.selectors.designs import designs_visible
from designs.services.designs import design_delete


@require_http_methods(["GET", "POST"])
def design_delete_page(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks "Delete …?" (a GET never deletes); POST deletes and goes back to the list."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    design = _owned(request, slug)
    if request.method == "GET":
        return render(request, "designs/design_delete.html", {"design": design})
    name = design.name
    design_delete(design=design)
    messages.success(request, f"“{name}” is deleted, with its estimates and reports.")
    return redirect("designs:home")


def _owned(request: HttpRequest, slug: str) -> Design:
    design = get_object_or_404(designs_visible(user=request.user), slug=slug)
    if design.owner_id != request.user.id:
        raise PermissionDenied("Only the owner can delete a design.")
    return design
