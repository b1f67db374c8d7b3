"""Pages of public comment and ballots: the comment window, resolutions, the table, votes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bodies.scopes import has_body_permission
from core.exceptions import DomainError
from core.uploads import CONTENT_TYPES
from development.models import Ballot, CommentKind, CommentWindow, Draft, Position, Resolution
from development.services import comment_templates, comments, voting
from development.views.common import get_or_404


def _may_manage(user, draft: Draft) -> bool:
    return has_body_permission(user, "development.change_project", draft.project.body)


def _window(request, pk: int) -> CommentWindow:
    return get_or_404(CommentWindow, request.user, pk, "view", "draft__project__body")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def window_open(request: HttpRequest, draft_pk: int) -> HttpResponse:
    """Open public comment on a draft (the secretariat)."""
    draft = get_or_404(Draft, request.user, draft_pk, "view", "project__body")
    try:
        window = comments.open_comment_window(
            draft, user=request.user, days=_int(request.POST.get("days")), request=request
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(draft)
    return redirect("development:comment-window", window.pk)


@login_required
def window_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page of a comment window: the draft's clauses, the form and the comments."""
    window = _window(request, pk)
    draft = window.draft
    manage = _may_manage(request.user, draft)
    rows = window.comments.order_by("number")
    if not manage:
        rows = rows.filter(author=request.user)
    return render(
        request,
        "development/review/window.html",
        {
            "window": window,
            "draft": draft,
            "project": draft.project,
            "comments": rows,
            "may_manage": manage,
            "is_open": window.is_open(),
            "kinds": CommentKind.choices,
            "resolutions": Resolution.choices,
            "stats": comments.comment_statistics(window.comments.all()),
        },
    )


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """File a comment on a clause; an error keeps what was typed in the message."""
    window = _window(request, pk)
    try:
        comments.add_comment(
            window.draft,
            clause=request.POST.get("clause", ""),
            kind=request.POST.get("kind", ""),
            text=request.POST.get("text", ""),
            proposed_change=request.POST.get("proposed_change", ""),
            organisation=request.POST.get("organisation", ""),
            author=request.user,
            source="web",
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return render(
            request,
            "development/review/window.html",
            {
                "window": window,
                "draft": window.draft,
                "project": window.draft.project,
                "comments": window.comments.filter(author=request.user),
                "is_open": window.is_open(),
                "kinds": CommentKind.choices,
                "form": request.POST,
            },
            status=400,
        )
    messages.success(request, _("Your comment was filed."))
    return redirect("development:comment-window", window.pk)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """Record the secretariat's resolution of one comment."""
    window = _window(request, pk)
    comment = get_object_or_404(window.comments, pk=comment_pk)
    try:
        comments.resolve_comment(
            comment,
            resolution=request.POST.get("resolution", ""),
            reason=request.POST.get("reason", ""),
            revision=_int(request.POST.get("revision")),
            user=request.user,
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("development:comment-window", window.pk)
    url = reverse("development:comment-window", args=[window.pk])
    return redirect(f"{url}#c{comment.number}")


def _download(data: bytes, name: str, kind: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
def resolution_table(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The 意见汇总处理表 of the window's draft as docx or xlsx (the secretariat)."""
    window = _window(request, pk)
    if kind not in ("docx", "xlsx") or not _may_manage(request.user, window.draft):
        raise Http404(_("Not found, or you may not see it."))
    writer = comments.resolution_table_docx if kind == "docx" else comments.resolution_table_xlsx
    return _download(writer(window.draft), f"comments-{window.draft.pk}", kind)


@login_required
def template_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The ISO commenting template, with the comments filed so far for the secretariat."""
    window = _window(request, pk)
    if _may_manage(request.user, window.draft):
        data = comment_templates.export_template(window.draft)
    else:
        data = comment_templates.export_template(None)
    return _download(data, "iso-comments", "xlsx")


@login_required
@require_POST
def template_import(request: HttpRequest, pk: int) -> HttpResponse:
    """File every comment of a filled-in ISO template, or none with each problem listed."""
    window = _window(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the filled-in template to upload."))
        return redirect("development:comment-window", window.pk)
    try:
        filed = comment_templates.import_template(
            window.draft, upload, author=request.user, request=request
        )
    except comment_templates.TemplateError as exc:
        for problem in exc.problems[:50]:
            messages.error(request, problem)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)d comments filed.") % {"n": len(filed)})
    return redirect("development:comment-window", window.pk)


@login_required
@require_POST
def ballot_open(request: HttpRequest, draft_pk: int) -> HttpResponse:
    """Open a ballot on a draft (the secretariat)."""
    draft = get_or_404(Draft, request.user, draft_pk, "view", "project__body")
    try:
        ballot = voting.open_ballot(
            draft,
            user=request.user,
            days=_int(request.POST.get("days")) or 30,
            rule=request.POST.get("rule") or None,
            advance_to=request.POST.get("advance_to", "").strip(),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(draft)
    return redirect("development:ballot", ballot.pk)


@login_required
def ballot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A ballot: the voter's own position, and for the secretariat the votes and the result."""
    ballot = get_or_404(Ballot, request.user, pk, "view", "draft__project__body")
    voter = ballot.voters.filter(user=request.user).select_related("vote").first()
    manage = _may_manage(request.user, ballot.draft)
    return render(
        request,
        "development/review/ballot.html",
        {
            "ballot": ballot,
            "draft": ballot.draft,
            "project": ballot.draft.project,
            "voter": voter,
            "vote": getattr(voter, "vote", None) if voter else None,
            "may_manage": manage,
            "positions": Position.choices,
            "voters": ballot.voters.select_related("user", "vote") if manage else (),
            "live": voting.tally_ballot(ballot) if manage and ballot.is_open else None,
        },
    )


@login_required
@require_POST
def ballot_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Cast or change one's vote; refused with the reason when not possible."""
    ballot = get_or_404(Ballot, request.user, pk, "view")
    try:
        voting.cast_vote(
            ballot,
            user=request.user,
            position=request.POST.get("position", ""),
            reasons=request.POST.get("reasons", ""),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("development:ballot", ballot.pk)
    messages.success(request, _("Your vote was recorded."))
    return redirect("development:ballot", ballot.pk)


@login_required
@require_POST
def ballot_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a ballot now and show its explained result."""
    ballot = get_or_404(Ballot, request.user, pk, "view", "draft__project__body")
    try:
        voting.close_ballot(ballot, user=request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("development:ballot", ballot.pk)
