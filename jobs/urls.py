"""Web routes of background jobs."""

from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
