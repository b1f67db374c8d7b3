"""Web routes of the catalogue."""

from django.urls import path

from catalog import views
from catalog.views.imports import import_page

app_name = "catalog"
urlpatterns = [
    path("", views.search_page, name="home"),
    path("search/", views.search_page, name="search"),
    path("search/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("search/export.csv", views.export_csv, name="export-csv"),
    # Designations contain slashes and spaces: GB/T 19001-2016 -> /standards/GB/T%2019001-2016/
    path("standards/<path:designation>/", views.standard_detail, name="standard-detail"),
    path("ics/", views.ics_root, name="ics-root"),
    path("ics/<str:code>/", views.ics_node, name="ics-node"),
    path("ccs/", views.ccs_root, name="ccs-root"),
    # CCS groups are written with a slash: A00/09
    path("ccs/<path:code>/", views.ccs_node, name="ccs-node"),
    path("sources/", views.data_sources, name="sources"),
    path("sources/standards-template.xlsx", views.import_template, name="import-template"),
    path("import/", import_page, name="import"),
]
