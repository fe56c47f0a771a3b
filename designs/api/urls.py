from django.urls import path, re_path, register_converter
from rest_framework.routers import SimpleRouter

from designs.api import (
    formats,
    live,
    reports,
    simulations,
    sizing,
    validate,
    versions,
    views,
    whatif,
)

app_name = "api"
register_converter(reports.ReportFormatConverter, "report_format")
register_converter(formats.ExportFormatConverter, "export_format")

router = SimpleRouter(use_regex_path=False)
router.register("designs", views.DesignViewSet, basename="design")

urlpatterns = [
    *router.urls,
    path("designs/<int:pk>/estimate/", views.DesignEstimateView.as_view(), name="design-estimate"),
    path("designs/<int:pk>/fork/", views.DesignForkView.as_view(), name="design-fork"),
    path("designs/<int:pk>/whatif/", whatif.DesignWhatIfView.as_view(), name="design-whatif"),
    path("designs/<int:pk>/size/", sizing.DesignSizeView.as_view(), name="design-size"),
    path(
        "designs/<int:pk>/size/apply/",
        sizing.DesignSizeApplyView.as_view(),
        name="design-size-apply",
    ),
    path(
        "designs/<int:pk>/versions/",
        versions.DesignVersionsView.as_view(),
        name="design-versions",
    ),
    path(
        "designs/<int:pk>/versions/<int:number>/restore/",
        versions.DesignVersionRestoreView.as_view(),
        name="design-version-restore",
    ),
    path("estimates/<int:pk>/", views.EstimateDetailView.as_view(), name="estimate-detail"),
    path(
        "designs/<int:pk>/simulate/",
        simulations.DesignSimulateView.as_view(),
        name="design-simulate",
    ),
    path(
        "simulations/<int:pk>/",
        simulations.SimulationDetailView.as_view(),
        name="simulation-detail",
    ),
    path(
        "designs/<int:pk>/report.<report_format:format>",
        reports.DesignReportView.as_view(),
        name="design-report",
    ),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report-detail"),
    path(
        "designs/<int:pk>/export.<export_format:format>",
        formats.DesignExportView.as_view(),
        name="design-export",
    ),
    path("export/<export_format:format>/", formats.DocumentExportView.as_view(), name="export"),
    path("import/", formats.ImportView.as_view(), name="import"),
    path("estimate/", views.DocumentEstimateView.as_view(), name="estimate"),
    path("estimate/live/", live.LiveEstimateView.as_view(), name="estimate-live"),
    path("validate/", validate.DocumentValidateView.as_view(), name="validate"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("examples/", views.ExampleListView.as_view(), name="examples"),
    path("token/", views.TokenView.as_view(), name="token"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
