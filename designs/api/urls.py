from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from designs.api import validate, views

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("designs", views.DesignViewSet, basename="design")

urlpatterns = [
    *router.urls,
    path("designs/<int:pk>/estimate/", views.DesignEstimateView.as_view(), name="design-estimate"),
    path("designs/<int:pk>/fork/", views.DesignForkView.as_view(), name="design-fork"),
    path("estimates/<int:pk>/", views.EstimateDetailView.as_view(), name="estimate-detail"),
    path("estimate/", views.DocumentEstimateView.as_view(), name="estimate"),
    path("validate/", validate.DocumentValidateView.as_view(), name="validate"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("examples/", views.ExampleListView.as_view(), name="examples"),
    path("token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
