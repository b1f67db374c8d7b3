"""Pages of the talent centre, under /talent/."""

from django.urls import include, path

app_name = "talent"
urlpatterns = [
    path("training/", include("talent.urls_training")),
    path("experts/", include("talent.urls_experts")),
]
