from django.urls import path

from designs import (
    availability_views,
    compare_views,
    delete_views,
    editor_views,
    format_views,
    pattern_views,
    practice_views,
    problem_views,
    report_views,
    sharing_views,
    simulation_views,
    sizing_views,
    version_views,
    views,
)

app_name = "designs"

urlpatterns = [
    path("", views.home, name="home"),
    # before the slug pattern
    path("designs/start/", editor_views.design_start, name="start"),
    path("designs/new/", editor_views.design_new, name="new"),
    path("designs/new/keep/", editor_views.design_keep_draft, name="keep-draft"),
    path("designs/import/", format_views.design_import_page, name="import"),
    path("designs/<slug:slug>/", views.design_detail, name="detail"),
    path("designs/<slug:slug>/edit/", editor_views.design_edit, name="edit"),
    path("designs/<slug:slug>/simulate/", simulation_views.design_simulate, name="simulate"),
    path("designs/<slug:slug>/delete/", delete_views.design_delete_page, name="delete"),
    path("designs/<slug:slug>/export/<str:format>/", format_views.design_export_page,
         name="export"),
    path("designs/<slug:slug>/fork/", sharing_views.fork_to_editor, name="fork"),
    path("designs/<slug:slug>/visibility/", sharing_views.design_visibility, name="visibility"),
    path("designs/<slug:slug>/size/apply/", sizing_views.size_apply, name="size-apply"),
    path("designs/<slug:slug>/report/pdf/", report_views.report_pdf, name="report-pdf"),
    path("designs/<slug:slug>/practice/", practice_views.practice_page, name="practice"),
    path("designs/<slug:slug>/versions/", version_views.design_versions, name="versions"),
    path(
        "designs/<slug:slug>/versions/compare/",
        version_views.version_compare,
        name="version-compare",
    ),
    path(
        "designs/<slug:slug>/versions/<int:number>/restore/",
        version_views.version_restore,
        name="version-restore",
    ),
    path("compare/", compare_views.compare, name="compare"),
    path("availability/", availability_views.availability_page, name="availability"),
    path("help/", views.help_page, name="help"),
    path("patterns/", pattern_views.pattern_list, name="patterns"),
    path("problems/", problem_views.problem_list, name="problems"),
    path("problems/<slug:slug>/", problem_views.problem_detail, name="problem"),
    path("problems/<slug:slug>/start/", problem_views.problem_start, name="problem-start"),
    path("practice/attempts/<int:pk>/", problem_views.attempt_detail, name="attempt"),
    path("practice/attempts/<int:pk>/submit/", problem_views.attempt_submit,
         name="attempt-submit"),
    path("practice/attempts/<int:pk>/again/", problem_views.attempt_again,
         name="attempt-again"),
    path("patterns/<slug:slug>/", pattern_views.pattern_detail, name="pattern"),
]
