"""Evaluation pages: self-assessment, panel draw, scoring sheet, grade, rectification, dossier."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organization
from core.exceptions import DomainError
from core.htmx import pick_template
from core.pdf import render_pdf
from governance.exceptions import GovernanceError
from governance.models import Base, Evaluation, EvaluationKind, Finding, Rectification
from governance.services import evaluations
from governance.services.access import may
from governance.services.dossier import dossier_report
from governance.services.reports import render_docx
from governance.views.common import (
    DOCX,
    DOSSIER_NAMES,
    PDF,
    download,
    file_name,
    get_or_404,
    parse_date,
)
from workflows.services import available_transitions, transition


@login_required
def evaluation_list(request: HttpRequest, pk: int) -> HttpResponse:
    """A base's evaluations and the form to open one."""
    base = get_or_404(Base, request.user, pk)
    rows = Evaluation.objects.restrict(request.user, "view").filter(base=base)
    context = {
        "base": base,
        "evaluations": rows,
        "kinds": EvaluationKind.choices,
        "may_add": may(request.user, "add_evaluation", base),
        "tab": "evaluations",
    }
    return render(request, "governance/evaluation_list.html", context)


@login_required
@require_POST
def evaluation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Open an evaluation."""
    base = get_or_404(Base, request.user, pk)
    post = request.POST
    try:
        thresholds = {k: post.get(k) for k in ("excellent", "good", "pass")}
        evaluation = evaluations.create_evaluation(
            base,
            kind=post.get("kind", ""),
            title=post.get("title", ""),
            as_of=parse_date(post.get("as_of"), _("Date of the evaluation")),
            panel_size=int(post.get("panel_size") or 5),
            drop_extremes=post.get("drop_extremes") == "on",
            thresholds=thresholds,
            actor=request.user,
            request=request,
        )
    except ValueError:
        messages.error(request, _("The panel size must be a number."))
        return redirect("governance:evaluations", base.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("governance:evaluations", base.pk)
    return redirect(evaluation)


@login_required
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An evaluation: self-assessment, panel, the person's score sheet, results, findings."""
    evaluation = get_or_404(Evaluation, request.user, pk)
    member = evaluations.member_of(evaluation, request.user)
    mine = {s.indicator_id: s for s in evaluation.scores.filter(member=member)} if member else {}
    sheet = [(i, mine.get(i.pk)) for i in evaluations.sheet(evaluation)]
    findings = evaluation.findings.prefetch_related("rectifications__unit")
    context = {
        "evaluation": evaluation,
        "base": evaluation.base,
        "member": member,
        "sheet": sheet,
        "manage": may(request.user, "change_evaluation", evaluation.base),
        "result": evaluations.aggregate(evaluation),
        "panel": evaluation.panel.select_related("expert"),
        "findings": findings,
        "steps": [s for s in available_transitions(evaluation, request.user) if s.name != "grade"],
        "units": Organization.objects.filter(pk__in=evaluation.base.contracts.values("builder")),
        "tab": "evaluations",
    }
    template = pick_template(
        request, "governance/evaluation_detail.html", "governance/partials/score_sheet.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def evaluation_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the self-assessment, draw the panel, move on, grade, add findings, score."""
    evaluation = get_or_404(Evaluation, request.user, pk)
    post, user = request.POST, request.user
    action = post.get("action", "")
    try:
        if action == "assess":
            evaluations.save_self_assessment(
                evaluation,
                user,
                text=post.get("text") if post.get("text") else None,
                request=request,
            )
        elif action == "draw":
            evaluations.draw_panel(evaluation, user, request=request)
        elif action == "grade":
            evaluations.grade_evaluation(evaluation, user, request=request)
        elif action == "finding":
            evaluations.add_finding(evaluation, user, post.get("text", ""), request=request)
        elif action == "rectification":
            finding = get_or_404(Finding, user, post.get("finding"))
            unit = Organization.objects.filter(pk=post.get("unit") or None).first()
            if unit is None:
                raise GovernanceError(_("Choose the responsible unit."))
            evaluations.add_rectification(
                finding,
                user,
                title=post.get("title", ""),
                unit=unit,
                due_on=parse_date(post.get("due_on"), _("Rectification deadline")),
                request=request,
            )
        elif action == "score":
            entries = {
                indicator: (
                    post.get(f"score-{indicator.pk}"),
                    post.get(f"comment-{indicator.pk}", ""),
                )
                for indicator in evaluations.sheet(evaluation)
                if post.get(f"score-{indicator.pk}") not in (None, "")
            }
            evaluations.record_sheet(evaluation, user, entries, request=request)
        elif action == "opinion":
            evaluations.record_opinion(evaluation, user, post.get("text", ""), request=request)
        elif action:
            transition(evaluation, action, user, post.get("comment", ""), request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(evaluation)


@login_required
@require_POST
def rectification_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit submits its rectification with evidence; the office closes or sends it back."""
    task = Rectification.objects.restrict(request.user, "view").filter(pk=pk).first()
    if task is None:
        raise Http404(_("Not found, or you may not see it."))
    post = request.POST
    try:
        if post.get("action") == "submit":
            evaluations.submit_rectification(
                task,
                request.user,
                result=post.get("result", ""),
                upload=request.FILES.get("evidence"),
                request=request,
            )
        else:
            transition(
                task, post.get("action", ""), request.user, post.get("comment", ""), request=request
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(task.finding.evaluation)


@login_required
def dossier(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The (acceptance) dossier as docx or pdf."""
    evaluation = get_or_404(Evaluation, request.user, pk)
    if fmt not in ("pdf", "docx"):
        raise Http404(fmt)
    report = dossier_report(evaluation)
    kind = DOSSIER_NAMES.get(evaluation.kind, evaluation.kind)
    name = file_name(evaluation.base.code, kind, f"{evaluation.as_of:%Y%m%d}", ext=fmt)
    if fmt == "pdf":
        return download(render_pdf(report), name, PDF)
    return download(render_docx(report), name, DOCX)
