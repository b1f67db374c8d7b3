"""Admin pieces shared by every app: object-level permissions through restrict()."""

from __future__ import annotations

from django.contrib import admin

from core.querysets import restrict_queryset


class ReadOnlyAdmin(admin.ModelAdmin):
    """A ModelAdmin that only shows rows (records written by services, never by hand)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """An inline that only shows the related rows (they are written by services)."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RestrictedAdminMixin:
    """ModelAdmin mixin: the change list, detail, change and delete honour `restrict()`.

    Use it first in the bases: `class StandardAdmin(RestrictedAdminMixin, admin.ModelAdmin)`.
    Rows come from `restrict_queryset(queryset, request.user, "view")`, so the admin shows
    the same rows as the web pages and the API; changing or deleting an object needs that
    object in the "change"/"delete" restriction.
    """

    def get_queryset(self, request):
        return restrict_queryset(super().get_queryset(request), request.user, "view")

    def _object_allowed(self, request, obj, action: str) -> bool:
        rows = restrict_queryset(self.model._default_manager.all(), request.user, action)
        return rows.filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return self._object_allowed(request, obj, "view") or self._object_allowed(
            request, obj, "change"
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return self._object_allowed(request, obj, "change")

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return self._object_allowed(request, obj, "delete")
