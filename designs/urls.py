from django.urls import path

from designs import (
    availability_views,
    compare_views,
    delete_views,
    editor_views,
    practice_views,
    report_views,
    sharing_views,
    simulation_views,
    sizing_views,
    views,
)

app_name = "designs"

urlpatterns = [
    path("", views.home, name="home"),
    # before the slug pattern
    path("designs/start/", editor_views.design_start, name="start"),
    path("designs/new/", editor_views.design_new, name="new"),
    path("designs/new/keep/", editor_views.design_keep_draft, name="keep-draft"),
    path("designs/<slug:slug>/", views.design_detail, name="detail"),
    path("designs/<slug:slug>/edit/", editor_views.design_edit, name="edit"),
    path("designs/<slug:slug>/simulate/", simulation_views.design_simulate, name="simulate"),
    path("designs/<slug:slug>/delete/", delete_views.design_delete_page, name="delete"),
    path("designs/<slug:slug>/fork/", sharing_views.fork_to_editor, name="fork"),
    path("designs/<slug:slug>/visibility/", sharing_views.design_visibility, name="visibility"),
    path("designs/<slug:slug>/size/apply/", sizing_views.size_apply, name="size-apply"),
    path("designs/<slug:slug>/report/pdf/", report_views.report_pdf, name="report-pdf"),
    path("designs/<slug:slug>/practice/", practice_views.practice_page, name="practice"),
    path("compare/", compare_views.compare, name="compare"),
    path("availability/", availability_views.availability_page, name="availability"),
    path("help/", views.help_page, name="help"),
]
