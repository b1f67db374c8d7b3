"""REST API routes of the catalogue, under /api/v1/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from catalog.api import search_views, views

app_name = "catalog-api"
router = DefaultRouter(trailing_slash=True, use_regex_path=True)
router.include_format_suffixes = False
router.register("standards", views.StandardViewSet, basename="standard")
router.register("ics", views.IcsViewSet, basename="ics")
router.register("ccs", views.CcsViewSet, basename="ccs")

urlpatterns = [
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("search/export/", search_views.SearchExportView.as_view(), name="search-export"),
    path("facets/", search_views.FacetsView.as_view(), name="facets"),
    *router.urls,
]
