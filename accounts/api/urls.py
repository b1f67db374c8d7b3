"""Routes of the accounts API under /api/v1/accounts/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.api import views

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("memberships", views.MembershipViewSet, basename="membership")

app_name = "accounts-api"
urlpatterns = [path("me/", views.MeView.as_view(), name="me"), *router.urls]
