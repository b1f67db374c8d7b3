"""Web routes of the audit trail."""

from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="entries"),
    path("entries/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("export.csv", views.entry_export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.entry_export, {"fmt": "xlsx"}, name="export-xlsx"),
]
