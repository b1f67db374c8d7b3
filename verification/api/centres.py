"""REST API of verification centres, draft verification requests and rounds."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

app_name = "verification-centres-api"
router = DefaultRouter()
urlpatterns = router.urls
