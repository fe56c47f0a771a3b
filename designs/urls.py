from django.urls import path

from designs import views

app_name = "designs"

urlpatterns = [
    path("", views.home, name="home"),
    path("designs/<slug:slug>/", views.design_detail, name="detail"),
    path("help/", views.help_page, name="help"),
]
