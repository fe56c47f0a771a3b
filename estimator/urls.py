from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from designs import account_views
from estimator import health
from estimator.login import RateLimitedAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include("designs.api.urls")),
    path(
        "account/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=RateLimitedAuthenticationForm
        ),
        name="login",
    ),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/signup/", account_views.signup, name="signup"),
    path("account/tokens/", account_views.tokens, name="tokens"),
    path("", include("designs.urls")),
]
