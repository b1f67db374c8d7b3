"""Pages of drafts: upload, the draft with its references, download, redline and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.uploads import CONTENT_TYPES
from development.forms import DraftUploadForm
from development.models import Draft, Project
from development.services import drafts as draft_services
from development.services.clauses import clauses_from_json
from development.services.redline_export import redline_docx, redline_pdf
from development.views.common import can, get_or_404


def _draft(request, pk: int, draft_pk: int) -> Draft:
    draft = get_or_404(Draft, request.user, draft_pk, "view", "project", "project__body")
    if draft.project_id != pk:
        raise Http404(_("Not found, or you may not see it."))
    return draft


@login_required
@require_POST
def draft_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a new version of a draft."""
    project = get_or_404(Project, request.user, pk, "view", "body")
    form = DraftUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(project)
    try:
        draft = draft_services.upload_draft(
            project,
            form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            user=request.user,
            note=form.cleaned_data["note"],
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(project)
    return redirect(draft)


@login_required
def draft_detail(request: HttpRequest, pk: int, draft_pk: int) -> HttpResponse:
    """A draft: its clauses and the verdicts of its normative references."""
    draft = _draft(request, pk, draft_pk)
    others = Draft.objects.restrict(request.user, "view").filter(project_id=pk).exclude(pk=draft.pk)
    return render(
        request,
        "development/draft_detail.html",
        {
            "draft": draft,
            "project": draft.project,
            "clauses": clauses_from_json(draft.clauses),
            "others": others.order_by("-created_at"),
            "may_change": can(Project, request.user, draft.project),
        },
    )


@login_required
def draft_file(request: HttpRequest, pk: int, draft_pk: int) -> FileResponse:
    """The uploaded file, to the people who may see the draft."""
    draft = _draft(request, pk, draft_pk)
    return FileResponse(
        draft.file.open("rb"),
        as_attachment=True,
        filename=draft.filename,
        content_type=CONTENT_TYPES.get(draft.file_kind, "application/octet-stream"),
    )


@login_required
@require_POST
def draft_recheck(request: HttpRequest, pk: int, draft_pk: int) -> HttpResponse:
    """Resolve the draft's references again against today's catalogue."""
    draft = _draft(request, pk, draft_pk)
    if not can(Project, request.user, draft.project):
        raise Http404(_("Not found, or you may not see it."))
    draft_services.recheck_references(draft, user=request.user, request=request)
    return redirect(draft)


def _pair(request, pk: int) -> tuple[Draft, Draft]:
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        raise Http404(_("Choose two versions to compare.")) from None
    old, new = _draft(request, pk, a), _draft(request, pk, b)
    return old, new


@login_required
def draft_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """The redline between two versions, in the browser or as docx/PDF."""
    old, new = _pair(request, pk)
    redline = draft_services.compare_drafts(old, new)
    fmt = request.GET.get("format")
    if fmt in ("docx", "pdf"):
        name = f"redline-{old.project.number}-{old.pk}-{new.pk}.{fmt}"
        data, ctype = (
            (redline_docx(old, new, redline), CONTENT_TYPES["docx"])
            if fmt == "docx"
            else (redline_pdf(request, old, new, redline), "application/pdf")
        )
        response = HttpResponse(data, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    only_changed = request.GET.get("all") != "1"
    clauses = [c for c in redline.clauses if c.changed or not only_changed]
    return render(
        request,
        "development/compare.html",
        {
            "project": old.project,
            "old": old,
            "new": new,
            "redline": redline,
            "clauses": clauses,
            "only_changed": only_changed,
        },
    )
