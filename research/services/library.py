"""Research reports: upload with text extraction and cited standards; which of those changed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.services import log_action
from catalog.editions import resolve_references
from catalog.extraction import ExtractionError, extract_from_segments, read_document
from core.exceptions import DomainError
from core.uploads import safe_filename, validate_upload
from research.models import Citation, Confidentiality, Report, ReportKind

REPORT_KINDS = {"pdf", "docx"}
CLASSIFIED = "classified"
MAX_CITATIONS = 1000
OUTDATED = {"replaced", "withdrawn"}


class LibraryError(DomainError):
    """A report cannot be stored or changed this way."""


def may_upload(user, centre) -> bool:
    """Whether the person may add reports (globally, or in the chosen centre)."""
    from bodies.scopes import has_body_permission

    if user.has_perm("research.add_report"):
        return True
    return centre is not None and has_body_permission(user, "research.add_report", centre)


@dataclass(frozen=True)
class ReportData:
    """The metadata of a report as the uploader declares it."""

    title: str
    kind: str
    authors: str
    published_on: datetime.date
    confidentiality: str
    declares_unclassified: bool
    centre: object = None
    field: str = ""
    summary: str = ""


def _citations(segments) -> list[Citation]:
    refs = [r.parsed for r in extract_from_segments(segments) if r.parsed is not None]
    verdicts = resolve_references(refs)
    rows = []
    for designation, res in list(verdicts.items())[:MAX_CITATIONS]:
        rows.append(Citation(designation=designation, verdict=res.verdict, current=res.current))
    return rows


def upload_report(user, upload, data: ReportData, *, request=None) -> Report:
    """Store a report, its extracted text and cited standards; classified material is refused."""
    if data.confidentiality == CLASSIFIED or not data.declares_unclassified:
        raise LibraryError(
            _(
                "Classified (涉密) material must not be uploaded to the platform. Only public "
                "or internal reports are accepted, with the declaration that they contain no "
                "classified information."
            )
        )
    if data.confidentiality not in Confidentiality.values:
        raise LibraryError(_("Choose public or internal."))
    if data.kind not in ReportKind.values:
        raise LibraryError(_("Choose the kind of report."))
    if not data.title.strip() or not data.authors.strip():
        raise LibraryError(_("Give the title and the authors."))
    if not may_upload(user, data.centre):
        raise LibraryError(_("You may not add reports here."))
    kind = validate_upload(upload, REPORT_KINDS)
    content = upload.read()
    name = safe_filename(getattr(upload, "name", "") or "report", kind)
    try:
        document = read_document(content, name)
    except ExtractionError as exc:
        raise LibraryError(_("The file could not be read: %(e)s") % {"e": exc}) from exc
    text = "\n".join(segment.text for segment in document.segments)
    with transaction.atomic():
        report = Report(
            title=data.title.strip()[:300],
            kind=data.kind,
            authors=data.authors.strip()[:300],
            centre=data.centre,
            field=data.field.strip()[:200],
            published_on=data.published_on,
            confidentiality=data.confidentiality,
            summary=data.summary.strip(),
            filename=name,
            file_kind=kind,
            full_text=text,
            pages=document.pages,
            created_by=user,
        )
        report.file.save(name, ContentFile(content), save=False)
        report.save()
        citations = _citations(document.segments)
        for citation in citations:
            citation.report = report
        Citation.objects.bulk_create(citations)
        log_action(
            "research.report.uploaded",
            actor=user,
            obj=report,
            request=request,
            after={
                "confidentiality": report.confidentiality,
                "citations": len(citations),
                "declared_unclassified": True,
            },
        )
    return report


@dataclass(frozen=True)
class CitedStandard:
    """A cited standard: its verdict at upload and today, and whether it changed since."""

    designation: str
    verdict_then: str
    verdict_now: str
    label_now: str
    current: list[str]
    changed: bool


def cited_standards(report: Report) -> list[CitedStandard]:
    """The report's cited standards resolved against today's catalogue, changed ones first."""
    from catalog.designations import try_parse

    citations = list(report.citations.all())
    parsed = [p for p in (try_parse(c.designation) for c in citations) if p is not None]
    now = resolve_references(parsed)
    rows = []
    for citation in citations:
        res = now.get(citation.designation)
        if res is None:
            continue
        changed = res.verdict != citation.verdict or res.verdict in OUTDATED
        rows.append(
            CitedStandard(
                citation.designation,
                citation.verdict,
                res.verdict,
                str(res.get_verdict_display()),
                res.current,
                changed,
            )
        )
    rows.sort(key=lambda r: (not r.changed, r.designation))
    return rows


def export_columns() -> list[str]:
    """Headings of the report list export."""
    return [
        pgettext("research", "Title"),
        _("Kind"),
        _("Authors"),
        _("Centre"),
        pgettext("research", "Field"),
        _("Date"),
        _("Confidentiality"),
        _("Cited standards"),
    ]


def export_rows(reports) -> list[list]:
    """Rows of the report list export (the caller passes a restricted queryset)."""
    return [
        [
            r.title,
            r.get_kind_display(),
            r.authors,
            r.centre.name if r.centre else "",
            r.field,
            r.published_on,
            r.get_confidentiality_display(),
            r.citations.count(),
        ]
        for r in reports.select_related("centre")
    ]
