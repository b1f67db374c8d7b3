"""REST API routes of standards development, under /api/v1/development/."""

from rest_framework.routers import DefaultRouter

from development.api import views

app_name = "development-api"
router = DefaultRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("drafts", views.DraftViewSet, basename="draft")
router.register("action-items", views.ActionItemViewSet, basename="action-item")
urlpatterns = router.urls
