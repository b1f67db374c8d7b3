"""Forms of the base office: new contracts, their tasks and milestones, plans, indicators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organization
from core.exceptions import DomainError
from governance.exceptions import GovernanceError
from governance.models import AnnualPlan, Base, Contract, Indicator
from governance.services import bases, contracts, kpis, plans
from governance.views.common import get_or_404, parse_date
from workflows.services import transition


def _organization(pk) -> Organization:
    org = Organization.objects.filter(pk=pk or None).first()
    if org is None:
        raise GovernanceError(_("Choose a unit."))
    return org


def _centre(base: Base, pk, required: bool = True):
    centre = bases.centres_of(base).filter(pk=pk or None).first()
    if centre is None and required:
        raise GovernanceError(_("Choose a centre or platform."))
    return centre


def funding_rule_from(post) -> dict:
    """The contract's funding rule from the form: kind plus threshold or steps text."""
    kind = post.get("rule", "proportional")
    if kind == "threshold":
        return {"kind": kind, "threshold": post.get("threshold", "")}
    if kind == "steps":
        steps = []
        for part in (post.get("steps") or "").replace("，", ",").split(","):
            if ":" in part.replace("：", ":"):
                done, share = part.replace("：", ":").split(":", 1)
                steps.append([done.strip(), share.strip()])
        return {"kind": kind, "steps": steps}
    return {"kind": kind}


@login_required
@require_POST
def contract_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Draw up a contract from the base page."""
    base = get_or_404(Base, request.user, pk)
    post = request.POST
    try:
        contract = contracts.create_contract(
            base,
            centre=_centre(base, post.get("centre")),
            builder=_organization(post.get("builder")),
            number=post.get("number", ""),
            title=post.get("title", ""),
            starts_on=parse_date(post.get("starts_on"), _("Start date")),
            ends_on=parse_date(post.get("ends_on"), _("End date")),
            funding_rule=funding_rule_from(post),
            actor=request.user,
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(base)
    return redirect(contract)


@login_required
@require_POST
def contract_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a task, a budget line or a milestone to a draft contract."""
    contract = get_or_404(Contract, request.user, pk)
    post, user = request.POST, request.user
    try:
        what = post.get("what")
        if what == "task":
            contracts.add_task(
                contract,
                title=post.get("title", ""),
                deliverable=post.get("deliverable", ""),
                due_on=parse_date(post.get("due_on"), _("Deadline")),
                actor=user,
                request=request,
            )
        elif what == "budget":
            contracts.add_budget_line(
                contract,
                name=post.get("name", ""),
                amount=post.get("amount", ""),
                actor=user,
                request=request,
            )
        elif what == "milestone":
            tasks = contract.tasks.filter(pk__in=post.getlist("tasks"))
            contracts.add_milestone(
                contract,
                title=post.get("title", ""),
                amount=post.get("amount", ""),
                due_on=parse_date(post.get("due_on"), _("Deadline")),
                tasks=tasks,
                actor=user,
                request=request,
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(contract)


@login_required
@require_POST
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Draw up the annual plan of a year."""
    base = get_or_404(Base, request.user, pk)
    try:
        year = int(request.POST.get("year") or 0)
        plan = plans.create_plan(
            base,
            year=year,
            title=request.POST.get("title", ""),
            targets=request.POST.get("targets", ""),
            reporting=request.POST.get("reporting", ""),
            actor=request.user,
            request=request,
        )
    except ValueError:
        messages.error(request, _("The year must be a number."))
        return redirect(base)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(base)
    return redirect(plan)


@login_required
@require_POST
def plan_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a task to a plan, or approve the plan."""
    plan = get_or_404(AnnualPlan, request.user, pk)
    post = request.POST
    try:
        if post.get("what") in ("approved", "closed"):
            transition(plan, post["what"], request.user, "", request=request)
        else:
            plans.add_plan_task(
                plan,
                title=post.get("title", ""),
                unit=_organization(post.get("unit")),
                centre=_centre(plan.base, post.get("centre"), required=False),
                starts_on=parse_date(post.get("starts_on"), _("Start date")),
                due_on=parse_date(post.get("due_on"), _("Deadline")),
                actor=request.user,
                request=request,
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(plan)


@login_required
@require_POST
def indicator_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an indicator to the KPI tree from the dashboard."""
    base = get_or_404(Base, request.user, pk)
    post = request.POST
    parent = Indicator.objects.filter(base=base, pk=post.get("parent") or None).first()
    try:
        kpis.add_indicator(
            base,
            code=post.get("code", ""),
            name=post.get("name", ""),
            parent=parent,
            weight=post.get("weight") or "1",
            target=post.get("target") or None,
            unit=post.get("unit", ""),
            source=post.get("source") or kpis.MANUAL,
            centre=_centre(base, post.get("centre"), required=False),
            actor=request.user,
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("governance:dashboard", base.pk)
