from django.contrib import admin
from django.urls import include, path

from config import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include("designs.api.urls")),
    path("", include("accounts.urls")),
    path("", include("designs.urls")),
]
