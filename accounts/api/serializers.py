"""Serializers of the accounts API (phone numbers only masked)."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Membership, Organization, User
from accounts.roles import roles_of


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    phone = serializers.CharField(source="masked_phone", read_only=True)

    class Meta:
        model = User
        fields = ["username", "display_name", "email", "phone", "roles"]
        read_only_fields = ["username", "email", "phone", "roles"]

    def get_roles(self, user) -> list[str]:
        return sorted(roles_of(user))


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "type", "credit_code", "region", "verified"]


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    display_name = serializers.CharField(source="user.display_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organization", "username", "display_name", "role"]
