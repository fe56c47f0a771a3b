"""Accounts: sign up, API tokens, practice progress.

Logging in and out are django.contrib.auth's own views, with the login limits of
accounts/login_limits.py (accounts/urls.py).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from rest_framework.authtoken.models import Token

from accounts import services
from accounts.forms import SignupForm
from designs.pages.progress import progress_context


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
    return render(request, "accounts/signup.html", {"form": form, "next": _next_url(request)})


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
    return render(request, "accounts/tokens.html", {"token": token, "created": created})


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    """The user's estimate and design practice over time, and what to try next."""
    return render(request, "accounts/progress.html", progress_context(user=request.user))
