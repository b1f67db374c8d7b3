"""Django admin for bodies and their members (rows as `restrict()` allows)."""

from __future__ import annotations

from django.contrib import admin

from bodies.models import Body, BodyMembership
from core.admin import RestrictedAdminMixin


class BodyMembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0
    raw_id_fields = ["user", "organization"]


@admin.register(Body)
class BodyAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "number", "standard_code", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_en", "short_name", "number", "standard_code"]
    raw_id_fields = ["parent", "lead_organization"]
    inlines = [BodyMembershipInline]


@admin.register(BodyMembership)
class BodyMembershipAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ["body", "user", "organization", "role", "joined_on", "ended_on"]
    list_filter = ["role", "body__kind"]
    search_fields = ["body__name", "user__username", "organization__name"]
    raw_id_fields = ["body", "user", "organization"]
