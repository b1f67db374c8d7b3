"""REST API routes of the checks app, under /api/v1/checks/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from checks.api import views
from notifications.api.views import NotificationViewSet

app_name = "checks-api"
router = DefaultRouter()
router.register("watchlists", views.WatchListViewSet, basename="watchlist")
# Kept at its first address; the notifications app also serves it at /api/v1/notifications/.
router.register("notifications", NotificationViewSet, basename="notification")
router.register("", views.CheckViewSet, basename="check")
urlpatterns = [
    path("<int:pk>/items/", views.CheckItemList.as_view(), name="check-items"),
    path("verify/<str:code>/", views.VerifyView.as_view(), name="verify"),
    *router.urls,
]
