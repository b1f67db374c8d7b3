"""Admin views of checks, watch lists and alert deliveries (read-mostly)."""

from django.contrib import admin

from checks.models import Check, Notification, WatchList, WebhookDelivery


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


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "recipient",
        "kind",
        "significant",
        "email_state",
        "created_at",
        "read_at",
    ]
    list_filter = ["kind", "significant", "email_state"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "webhook",
        "notification",
        "state",
        "attempts",
        "next_attempt_at",
        "response_status",
    ]
    list_filter = ["state"]
