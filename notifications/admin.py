"""Admin views of notifications and the webhook outbox (read-mostly)."""

from django.contrib import admin

from notifications.models import Notification, WebhookDelivery


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "recipient",
        "event_type",
        "kind",
        "significant",
        "email_state",
        "created_at",
        "read_at",
    ]
    list_filter = ["event_type", "kind", "significant", "email_state"]


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
