"""Turn catalogue events into notifications: exactly once per change and recipient.

The job reads CatalogEvent rows in id order after a stored cursor. Each batch hands its
notifications to `notifications.services.notify_batch` and moves the cursor in one
transaction; the de-duplication key "catalog-event:<id>" makes a re-run after a crash
harmless too. Who hears about what (watch lists, checks citing a standard) stays here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from accounts.models import Membership
from catalog.models import CatalogEvent, Standard
from checks.models import AlertCursor, CheckItem, Verdict, WatchItem, WatchList, WatchRule
from checks.notifications.events import EVENT_TYPE
from checks.services.watchlists import rule_q
from notifications.services.notifying import Message, Outgoing, notify_batch

CURSOR_NAME = "catalog-events"
BATCH = 500
SIGNIFICANT_KINDS = frozenset(
    {
        CatalogEvent.Kind.PUBLISHED,
        CatalogEvent.Kind.STATUS_CHANGED,
        CatalogEvent.Kind.REPLACED,
        CatalogEvent.Kind.WITHDRAWN,
        CatalogEvent.Kind.REPLACEMENT_ADDED,
    }
)
# Changes that can make a stored check's verdict out of date.
CHECK_KINDS = frozenset(
    {
        CatalogEvent.Kind.REPLACED,
        CatalogEvent.Kind.WITHDRAWN,
        CatalogEvent.Kind.STATUS_CHANGED,
        CatalogEvent.Kind.REPLACEMENT_ADDED,
    }
)


@dataclass
class Reason:
    """Why a person hears about an event: a watch list, or a check that cites the standard."""

    watchlist_id: int | None = None
    check_id: int | None = None


def is_significant(event: CatalogEvent) -> bool:
    """Editions, status and replacements are significant; titles and date fixes are not."""
    return event.kind in SIGNIFICANT_KINDS


# Own labels with a context: other apps use the same English words for other things.
KIND_LABELS = {
    CatalogEvent.Kind.PUBLISHED: pgettext_lazy("catalogue change", "New edition published"),
    CatalogEvent.Kind.STATUS_CHANGED: pgettext_lazy("catalogue change", "Status changed"),
    CatalogEvent.Kind.REPLACED: pgettext_lazy("catalogue change", "Replaced"),
    CatalogEvent.Kind.WITHDRAWN: pgettext_lazy("catalogue change", "Withdrawn"),
    CatalogEvent.Kind.DATES_CHANGED: pgettext_lazy("catalogue change", "Dates changed"),
    CatalogEvent.Kind.TITLE_CHANGED: pgettext_lazy("catalogue change", "Title changed"),
    CatalogEvent.Kind.REPLACEMENT_ADDED: pgettext_lazy("catalogue change", "Replacement added"),
}


def _status_label(value: str | None) -> str:
    # Status values are verdict values too; the verdict labels carry their own context.
    return str(Verdict(value).label) if value in Verdict.values else (value or "-")


def describe(event: CatalogEvent) -> tuple[str, str]:
    """Title and body of the notification for one event, in the site language."""
    std = event.standard
    title = f"{std.designation} {KIND_LABELS.get(event.kind, event.kind)}"
    before, after = event.before or {}, event.after or {}
    if "status" in after:
        body = _("Status: %(before)s → %(after)s") % {
            "before": _status_label(before.get("status")),
            "after": _status_label(after["status"]),
        }
    elif event.kind == CatalogEvent.Kind.REPLACEMENT_ADDED:
        body = _("Replaced by %(successor)s") % {"successor": after.get("successor", "?")}
    elif event.kind == CatalogEvent.Kind.PUBLISHED:
        body = _("New edition %(designation)s published.") % {"designation": std.designation}
    elif event.kind == CatalogEvent.Kind.DATES_CHANGED:
        body = "；".join(f"{k}: {before.get(k) or '-'} → {after.get(k) or '-'}" for k in after)
    else:
        body = _("Title: %(title)s") % {"title": after.get("title_zh") or after.get("title_en")}
    name = std.title_zh or std.title_en
    return title, f"{name}\n{body}" if name else body


class _Recipients:
    """Who should hear about a batch of events, computed with a fixed number of queries."""

    def __init__(self, events: list[CatalogEvent]) -> None:
        standards = {e.standard_id: e.standard for e in events}
        series = {s.series_key for s in standards.values()}
        self.by_series: dict[str, set[int]] = defaultdict(set)
        for wl_id, key in WatchItem.objects.filter(series_key__in=series).values_list(
            "watchlist_id", "series_key"
        ):
            self.by_series[key].add(wl_id)
        self.by_standard: dict[int, set[int]] = defaultdict(set)
        for rule in WatchRule.objects.all():
            hits = Standard.objects.filter(pk__in=standards).filter(rule_q(rule))
            for pk in hits.values_list("pk", flat=True).distinct():
                self.by_standard[pk].add(rule.watchlist_id)
        wl_ids = set().union(*self.by_series.values(), *self.by_standard.values())
        lists = WatchList.objects.filter(pk__in=wl_ids).values_list(
            "pk", "owner_id", "organization_id"
        )
        members: dict[int, set[int]] = defaultdict(set)
        orgs = {row[2] for row in lists if row[2]}
        for org, user in Membership.objects.filter(organization_id__in=orgs).values_list(
            "organization_id", "user_id"
        ):
            members[org].add(user)
        self.watchers: dict[int, set[int]] = {
            pk: {owner} | (members[org] if org else set()) for pk, owner, org in lists
        }
        self.checkers = self._checkers(events)

    @staticmethod
    def _checkers(events: list[CatalogEvent]) -> dict[int, dict[int, int]]:
        """Per changed standard, each person's newest stored check it affects.

        A check is affected when it cites the edition, or when the edition is one of the
        current editions a check pointed to (the chain grew a step since).
        """
        relevant = {e.standard_id: e.standard.designation for e in events if e.kind in CHECK_KINDS}
        checkers: dict[int, dict[int, int]] = defaultdict(dict)
        if not relevant:
            return checkers
        by_name = {name: pk for pk, name in relevant.items()}
        cites = Q(standard_id__in=relevant)
        for name in relevant.values():
            cites |= Q(current__icontains=name)
        rows = (
            CheckItem.objects.filter(cites, check_run__owner__isnull=False)
            .order_by("check_run_id")
            .values_list("standard_id", "current", "check_run__owner_id", "check_run_id")
        )
        for std_id, current, owner, check_id in rows:
            hits = {std_id} & relevant.keys()
            hits |= {by_name[name] for name in current or () if name in by_name}
            for hit in hits:
                checkers[hit][owner] = check_id
        return checkers

    def for_event(self, event: CatalogEvent) -> dict[int, Reason]:
        reasons: dict[int, Reason] = {}
        lists = self.by_series.get(event.standard.series_key, set()) | self.by_standard.get(
            event.standard_id, set()
        )
        for wl_id in sorted(lists):
            for user in self.watchers.get(wl_id, ()):
                reasons.setdefault(user, Reason(watchlist_id=wl_id))
        if event.kind in CHECK_KINDS:
            for user, check_id in self.checkers.get(event.standard_id, {}).items():
                reasons.setdefault(user, Reason()).check_id = check_id
        return reasons


def event_key(event: CatalogEvent) -> str:
    """The de-duplication key of the notifications about one catalogue event."""
    return f"catalog-event:{event.pk}"


def _event_data(event: CatalogEvent) -> dict:
    return {
        "standard": event.standard.designation,
        "event": {
            "id": event.pk,
            "before": event.before,
            "after": event.after,
            "occurred_at": event.occurred_at.isoformat(),
        },
    }


def _outgoing(events: list[CatalogEvent]) -> list[Outgoing]:
    recipients = _Recipients(events)
    result = []
    for event in events:
        significant = is_significant(event)
        title, body = describe(event)
        message = Message(title, body, event.standard.get_absolute_url())
        for user, reason in recipients.for_event(event).items():
            data = {**_event_data(event), "watchlist": reason.watchlist_id}
            data["check"] = reason.check_id
            if reason.check_id:
                data["links"] = [
                    {
                        "label": _("This change affects one of your checks."),
                        "url": reverse("checks:detail", args=[reason.check_id]),
                    }
                ]
            result.append(
                Outgoing(
                    user,
                    EVENT_TYPE,
                    message,
                    subject=event.standard,
                    kind=event.kind,
                    significant=significant,
                    data=data,
                    dedupe_key=event_key(event),
                )
            )
    return result


def process_catalog_events(batch: int = BATCH, limit: int | None = None) -> int:
    """Create the notifications for catalogue events not processed yet; returns events read."""
    AlertCursor.objects.get_or_create(name=CURSOR_NAME)
    processed = 0
    with translation.override(settings.LANGUAGE_CODE):
        while limit is None or processed < limit:
            with transaction.atomic():
                cursor = AlertCursor.objects.select_for_update().get(name=CURSOR_NAME)
                size = batch if limit is None else min(batch, limit - processed)
                events = list(
                    CatalogEvent.objects.filter(pk__gt=cursor.position)
                    .select_related("standard")
                    .order_by("pk")[:size]
                )
                if not events:
                    break
                notify_batch(_outgoing(events))
                cursor.position = events[-1].pk
                cursor.save(update_fields=["position", "updated_at"])
            processed += len(events)
    return processed
