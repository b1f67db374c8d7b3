"""Atom feed of a watch list's changes and iCalendar feed of effective and withdrawal dates."""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import CatalogEvent
from checks.models import WatchList
from checks.services.alerts import describe
from checks.services.watchlists import watched_standards

FEED_ENTRIES = 50
CALENDAR_LIMIT = 1000


def _rfc3339(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(watchlist.name)}</title>",
        f"<id>{escape(feed_id)}</id>",
        f'<link rel="self" href="{escape(self_url, {chr(34): "&quot;"})}"/>',
        f"<updated>{_rfc3339(updated)}</updated>",
        "<author><name>StdBase</name></author>",
    ]
    for event in events:
        title, body = describe(event)
        link = base_url + event.standard.get_absolute_url()
        parts += [
            "<entry>",
            f"<title>{escape(title)}</title>",
            f"<id>{escape(feed_id)}events/{event.pk}</id>",
            f'<link href="{escape(link, {chr(34): "&quot;"})}"/>',
            f"<updated>{_rfc3339(event.occurred_at)}</updated>",
            f'<summary type="text">{escape(body)}</summary>',
            f'<category term="{event.kind}"/>',
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def _ical_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a content line into 75-octet pieces (RFC 5545 §3.1), never inside a character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > (75 if not pieces else 74):
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return [pieces[0], *(" " + p for p in pieces[1:])]


def icalendar(watchlist: WatchList, host: str) -> str:
    """Effective and withdrawal dates of watched standards as an iCalendar (RFC 5545)."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//StdBase//Watch list calendar//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ical_text(watchlist.name)}",
    ]
    standards = watched_standards(watchlist).order_by("designation")[:CALENDAR_LIMIT]
    for std in standards:
        for kind, day, label in (
            ("effective", std.effective, _("takes effect")),
            ("withdrawn", std.withdrawn, _("is withdrawn")),
        ):
            if not day:
                continue
            summary = f"{std.designation} {label}"
            if std.title:
                summary += f"：{std.title}"
            lines += [
                "BEGIN:VEVENT",
                f"UID:{kind}-{std.pk}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_ical_text(summary)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))
