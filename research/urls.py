"""Web routes of the research centre."""

from django.urls import path

from research.views import analytics

app_name = "research"
urlpatterns = [
    path("analytics/", analytics.dashboard, name="analytics"),
    path("analytics/data/<slug:key>.<str:fmt>", analytics.chart_data, name="chart-data"),
    path("analytics/standards/", analytics.standards, name="standards"),
    path("analytics/compare/", analytics.compare, name="compare"),
    path("analytics/refresh/", analytics.refresh, name="refresh"),
]
