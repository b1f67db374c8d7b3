"""Admin views of checks and watch lists (read-mostly)."""

from django.contrib import admin

from checks.models import Check, WatchList


@admin.register(Check)
class CheckAdmin(admin.ModelAdmin):
    list_display = ["id", "__str__", "owner", "kind", "state", "total", "created_at"]
    list_filter = ["state", "kind", "source"]
    search_fields = ["title", "filename", "verification_code"]
    readonly_fields = ["list_key", "verification_code", "counts", "previous"]


@admin.register(WatchList)
class WatchListAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "organization", "org_access", "created_at"]
    search_fields = ["name"]
