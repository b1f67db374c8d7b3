"""Admin of the service desk: service levels are edited here; requests are read-only."""

from django.contrib import admin

from consulting.models import ServiceRequest, SlaPolicy
from core.admin import RestrictedAdminMixin


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = ("kind", "response_hours", "resolution_hours", "warn_hours")


@admin.register(ServiceRequest)
class ServiceRequestAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    list_display = ("number", "kind", "title", "state", "requester", "assignee", "due_at")
    list_filter = ("kind", "state")
    search_fields = ("number", "title")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
