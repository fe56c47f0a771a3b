"""Accounts and sharing: sign up, API tokens, fork a design, make one public or private.

Logging in and out are django.contrib.auth's own views (estimator/urls.py).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from designs import selectors, services
from designs.forms import SignupForm
from designs.models import Design
from estimator.engine import DesignError


def _next_url(request: HttpRequest) -> str:
    """Where to go after signing up: a safe `next`, else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else settings.LOGIN_REDIRECT_URL


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.get_username()}: your account is ready.")
        return redirect(_next_url(request))
    return render(request, "designs/signup.html", {"form": form, "next": _next_url(request)})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's API token: whether there is one, create (the key shown once), revoke."""
    created = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            created = services.token_create(user=request.user)
        elif action == "revoke":
            if services.token_revoke(user=request.user):
                messages.success(request, "Your API token is revoked: it no longer works.")
            return redirect("tokens")
    token = created or Token.objects.filter(user=request.user).first()
    return render(request, "designs/tokens.html", {"token": token, "created": created})


@require_POST
def design_fork(request: HttpRequest, slug: str) -> HttpResponse:
    """A private copy for the user, opened in the editor. A visitor signs in first and comes
    back to the design's page."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("designs:detail", args=[slug]))
    design = get_object_or_404(selectors.designs_visible(user=request.user), slug=slug)
    try:
        copy = services.design_fork(design=design, owner=request.user)
    except DesignError as error:  # a document saved before a stricter engine
        messages.error(request, f"This design cannot be copied: {error}")
        return redirect("designs:detail", slug=slug)
    messages.success(request, f"“{design.name}” is copied into your designs, private to you.")
    return redirect("designs:edit", slug=copy.slug)


@require_POST
def design_visibility(request: HttpRequest, slug: str) -> HttpResponse:
    """Owner only: `is_public=true` publishes (a read-only link for anyone), `false` hides."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("designs:detail", args=[slug]))
    design = get_object_or_404(Design, slug=slug, owner=request.user)
    is_public = request.POST.get("is_public") == "true"
    try:
        services.design_set_public(design=design, is_public=is_public)
    except DesignError as error:
        messages.error(request, f"This design cannot be saved: {error}")
        return redirect("designs:detail", slug=slug)
    if is_public:
        messages.success(request, "Public: anyone with the link can read this design.")
    else:
        messages.success(request, "Private: only you can see this design.")
    return redirect("designs:detail", slug=slug)
