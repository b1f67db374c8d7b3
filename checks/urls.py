"""Web routes of validity checks, watch lists and the message centre."""

from django.urls import path
from django.views.generic import RedirectView

from checks.views import checks, watching
from notifications import views as notes


def moved(name: str, view=None):
    """An old address of a page that moved to the notifications app.

    GET redirects permanently (query string kept); a form posted to the old address is still
    handled by the page's view.
    """
    redirect = RedirectView.as_view(pattern_name=name, permanent=True, query_string=True)

    def dispatch(request, *args, **kwargs):
        if view is not None and request.method == "POST":
            return view(request, *args, **kwargs)
        return redirect(request, *args, **kwargs)

    return dispatch


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
    # The message centre and alert settings moved to /notifications/; old addresses work.
    path("messages/", moved("notifications:messages"), name="messages"),
    path("messages/read/", notes.message_read, name="messages-read"),
    path("messages/unread/", notes.unread_badge, name="unread-badge"),
    path("settings/", moved("notifications:settings", notes.alert_settings), name="alert-settings"),
    path("webhooks/", notes.webhook_create, name="webhook-create"),
    path("webhooks/<int:pk>/", moved("notifications:webhook-detail"), name="webhook-detail"),
    path("webhooks/<int:pk>/delete/", notes.webhook_delete, name="webhook-delete"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery_id>/retry/",
        notes.webhook_retry,
        name="webhook-retry",
    ),
]
