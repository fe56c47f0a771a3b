"""The design page's "Run simulation": a simulation of the current version asked for with
the section's form, as the API's POST /api/designs/{id}/simulate/ does, for anyone signed in
who may see the design. Back on the page, its progress shows until it is done."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from designs.forms import SimulationForm
from designs.models import Design
from designs.services.simulations import simulation_request
from estimator.engine import DesignError
from estimator.engine.simulate import SimulationError


@require_POST
def design_simulate(request: HttpRequest, slug: str) -> HttpResponse:
    design = get_object_or_404(Design.objects.visible_to(request.user), slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("designs:detail", args=[slug]))
    form = SimulationForm(request.POST)
    try:
        if not form.is_valid():
            raise ValueError(form.first_error())
        simulation_request(design=design, **form.cleaned_data)
    except (ValueError, SimulationError, DesignError) as error:
        messages.error(request, f"Not simulated: {error}.")
    return redirect(reverse("designs:detail", args=[slug]) + "#simulation")
