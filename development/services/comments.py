"""Public comment on drafts: windows, comments by clause, resolutions and the 意见汇总处理表."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.scopes import bodies_with_permission, has_body_permission
from core.writers import Column, Sheet, write_xlsx
from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.models import Comment, CommentKind, CommentWindow, Draft, Level, Resolution
from development.services.docx_rows import save_with_rows

#: Minimum comment period in days by level of standard (configurable per alliance profile).
MIN_DAYS = {Level.GROUP: 30, Level.INDUSTRY: 60, Level.NATIONAL: 60}
TABLE_HEADINGS = ("序号", "章条编号", "意见内容", "提出单位", "处理意见及理由")
RESOLUTION_LABELS = {"adopted": "采纳", "partly": "部分采纳", "rejected": "不采纳"}


class CommentConflict(DevelopmentError):
    """Someone else changed the resolution meanwhile."""

    code = "comment_conflict"


def _require_secretariat(user, draft: Draft) -> None:
    if not has_body_permission(user, "development.change_project", draft.project.body):
        raise DevelopmentPermissionError(
            _("Only the secretariat of %(body)s may do this.") % {"body": draft.project.body}
        )


def visible_comments(user):
    """Comments a person may read: every comment of the bodies they run, and their own."""
    if not getattr(user, "is_authenticated", False):
        return Comment.objects.none()
    rows = Comment.objects.restrict(user, "view")
    if user.has_perm("development.change_project"):
        return rows
    managed = bodies_with_permission(user, "development.change_project")
    return rows.filter(Q(author=user) | Q(draft__project__body__in=sorted(managed)))


def minimum_days(draft: Draft) -> int:
    """The shortest comment period for the draft's level (the alliance's profile may ask more)."""
    days = MIN_DAYS.get(draft.project.level, 30)
    profile = getattr(draft.project.body, "development_profile", None)
    if profile is not None and draft.project.level == Level.GROUP:
        days = max(days, profile.comment_days)
    return days


def open_comment_window(
    draft: Draft, *, user, days: int | None = None, note: str = "", request=None
) -> CommentWindow:
    """Open public comment on a draft for at least the minimum period of its level."""
    _require_secretariat(user, draft)
    least = minimum_days(draft)
    days = least if days is None else days
    if days < least:
        raise DevelopmentError(
            _("The comment period must be at least %(days)d days.") % {"days": least}
        )
    with transaction.atomic():
        if CommentWindow.objects.open().filter(draft=draft).exists():
            raise DevelopmentError(_("This draft is already open for comment."))
        now = timezone.now()
        window = CommentWindow.objects.create(
            draft=draft,
            opens_at=now,
            closes_at=now + datetime.timedelta(days=days),
            note=note,
            opened_by=user,
        )
        log_action(
            "development.comment_window.opened",
            actor=user,
            obj=window,
            after={"draft": draft.pk, "days": days},
            request=request,
        )
    return window


def close_comment_window(window: CommentWindow, *, user, request=None) -> CommentWindow:
    """Stop accepting comments on the window's draft now."""
    _require_secretariat(user, window.draft)
    if window.closed_at is not None:
        raise DevelopmentError(_("This comment window is already closed."))
    with transaction.atomic():
        window.closed_at = timezone.now()
        window.save(update_fields=["closed_at", "updated_at"])
        log_action("development.comment_window.closed", actor=user, obj=window, request=request)
    return window


def _fingerprint(window_id: int, author_id, organisation: str, *parts: str) -> str:
    key = "\x1f".join([str(window_id), str(author_id or ""), organisation.strip(), *parts])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _clean(clause: str, kind: str, text: str) -> tuple[str, str, str]:
    clause, text = (clause or "").strip(), (text or "").strip()
    kind = (kind or "").strip().lower()[:2]
    if kind not in CommentKind.values:
        raise DevelopmentError(
            _("Unknown type of comment “%(kind)s”; use ge, te or ed.") % {"kind": kind}
        )
    if not clause:
        raise DevelopmentError(_("Say which clause the comment is on."))
    if not text:
        raise DevelopmentError(_("The comment is empty."))
    if len(clause) > 60:
        raise DevelopmentError(_("The clause number is too long."))
    return clause, kind, text


