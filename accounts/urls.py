from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.login_limits import RateLimitedAuthenticationForm

urlpatterns = [
    path(
        "account/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=RateLimitedAuthenticationForm
        ),
        name="login",
    ),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/signup/", views.signup, name="signup"),
    path("account/tokens/", views.tokens, name="tokens"),
    path("account/progress/", views.progress, name="progress"),
]
