"""The design page's "Size to meet SLOs": the proposal (GET ?size=1 on the page), and
"Apply" (a POST here, owner only), which saves it as a new version."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from designs.models import Design
from designs.services.designs import VersionConflict
from designs.services.sizing import NothingToSize, design_sizing, design_sizing_apply
from estimator.engine import DesignError
from estimator.present.sizing import sizing_table


def sizing_proposal(request: HttpRequest, design: Design) -> dict | None:
    """The page's proposal when it asks for one (?size=1): the table, the version it is
    for, whether the visitor may apply it; `error` when the design cannot be sized."""
    if request.GET.get("size") != "1":
        return None
    owner = request.user.is_authenticated and design.owner_id == request.user.id
    try:
        table = sizing_table(design_sizing(design=design))
    except DesignError as error:
        return {"error": f"This design cannot be sized: {error}"}
    return {**table, "version": design.version, "can_apply": owner}


def _applied_text(proposal: dict, version: int) -> str:
    changes = ", ".join(f"{c['name']} {c['instances_from']:,} → {c['instances_to']:,}"
                        for c in proposal["changes"])
    return f"Sized to meet the SLOs: {changes}. Saved as version {version}; its estimate is queued."


@require_POST
def size_apply(request: HttpRequest, slug: str) -> HttpResponse:
    """Owner only: the proposal, computed again on the version the form carries, saved as
    the next version (as the editor saves); a stale version changes nothing."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("designs:detail", args=[slug]))
    design = get_object_or_404(Design, slug=slug, owner=request.user)
    back = redirect(f"{reverse('designs:detail', args=[slug])}#slos")
    version = request.POST.get("version", "")
    # Digits only, and few: int() of thousands of digits raises, as "²" does.
    if not (version.isascii() and version.isdecimal() and len(version) <= 9):
        messages.error(request, "Not applied: the form named no version.")
        return back
    try:
        saved, proposal = design_sizing_apply(design=design, version=int(version))
    except VersionConflict as conflict:
        messages.error(request, f"Not applied: {conflict}, then size it again.")
    except (NothingToSize, DesignError) as error:
        messages.error(request, f"Not applied: {error}.")
    else:
        messages.success(request, _applied_text(proposal, saved.version))
    return back
