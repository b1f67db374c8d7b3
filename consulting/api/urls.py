"""REST API routes of the service desk, under /api/v1/consulting/."""

from rest_framework.routers import DefaultRouter

from consulting.api import views

app_name = "consulting-api"
router = DefaultRouter()
router.include_root_view = False
router.register("requests", views.ServiceRequestViewSet, basename="request")
router.register("faq", views.FaqViewSet, basename="faq")
urlpatterns = router.urls
