"""Web routes of the message centre, notification settings and webhooks."""

from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.message_centre, name="messages"),
    path("read/", views.message_read, name="messages-read"),
    path("unread/", views.unread_badge, name="unread-badge"),
    path("settings/", views.alert_settings, name="settings"),
    path("webhooks/", views.webhook_create, name="webhook-create"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook-detail"),
    path("webhooks/<int:pk>/delete/", views.webhook_delete, name="webhook-delete"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery_id>/retry/",
        views.webhook_retry,
        name="webhook-retry",
    ),
]
