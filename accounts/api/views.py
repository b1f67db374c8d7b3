"""Accounts API: the caller's own profile, and organisations/memberships via restrict()."""

from __future__ import annotations

from rest_framework import generics, permissions, viewsets

from accounts.api.permissions import TokenScopePermission
from accounts.api.serializers import MembershipSerializer, MeSerializer, OrganizationSerializer
from accounts.models import Membership, Organization
from accounts.services.profile import update_profile


class MeView(generics.RetrieveUpdateAPIView):
    """The authenticated person's profile; PATCH changes the display name (write scope)."""

    serializer_class = MeSerializer
    permission_classes = [permissions.IsAuthenticated, TokenScopePermission]
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user

    def perform_update(self, serializer):
        update_profile(self.request.user, serializer.validated_data, request=self.request)


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations the caller may see (same rows as the web pages)."""

    serializer_class = OrganizationSerializer
    permission_classes = [permissions.IsAuthenticated, TokenScopePermission]

    def get_queryset(self):
        return Organization.objects.restrict(self.request.user, "view").order_by("name")


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Memberships the caller may see."""

    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated, TokenScopePermission]

    def get_queryset(self):
        return (
            Membership.objects.restrict(self.request.user, "view")
            .select_related("user")
            .order_by("organization_id", "user__username")
        )
