"""Web routes of validity checks, watch lists and the message centre."""

from django.urls import path

from checks.views import alerts, checks, watching

app_name = "checks"
urlpatterns = [
    path("", checks.index, name="index"),
    path("<int:pk>/", checks.detail, name="detail"),
    path("<int:pk>/progress/", checks.progress, name="progress"),
    path("<int:pk>/export.xlsx", checks.export_xlsx, name="export-xlsx"),
    path("<int:pk>/report.pdf", checks.report_pdf, name="report-pdf"),
    path("<int:pk>/rerun/", checks.rerun, name="rerun"),
    path("<int:pk>/watch/", checks.watch, name="watch"),
    path("verify/", checks.verify, name="verify-form"),
    path("verify/<str:code>/", checks.verify, name="verify"),
    path("watchlists/", watching.watchlist_index, name="watchlists"),
    path("watchlists/<int:pk>/", watching.watchlist_detail, name="watchlist-detail"),
    path("watchlists/<int:pk>/items/", watching.watchlist_add_item, name="watchlist-add-item"),
    path(
        "watchlists/<int:pk>/items/<int:item_id>/delete/",
        watching.watchlist_remove_item,
        name="watchlist-remove-item",
    ),
    path(
        "watchlists/<int:pk>/items/<int:item_id>/instead/",
        watching.watchlist_watch_instead,
        name="watchlist-watch-instead",
    ),
    path("watchlists/<int:pk>/rules/", watching.watchlist_add_rule, name="watchlist-add-rule"),
    path(
        "watchlists/<int:pk>/rules/<int:rule_id>/delete/",
        watching.watchlist_remove_rule,
        name="watchlist-remove-rule",
    ),
    path("watchlists/<int:pk>/share/", watching.watchlist_share, name="watchlist-share"),
    path("watchlists/<int:pk>/delete/", watching.watchlist_delete, name="watchlist-delete"),
    path("watchlists/<int:pk>/feed.atom", watching.watchlist_atom, name="watchlist-atom"),
    path("watchlists/<int:pk>/calendar.ics", watching.watchlist_ics, name="watchlist-ics"),
    path("messages/", alerts.message_centre, name="messages"),
    path("messages/read/", alerts.message_read, name="messages-read"),
    path("messages/unread/", alerts.unread_badge, name="unread-badge"),
    path("settings/", alerts.alert_settings, name="alert-settings"),
    path("webhooks/", alerts.webhook_create, name="webhook-create"),
    path("webhooks/<int:pk>/", alerts.webhook_detail, name="webhook-detail"),
    path("webhooks/<int:pk>/delete/", alerts.webhook_delete, name="webhook-delete"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery_id>/retry/",
        alerts.webhook_retry,
        name="webhook-retry",
    ),
]
