"""Feed writers any app can use: Atom (RFC 4287) and iCalendar (RFC 5545) documents."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils import timezone


@dataclass(frozen=True)
class FeedEntry:
    """One Atom entry."""

    title: str
    entry_id: str
    link: str
    updated: datetime.datetime
    summary: str = ""
    category: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day iCalendar event."""

    uid: str
    day: datetime.date
    summary: str


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def rfc3339(value: datetime.datetime) -> str:
    """A UTC timestamp as Atom wants it."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(
    title: str, feed_id: str, self_url: str, updated: datetime.datetime, entries: list[FeedEntry]
) -> str:
    """An Atom XML document."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(feed_id)}</id>",
        f'<link rel="self" href="{_attr(self_url)}"/>',
        f"<updated>{rfc3339(updated)}</updated>",
        "<author><name>StdBase</name></author>",
    ]
    for entry in entries:
        parts += [
            "<entry>",
            f"<title>{escape(entry.title)}</title>",
            f"<id>{escape(entry.entry_id)}</id>",
            f'<link href="{_attr(entry.link)}"/>',
            f"<updated>{rfc3339(entry.updated)}</updated>",
            f'<summary type="text">{escape(entry.summary)}</summary>',
            *([f'<category term="{_attr(entry.category)}"/>'] if entry.category else []),
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def ical_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> list[str]:
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


def icalendar(name: str, product: str, events: list[CalendarEvent]) -> str:
    """An iCalendar document of all-day events, folded and CRLF-terminated."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//StdBase//{product}//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ical_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ical_text(event.summary)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in fold(line))
