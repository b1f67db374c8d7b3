"""Web routes of the catalogue."""

from django.urls import path

from catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("standards/<path:designation>/", views.standard_detail, name="standard-detail"),
]