def add_comment(
    draft: Draft,
    *,
    clause: str,
    kind: str,
    text: str,
    proposed_change: str = "",
    author=None,
    organisation: str = "",
    source: str = "",
    request=None,
) -> Comment:
    """File one comment on a clause of a draft open for comment; the same one twice is kept once.

    Without an author (a service such as the verification centre), the source names the filer
    and the window need not be open: the latest window of the draft is used, or one is opened.
    """
    clause, kind, text = _clean(clause, kind, text)
    proposed_change = (proposed_change or "").strip()
    organisation = (organisation or "").strip()[:200]
    with transaction.atomic():
        window = CommentWindow.objects.open().filter(draft=draft).first()
        if window is None:
            if author is not None:
                raise DevelopmentError(_("This draft is not open for comment."))
            window = draft.comment_windows.order_by("-opens_at").first()
            if window is None:
                now = timezone.now()
                window = CommentWindow.objects.create(
                    draft=draft, opens_at=now, closes_at=now, closed_at=now, note=source
                )
        author_id = getattr(author, "pk", None)
        fingerprint = _fingerprint(
            window.pk, author_id or source, organisation, clause, kind, text, proposed_change
        )
        existing = Comment.objects.filter(window=window, fingerprint=fingerprint).first()
        if existing is not None:
            return existing
        # Numbers are given under a lock on the draft so two comments never share one.
        Draft.objects.select_for_update().filter(pk=draft.pk).first()
        number = (Comment.objects.filter(draft=draft).aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                comment = Comment.objects.create(
                    window=window,
                    draft=draft,
                    number=number,
                    clause=clause,
                    kind=kind,
                    text=text,
                    proposed_change=proposed_change,
                    organisation=organisation,
                    source=source[:60],
                    author=author,
                    fingerprint=fingerprint,
                )
        except IntegrityError:
            return Comment.objects.get(window=window, fingerprint=fingerprint)
        log_action(
            "development.comment.added",
            actor=author,
            obj=comment,
            after={"clause": clause, "kind": kind, "source": source},
            request=request,
        )
    return comment


def resolve_comment(
    comment: Comment,
    *,
    resolution: str,
    reason: str = "",
    user,
    revision: int | None = None,
    request=None,
) -> Comment:
    """Record the secretariat's decision on a comment; a reason is needed unless adopted.

    `revision` is the revision the editor saw: if the comment changed since, nothing is saved.
    """
    _require_secretariat(user, comment.draft)
    reason = (reason or "").strip()
    if resolution not in Resolution.values:
        raise DevelopmentError(_("Choose adopted, partly adopted or not adopted."))
    if resolution != Resolution.ADOPTED and not reason:
        raise DevelopmentError(_("Give the reason when a comment is not or only partly adopted."))
    with transaction.atomic():
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        if revision is not None and current.revision != revision:
            raise CommentConflict(
                _(
                    "Comment %(number)d was resolved by someone else meanwhile; "
                    "reload to see their decision."
                )
                % {"number": current.number}
            )
        before = {"resolution": current.resolution, "reason": current.reason}
        current.resolution, current.reason = resolution, reason
        current.resolved_by, current.resolved_at = user, timezone.now()
        current.revision += 1
        current.save()
        log_action(
            "development.comment.resolved",
            actor=user,
            obj=current,
            before=before,
            after={"resolution": resolution, "reason": reason},
            request=request,
        )
    return current


_TABLE_FIELDS = (
    "number",
    "clause",
    "kind",
    "text",
    "proposed_change",
    "organisation",
    "resolution",
    "reason",
)


def _rows(values: Iterable) -> Iterable[tuple]:
    # Labels are translated once per table, not once per comment (50,000 rows in < 3 s).
    kinds = {value: str(label) for value, label in CommentKind.choices}
    change = _("Proposed change: %(change)s")
    for number, clause, kind, text, proposed, organisation, resolution, reason in values:
        content = f"[{kinds.get(kind, kind)}] {text}"
        if proposed:
            content += "\n" + change % {"change": proposed}
        decision = RESOLUTION_LABELS.get(resolution, "")
        if decision and reason:
            decision = f"{decision}：{reason}"
        yield (number, clause, content, organisation, decision)


def table_rows(draft: Draft) -> Iterable[tuple]:
    """The rows of the 意见汇总处理表: 序号, 章条编号, 意见内容, 提出单位, 处理意见及理由."""
    rows = Comment.objects.filter(draft=draft).order_by("number").values_list(*_TABLE_FIELDS)
    return _rows(rows.iterator(chunk_size=5000))


def table_title(draft: Draft) -> str:
    return f"{draft.project.title} 征求意见汇总处理表"


def resolution_table_xlsx(draft: Draft) -> bytes:
    """The 意见汇总处理表 of a draft as an xlsx workbook."""
    columns = [
        Column(TABLE_HEADINGS[0], 8),
        Column(TABLE_HEADINGS[1], 12),
        Column(TABLE_HEADINGS[2], 60),
        Column(TABLE_HEADINGS[3], 24),
        Column(TABLE_HEADINGS[4], 40),
    ]
    return write_xlsx([Sheet("意见汇总处理表", table_rows(draft), columns)])


def resolution_table_docx(draft: Draft) -> bytes:
    """The 意见汇总处理表 of a draft as a landscape Word table with the usual heading lines."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run("标准征求意见稿意见汇总处理表")
    run.bold, run.font.size = True, Pt(16)
    project = draft.project
    document.add_paragraph(f"标准项目名称：{project.title}    项目编号：{project.number}")
    document.add_paragraph(f"承办人：    共{Comment.objects.filter(draft=draft).count()}条意见")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    widths = (Cm(1.5), Cm(2.5), Cm(10), Cm(4), Cm(7))
    for cell, title, width in zip(table.rows[0].cells, TABLE_HEADINGS, widths, strict=True):
        cell.text = title
        cell.width = width
        cell.paragraphs[0].runs[0].bold = True
    return save_with_rows(document, table, table_rows(draft))


def comment_statistics(comments) -> dict[str, int]:
    """Counts of comments by resolution, for the dashboards."""
    stats = {"total": 0, "open": 0, **dict.fromkeys(Resolution.values, 0)}
    for value in comments.values_list("resolution", flat=True):
        stats["total"] += 1
        stats[value or "open"] += 1
    return stats
