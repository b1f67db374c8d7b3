"""REST API routes of background jobs, under /api/v1/jobs/."""

from rest_framework.routers import SimpleRouter

from jobs.api import views

app_name = "jobs-api"
router = SimpleRouter()
router.register("", views.JobViewSet, basename="job")
urlpatterns = router.urls
