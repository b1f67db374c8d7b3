"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from core import views as core_views
from core.api.docs import ApiLandingView, RedocDocsView, SwaggerDocsView
from core.registry_views import dashboard

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.health, name="health"),
    path("dashboard/", dashboard, name="dashboard"),
    path("api/", ApiLandingView.as_view(), name="api-landing"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SwaggerDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/redoc/", RedocDocsView.as_view(url_name="api-schema"), name="api-redoc"),
    path("api/v1/accounts/", include("accounts.api.urls")),
    path("api/v1/jobs/", include("jobs.api.urls")),
    path("api/v1/", include("catalog.api.urls")),
    path("api/v1/checks/", include("checks.api.urls")),
    path("api/v1/development/", include("development.api.urls")),
    path("api/v1/notifications/", include("notifications.api.urls")),
    path("api/v1/verification/", include("verification.api.evaluation")),
    path("api/v1/verification/", include("verification.api.centres")),
    path("api/v1/talent/training/", include("talent.api.training")),
    path("api/v1/talent/", include("talent.api.experts")),
    path("api/v1/research/", include("research.api.urls")),
    path("api/v1/consulting/", include("consulting.api.urls")),
    path("api/v1/governance/", include("governance.api.urls")),
    path("admin/", admin.site.urls),
    path("checks/", include("checks.urls")),
    path("talent/", include("talent.urls")),
    path("development/", include("development.urls")),
    path("jobs/", include("jobs.urls")),
    path("notifications/", include("notifications.urls")),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("verification/evaluation/", include("verification.urls_evaluation")),
    path("verification/", include("verification.urls")),
    path("research/", include("research.urls")),
    path("consulting/", include("consulting.urls")),
    path("governance/", include("governance.urls")),
    path("", include("catalog.urls")),
]
