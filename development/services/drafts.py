"""Uploading versioned drafts: checked, read into text and clauses, references resolved."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.scopes import has_body_permission
from catalog.editions import resolve_references
from catalog.extraction import ExtractionError, extract_references, read_document
from catalog.extraction.messages import read_error_message
from core.uploads import safe_filename, validate_upload
from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.models import Draft, DraftKind, Project
from development.services.clauses import (
    clauses_as_json,
    clauses_from_json,
    normative_reference_text,
    split_clauses,
)
from development.services.redline import Redline, compare

DRAFT_KINDS = {"docx", "pdf", "md", "txt"}


def _require_change(user, project: Project) -> None:
    if not has_body_permission(user, "development.change_project", project.body):
        raise DevelopmentPermissionError(
            _("Only the secretariat of %(body)s may upload drafts.") % {"body": project.body}
        )


def read_text(data: bytes, filename: str) -> str:
    """The plain text of a document, paragraphs on their own lines; DevelopmentError if not."""
    try:
        document = read_document(data, filename)
    except ExtractionError as exc:
        raise DevelopmentError(read_error_message(exc.code, exc.params)) from None
    return "\n".join(segment.text for segment in document.segments)


def check_references(clauses_or_text) -> list[dict]:
    """The normative references of a draft with the catalogue's verdict for each."""
    clauses = clauses_or_text
    if isinstance(clauses_or_text, str):
        clauses = split_clauses(clauses_or_text)
    text = normative_reference_text(clauses)
    if text is None:
        return []
    refs = [r for r in extract_references(text) if r.recognised]
    resolutions = resolve_references([r.parsed for r in refs if r.parsed is not None])
    rows, seen = [], set()
    for ref in refs:
        if ref.parsed is None or ref.designation in seen:
            continue
        seen.add(ref.designation)
        res = resolutions.get(ref.parsed.canonical)
        rows.append(
            {
                "input": ref.input,
                "designation": ref.designation,
                "series": ref.parsed.series_key,
                "dated": ref.parsed.year is not None,
                "title": ref.title or (res.title if res else ""),
                "verdict": res.verdict if res else "not_found",
                "verdict_label": str(res.get_verdict_display()) if res else "",
                "current": list(res.current) if res else [],
                "matched": res.matched if res else "",
                "explanation": res.explanation if res else "",
            }
        )
    return rows


def upload_draft(
    project: Project,
    uploaded_file,
    *,
    kind: str,
    user,
    note: str = "",
    request=None,
) -> Draft:
    """Store a new version of a kind of draft: checked, text and clauses read, references."""
    _require_change(user, project)
    if kind not in DraftKind.values:
        raise DevelopmentError(_("Unknown kind of draft."))
    if not project.is_active:
        raise DevelopmentError(
            _("Project %(number)s is no longer under development.") % {"number": project.number}
        )
    file_kind = validate_upload(uploaded_file, DRAFT_KINDS)
    data = uploaded_file.read()
    name = safe_filename(getattr(uploaded_file, "name", ""), file_kind)
    text = read_text(data, name)
    if not text.strip():
        raise DevelopmentError(_("No text could be read from the file."))
    clauses = split_clauses(text)
    try:
        with transaction.atomic():
            latest = Draft.objects.filter(project=project, kind=kind).aggregate(v=Max("version"))
            draft = Draft(
                project=project,
                kind=kind,
                version=(latest["v"] or 0) + 1,
                stage=project.state,
                filename=name,
                file_kind=file_kind,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                text=text,
                clauses=clauses_as_json(clauses),
                references=check_references(clauses),
                references_checked_at=timezone.now(),
                note=(note or "").strip()[:300],
                uploaded_by=user,
            )
            draft.file.save(name, ContentFile(data), save=False)
            draft.save()
            log_action(
                "development.draft.uploaded",
                actor=user,
                obj=draft,
                after={
                    "project": project.number,
                    "kind": kind,
                    "version": draft.version,
                    "sha256": draft.sha256,
                    "references": len(draft.references),
                },
                request=request,
            )
    except IntegrityError:
        raise DevelopmentError(
            _("Another version was uploaded at the same time; try again.")
        ) from None
    return draft


def recheck_references(draft: Draft, *, user=None, request=None) -> Draft:
    """Resolve a draft's normative references again against today's catalogue."""
    with transaction.atomic():
        draft.references = check_references(clauses_from_json(draft.clauses))
        draft.references_checked_at = timezone.now()
        draft.save(update_fields=["references", "references_checked_at", "updated_at"])
        log_action(
            "development.draft.references_checked",
            actor=user,
            obj=draft,
            after={"references": len(draft.references)},
            request=request,
        )
    return draft


def compare_drafts(old: Draft, new: Draft) -> Redline:
    """The clause-aware redline between two drafts of the same project."""
    if old.project_id != new.project_id:
        raise DevelopmentError(_("Only drafts of the same project can be compared."))
    return compare(clauses_from_json(old.clauses), clauses_from_json(new.clauses))
