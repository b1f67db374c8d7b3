"""Web routes of the research centre."""

from django.urls import path

from research.views import analytics, library

app_name = "research"
urlpatterns = [
    path("analytics/", analytics.dashboard, name="analytics"),
    path("analytics/data/<slug:key>.<str:fmt>", analytics.chart_data, name="chart-data"),
    path("analytics/standards/", analytics.standards, name="standards"),
    path("analytics/compare/", analytics.compare, name="compare"),
    path("analytics/refresh/", analytics.refresh, name="refresh"),
    path("reports/", library.report_list, name="reports"),
    path("reports/export.xlsx", library.report_export, name="reports-export"),
    path("reports/new/", library.report_upload, name="report-new"),
    path("reports/<int:pk>/", library.report_detail, name="report"),
    path("reports/<int:pk>/file/", library.report_file, name="report-file"),
    path("projects/", library.project_list, name="projects"),
    path("projects/new/", library.project_new, name="project-new"),
    path("projects/<int:pk>/", library.project_detail, name="project"),
    path("projects/<int:pk>/<slug:action>/", library.project_action, name="project-action"),
]
