"""Draw pages: requests, commitment before the draw, record and verification after, invitations.

Also the score sheet the drawn panel fills in.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import DomainError
from talent.forms_experts import AnswerForm, DrawForm, PublicValueForm, ScoreSheetForm
from talent.models import ExpertDraw, Invitation, ScoreSheet
from talent.services import draw_records, draw_requests, invitations, reviews
from talent.services import draws as core
from workflows.services import history


def _draw(user, pk: int, action: str = "view") -> ExpertDraw:
    draw = ExpertDraw.objects.restrict(user, action).filter(pk=pk).first()
    if draw is None:
        raise Http404(_("Not found."))
    return draw


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The draws the user may see, newest first."""
    rows = ExpertDraw.objects.restrict(request.user, "view").select_related("operator")
    return render(
        request,
        "talent/draws/index.html",
        {"draws": rows[:200], "may_add": request.user.has_perm("talent.add_expertdraw")},
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    """The office names the object, the rules and the panel size."""
    if not request.user.has_perm("talent.add_expertdraw"):
        raise Http404(_("Not found."))
    form = DrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draw = draw_requests.create_draw(request.user, request=request, **form.draw_values())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("talent:experts:draw", draw.pk)
    return render(request, "talent/form.html", {"form": form, "title": _("New expert draw")})


def _removed(draw) -> list[tuple[str, str, int]]:
    """How many experts each exclusion rule kept out: (code, name, count) in rule order."""
    if not draw.pool_sha256:
        return []
    counts = draw_requests.exclusion_summary(draw)
    labels = core.exclusion_labels()
    return [(code, labels[code], counts[code]) for code in core.REASONS if counts.get(code)]


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A draw: rules; once committed the commitment; once drawn the panel and the seed."""
    draw = _draw(request.user, pk)
    office = request.user.has_perm("talent.change_expertdraw")
    context = {
        "draw": draw,
        "office": office,
        "removed": _removed(draw),
        "invitations": draw.invitations.select_related("expert", "replaces__expert"),
        "history": [
            (e, draw.process.state_label(e.from_state), draw.process.state_label(e.to_state))
            for e in history(draw)
        ],
        "public_form": PublicValueForm(),
        "sheet": ScoreSheet.objects.filter(draw=draw).first(),
        "sheet_form": ScoreSheetForm(),
    }
    if draw.state == "drawn":
        context["verification"] = core.verify_draw(draw_requests.export_record(draw))
    if context["sheet"]:
        result = context["result"] = reviews.sheet_result(context["sheet"])
        context["criteria_rows"] = [
            (c, result["criteria"].get(c["code"])) for c in context["sheet"].criteria
        ]
    return render(request, "talent/draws/detail.html", context)


@login_required
@require_POST
def step(request: HttpRequest, pk: int) -> HttpResponse:
    """Commit, enter the public value, draw or cancel (POST `step`)."""
    draw = _draw(request.user, pk, "change")
    name = request.POST.get("step", "")
    try:
        if name == "commit":
            draw_requests.commit_draw(request.user, draw, request=request)
            messages.success(request, _("The pool is frozen and the commitment published."))
        elif name == "public_value":
            form = PublicValueForm(request.POST)
            value = form.cleaned_data["public_value"] if form.is_valid() else ""
            draw_requests.set_public_value(request.user, draw, value, request=request)
        elif name == "draw":
            draw_requests.perform_draw(request.user, draw, request=request)
            messages.success(request, _("The panel is drawn and the seed revealed."))
        elif name == "cancel":
            draw_requests.cancel_draw(
                request.user, draw, request.POST.get("comment", ""), request=request
            )
        else:
            messages.error(request, _("Unknown step."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("talent:experts:draw", draw.pk)


@login_required
@require_GET
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """The draw record as JSON, as `stdbase verify-draw` reads it."""
    draw = _draw(request.user, pk)
    try:
        data = draw_requests.export_record(draw)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="draw-{draw.pk}.json"'
    return response


@login_required
@require_GET
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed draw record (签字版) as PDF."""
    draw = _draw(request.user, pk)
    try:
        body = draw_records.draw_pdf(draw)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="draw-{draw.pk}.pdf"'
    return response


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The drawn expert's personal link: confirm or decline with a reason (works once)."""
    try:
        found = invitations.invitation_for(request.user, token)
    except DomainError as exc:
        return render(request, "talent/draws/invitation.html", {"error": exc.message}, status=410)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = invitations.answer_invitation(
                request.user, token, accept=form.cleaned_data["accept"],
                reason=form.cleaned_data["reason"], request=request,
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "talent/draws/invitation.html", {"done": done})
    return render(request, "talent/draws/invitation.html", {"invitation": found, "form": form})


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """My seats on panels: invitations, answers, score sheets."""
    rows = (
        Invitation.objects.filter(expert__user=request.user)
        .exclude(status=Invitation.Status.WAITING)
        .select_related("draw")
        .order_by("-draw__drawn_at")
    )
    return render(request, "talent/draws/mine.html", {"seats": rows})


@login_required
@require_POST
def sheet_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The office sets the score sheet of a drawn panel."""
    draw = _draw(request.user, pk, "change")
    form = ScoreSheetForm(request.POST)
    try:
        if not form.is_valid():
            raise reviews.ReviewError(" ".join(e for errs in form.errors.values() for e in errs))
        reviews.create_score_sheet(
            request.user, draw, form.cleaned_data["criteria"],
            max_mark=form.cleaned_data["max_mark"], request=request,
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("talent:experts:draw", draw.pk)


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    """A panel member scores the object, or declares a conflict (and leaves the panel)."""
    sheet = ScoreSheet.objects.restrict(request.user, "view").filter(pk=pk).first()
    if sheet is None:
        raise Http404(_("Not found."))
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("conflict"):
                reviews.declare_conflict(
                    request.user, sheet, request.POST.get("reason", ""), request=request
                )
                messages.success(request, _("Your conflict was recorded; you left the panel."))
            else:
                marks = {c["code"]: request.POST.get(c["code"], "") for c in sheet.criteria}
                notes = {
                    c["code"]: request.POST.get(f"note-{c['code']}", "") for c in sheet.criteria
                }
                reviews.submit_scores(request.user, sheet, marks, notes, request=request)
                messages.success(request, _("Your score sheet was handed in."))
            return redirect(reverse("talent:experts:mine"))
        except DomainError as exc:
            error = exc.message
    return render(
        request, "talent/draws/score.html", {"sheet": sheet, "error": error, "post": request.POST}
    )
