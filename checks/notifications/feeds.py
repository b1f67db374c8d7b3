"""Atom feed of a watch list's changes and iCalendar feed of effective and withdrawal dates."""

from __future__ import annotations

from django.utils.translation import gettext as _

from catalog.models import CatalogEvent, Status
from checks.models import WatchList
from checks.services.alerts import describe
from checks.services.watchlists import watched_standards
from notifications import feeds

FEED_ENTRIES = 50
CALENDAR_LIMIT = 1000


def atom_feed(watchlist: WatchList, base_url: str, self_url: str) -> str:
    """The latest catalogue changes of the standards a watch list covers, as Atom XML."""
    standards = watched_standards(watchlist).values("pk")
    events = list(
        CatalogEvent.objects.filter(standard_id__in=standards)
        .select_related("standard")
        .order_by("-pk")[:FEED_ENTRIES]
    )
    updated = events[0].occurred_at if events else watchlist.updated_at
    feed_id = f"{base_url}/checks/watchlists/{watchlist.pk}/"
    entries = []
    for event in events:
        title, body = describe(event)
        entries.append(
            feeds.FeedEntry(
                title,
                f"{feed_id}events/{event.pk}",
                base_url + event.standard.get_absolute_url(),
                event.occurred_at,
                body,
                event.kind,
            )
        )
    return feeds.atom_feed(watchlist.name, feed_id, self_url, updated, entries)


def _withdrawal_label(std) -> str:
    """Replaced editions stop being in force; they are not 废止 (withdrawn without successor)."""
    if std.status == Status.REPLACED:
        return _("is replaced")
    return _("is withdrawn")


def icalendar(watchlist: WatchList, host: str) -> str:
    """Effective and withdrawal dates of watched standards as an iCalendar (RFC 5545)."""
    events = []
    standards = watched_standards(watchlist).order_by("designation")[:CALENDAR_LIMIT]
    for std in standards:
        for kind, day, label in (
            ("effective", std.effective, _("takes effect")),
            ("withdrawn", std.withdrawn, _withdrawal_label(std)),
        ):
            if not day:
                continue
            summary = f"{std.designation} {label}"
            if std.title:
                summary += f"：{std.title}"
            events.append(feeds.CalendarEvent(f"{kind}-{std.pk}@{host}", day, summary))
    return feeds.icalendar(watchlist.name, "Watch list calendar", events)
