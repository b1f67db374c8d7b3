"""Reference impact: a standard cited by an active draft was replaced or withdrawn.

Reads the catalogue's change events (`catalog.CatalogEvent`, written by imports, manual
edits and time-driven status changes) after development's own cursor; for each project
whose latest draft cites the changed standard it opens one action item and tells the
body's secretariat once (de-duplication key per event and project).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from catalog.models import CatalogEvent, Standard, Status
from development.models import ActionItem, CatalogCursor, Draft, Project
from development.services.notices import REFERENCE_CHANGED, notify_secretariat

CURSOR = "reference-impact"
BATCH = 500
KINDS = (
    CatalogEvent.Kind.REPLACED,
    CatalogEvent.Kind.WITHDRAWN,
    CatalogEvent.Kind.REPLACEMENT_ADDED,
    CatalogEvent.Kind.STATUS_CHANGED,
)
_GONE = (Status.REPLACED, Status.WITHDRAWN)


def _relevant(event: CatalogEvent, std: Standard) -> bool:
    if event.kind == CatalogEvent.Kind.STATUS_CHANGED:
        return (event.after or {}).get("status") in _GONE
    return True


def latest_drafts(project_ids=None):
    """The newest draft of every project under development (what the project cites now)."""
    active = Project.objects.in_progress()
    if project_ids is not None:
        active = active.filter(pk__in=project_ids)
    newest: dict[int, Draft] = {}
    for draft in Draft.objects.filter(project__in=active).order_by(
        "project_id", "created_at", "pk"
    ):
        newest[draft.project_id] = draft
    return newest


def _citing(drafts: dict[int, Draft], series: set[str]) -> dict[str, list[Draft]]:
    by_series: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts.values():
        for ref in draft.references:
            if ref.get("series") in series:
                by_series[ref["series"]].append(draft)
    return by_series


def _message(event: CatalogEvent, std: Standard) -> str:
    if event.kind == CatalogEvent.Kind.REPLACEMENT_ADDED:
        return _("%(designation)s is replaced by %(successor)s.") % {
            "designation": std.designation,
            "successor": (event.after or {}).get("successor", ""),
        }
    if std.status == Status.WITHDRAWN or event.kind == CatalogEvent.Kind.WITHDRAWN:
        return _("%(designation)s was withdrawn.") % {"designation": std.designation}
    return _("%(designation)s was replaced.") % {"designation": std.designation}


def handle_events(events: list[CatalogEvent]) -> int:
    """Open action items for the projects citing the standards of these events."""
    events = [e for e in events if e.kind in KINDS]
    if not events:
        return 0
    standards = Standard.objects.in_bulk({e.standard_id for e in events})
    wanted = [(e, standards[e.standard_id]) for e in events if e.standard_id in standards]
    wanted = [(e, s) for e, s in wanted if _relevant(e, s)]
    if not wanted:
        return 0
    citing = _citing(latest_drafts(), {s.series_key for _e, s in wanted})
    opened = 0
    for event, std in wanted:
        for draft in citing.get(std.series_key, ()):
            ref = next(r for r in draft.references if r.get("series") == std.series_key)
            # A dated reference to another edition is not affected by this edition's change.
            if ref.get("dated") and ref.get("designation") != std.designation:
                continue
            opened += _open_item(draft, event, std)
    return opened


def _open_item(draft: Draft, event: CatalogEvent, std: Standard) -> int:
    project = draft.project
    key = f"reference:{std.designation}"
    detail = _message(event, std)
    title = _("Cited standard changed: %(designation)s") % {"designation": std.designation}
    try:
        with transaction.atomic():
            item = ActionItem.objects.create(
                project=project,
                kind=ActionItem.Kind.REFERENCE_CHANGED,
                key=key,
                title=title,
                detail=detail,
                data={"event": event.pk, "standard": std.designation, "draft": draft.pk},
            )
            log_action(
                "development.action_item.opened",
                actor=None,
                obj=project,
                after={"key": key, "item": item.pk},
            )
            notify_secretariat(
                project,
                REFERENCE_CHANGED,
                title,
                _("%(detail)s It is cited by %(draft)s of %(number)s.")
                % {"detail": detail, "draft": draft.label, "number": project.number},
                key=f"development:project:{project.pk}:{key}",
                data={"standard": std.designation},
            )
    except IntegrityError:  # the same change seen again (a re-run): nothing new
        return 0
    return 1


def process_catalog_events() -> int:
    """Read new catalogue events after the cursor, in batches; returns action items opened."""
    opened = 0
    while True:
        with transaction.atomic():
            cursor, _created = CatalogCursor.objects.select_for_update().get_or_create(name=CURSOR)
            batch = list(
                CatalogEvent.objects.filter(pk__gt=cursor.last_event_id).order_by("pk")[:BATCH]
            )
            if not batch:
                return opened
            opened += handle_events(batch)
            cursor.last_event_id = batch[-1].pk
            cursor.save(update_fields=["last_event_id"])


def resolve_action_item(item: ActionItem, *, user, request=None) -> ActionItem:
    """Mark an action item done."""
    from django.utils import timezone

    from bodies.scopes import has_body_permission
    from development.exceptions import DevelopmentPermissionError

    if not has_body_permission(user, "development.change_actionitem", item.project.body):
        raise DevelopmentPermissionError(_("You may not close this action item."))
    with transaction.atomic():
        item.resolved_at, item.resolved_by = timezone.now(), user
        item.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
        log_action(
            "development.action_item.resolved",
            actor=user,
            obj=item.project,
            after={"item": item.pk},
            request=request,
        )
    return item
