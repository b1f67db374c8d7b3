"""Pages of bases, contracts and annual plans: parse, call a service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.views.common import page_links
from core.exceptions import DomainError
from core.htmx import pick_template
from core.pdf import render_pdf
from core.uploads import CONTENT_TYPES
from governance.models import (
    AnnualPlan,
    Base,
    Contract,
    Document,
    DocumentKind,
    PlanTask,
)
from governance.services import bases, changes, contracts, plans
from governance.services.access import may
from governance.services.documents import store_document
from governance.services.funding import describe_rule
from governance.services.reports import bulletin_report, render_docx
from governance.views.common import (
    BULLETIN_NAME,
    DOCX,
    PDF,
    download,
    file_name,
    get_or_404,
    parse_date,
)
from workflows.services import available_transitions, history


@login_required
def base_list(request: HttpRequest) -> HttpResponse:
    """The bases the person may see, with their stage."""
    rows = Base.objects.restrict(request.user, "view").select_related("body")
    return render(request, "governance/base_list.html", {"bases": rows})


@login_required
def base_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A base: stage, required documents, decisions, organisation, contracts, plans."""
    base = get_or_404(Base, request.user, pk)
    context = {
        "base": base,
        "missing": bases.stage_checklist(base),
        "kinds": DocumentKind.choices,
        "events": [
            {
                "event": event,
                "from": base.process.state_label(event.from_state),
                "to": base.process.state_label(event.to_state),
            }
            for event in history(base)
        ],
        "steps": available_transitions(base, request.user),
        "organisation": bases.organisation_of(base),
        "documents": Document.objects.restrict(request.user, "view").filter(base=base),
        "contracts": Contract.objects.restrict(request.user, "view").filter(base=base),
        "plans": AnnualPlan.objects.restrict(request.user, "view").filter(base=base),
        "may_upload": may(request.user, "add_document", base),
        "may_add": may(request.user, "add_contract", base),
        "centres": bases.centres_of(base),
        "units": bases.units_of(base),
    }
    return render(request, "governance/base_detail.html", context)


@login_required
@require_POST
def base_advance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision that moves a base to its next stage."""
    base = get_or_404(Base, request.user, pk)
    try:
        decided_on = parse_date(request.POST.get("decided_on"), _("Date of the decision"))
        bases.advance_base(
            base,
            request.POST.get("target", ""),
            request.user,
            decided_on=decided_on,
            decision=request.POST.get("decision", ""),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(base)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a document of the base's current stage."""
    base = get_or_404(Base, request.user, pk)
    try:
        store_document(
            base,
            request.FILES.get("file"),
            kind=request.POST.get("kind", ""),
            stage=base.state,
            title=request.POST.get("title", ""),
            user=request.user,
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(base)


@login_required
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """A stored document, to the people who may see it (or its unit's evidence)."""
    document = get_or_404(Document, request.user, pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=CONTENT_TYPES.get(document.file_kind, "application/octet-stream"),
    )


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A contract: what is due, late, accepted, paid; its change requests."""
    contract = get_or_404(Contract, request.user, pk)
    context = {
        "contract": contract,
        "status": contracts.contract_status(contract),
        "rule": describe_rule(contract.funding_rule),
        "tasks": contract.tasks.all(),
        "lines": contract.budget_lines.all(),
        "changes": changes.change_history(contract),
        "manage": may(request.user, "change_contract", contract.base),
        "steps": available_transitions(contract, request.user),
    }
    return render(request, "governance/contract_detail.html", context)


@login_required
@require_POST
def contract_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign, accept a task, verify or pay a milestone, request or decide a change."""
    contract = get_or_404(Contract, request.user, pk)
    post, user = request.POST, request.user
    action = post.get("action", "")
    try:
        if action == "sign":
            contracts.sign_contract(
                contract,
                user,
                signed_on=parse_date(post.get("on"), _("Signing date")),
                request=request,
            )
        elif action in ("submit", "accept"):
            task = contract.tasks.get(pk=post.get("task"))
            if action == "submit":
                contracts.submit_task(task, user, request=request)
            else:
                contracts.accept_task(
                    task, user, completion=post.get("completion"), request=request
                )
        elif action in ("verify", "pay"):
            milestone = contract.milestones.get(pk=post.get("milestone"))
            if action == "verify":
                contracts.verify_milestone(milestone, user, request=request)
            else:
                contracts.record_payment(
                    milestone,
                    user,
                    paid_on=parse_date(post.get("on"), _("Payment date")),
                    request=request,
                )
        elif action == "change":
            kind, _sep, target = post.get("target", "").partition(":")
            related = {"task": contract.tasks, "line": contract.budget_lines}
            related["milestone"] = contract.milestones
            if kind not in related:
                raise ValueError(_("No such item."))
            obj = related[kind].get(pk=int(target) if target.isdigit() else 0)
            on = post.get("on") or ""
            changes.request_change(
                contract,
                user,
                reason=post.get("reason", ""),
                task=obj if kind == "task" else None,
                new_due_on=parse_date(on, _("New deadline")) if on else None,
                new_title=post.get("title", ""),
                new_deliverable=post.get("deliverable", ""),
                budget_line=obj if kind == "line" else None,
                milestone=obj if kind == "milestone" else None,
                new_amount=post.get("amount") or None,
                request=request,
            )
        elif action in ("approve", "reject"):
            change = contract.change_requests.get(pk=post.get("change"))
            changes.decide_change(
                change,
                user,
                approve=action == "approve",
                comment=post.get("comment", ""),
                request=request,
            )
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    except (
        contract.tasks.model.DoesNotExist,
        contract.milestones.model.DoesNotExist,
        contract.change_requests.model.DoesNotExist,
    ):
        messages.error(request, _("No such item."))
    return redirect(contract)


PLAN_PAGE = 50


def _task_choices(request: HttpRequest) -> dict:
    """The plan page's filters and order from the query string (unknown values are ignored)."""
    status = request.GET.get("status", "")
    unit = request.GET.get("unit", "")
    sort = request.GET.get("sort", "")
    return {
        "status": status if status in plans.TASK_STATUSES else "",
        "unit": unit if unit.isdigit() else "",
        "sort": sort if sort.lstrip("-") in plans.TASK_SORTS and sort != "due" else "",
    }


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An annual plan with its tasks (filtered, sorted, 50 a page), and the bulletin downloads."""
    plan = get_or_404(AnnualPlan, request.user, pk)
    summary = plans.plan_summary(plan)
    visible = set(
        PlanTask.objects.restrict(request.user, "view")
        .filter(plan=plan)
        .values_list("pk", flat=True)
    )
    rows = [r for r in summary["rows"] if r["task"].pk in visible]
    chosen = _task_choices(request)
    shown = plans.select_task_rows(
        rows,
        status=chosen["status"],
        unit=int(chosen["unit"]) if chosen["unit"] else None,
        sort=chosen["sort"] or "due",
    )
    page = Paginator(shown, PLAN_PAGE).get_page(request.GET.get("page"))
    kept = {k: v for k, v in chosen.items() if v}

    def url_for(number: int, **changed) -> str:
        query = {**kept, **changed, "page": number if number > 1 else ""}
        return "?" + urlencode({k: v for k, v in query.items() if v})

    current = chosen["sort"] or "due"
    columns = []
    for key, label in (
        ("title", _("Task")),
        ("unit", _("Responsible unit")),
        ("due", _("Due on")),
        ("progress", _("Progress")),
        ("status", _("Status")),
    ):
        wanted = f"-{key}" if current == key else key
        order = {key: "ascending", f"-{key}": "descending"}.get(current, "")
        url = url_for(1, sort="" if wanted == "due" else wanted)
        columns.append({"key": key, "label": label, "url": url, "order": order})
    context = {
        "plan": plan,
        "summary": summary,
        "page": page,
        "tasks": page.object_list,
        "pages": page_links(page.number, page.paginator.num_pages, url_for),
        "chosen": chosen,
        "columns": columns,
        "sort_choices": [
            ("", _("Due date, earliest first")),
            ("-due", _("Due date, latest first")),
            ("title", _("Task, A to Z")),
            ("-title", _("Task, Z to A")),
            ("unit", _("Responsible unit, A to Z")),
            ("-unit", _("Responsible unit, Z to A")),
            ("progress", _("Progress, lowest first")),
            ("-progress", _("Progress, highest first")),
            ("status", _("Status (done first)")),
            ("-status", _("Status (overdue first)")),
        ],
        "clear_url": "?" + urlencode({"sort": chosen["sort"]} if chosen["sort"] else {}),
        "visible_total": len(rows),
        "filtered": bool(chosen["status"] or chosen["unit"]),
        "task_units": sorted({r["task"].unit for r in rows}, key=lambda u: u.name),
        "manage": may(request.user, "add_plantask", plan.base),
        "units": bases.units_of(plan.base),
        "centres": bases.centres_of(plan.base),
        "steps": available_transitions(plan, request.user),
    }
    template = pick_template(
        request, "governance/plan_detail.html", "governance/partials/plan_tasks.html"
    )
    return render(request, template, context)


@login_required
def plan_bulletin(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The progress bulletin (工作进度通报) as docx or pdf."""
    plan = get_or_404(AnnualPlan, request.user, pk)
    if fmt not in ("pdf", "docx"):
        raise Http404(fmt)
    report = bulletin_report(plan, plans.plan_summary(plan))
    name = file_name(BULLETIN_NAME, plan.year, f"{timezone.localdate():%Y%m%d}", ext=fmt)
    if fmt == "pdf":
        return download(render_pdf(report), name, PDF)
    return download(render_docx(report), name, DOCX)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan task with its progress reports and the form to report."""
    task = get_or_404(PlanTask, request.user, pk)
    reports = list(task.reports.select_related("evidence", "reported_by"))
    for report in reports:
        report.label = plans.period_label(task.plan, report.period)
    context = {
        "task": task,
        "reports": reports,
        "periods": plans.report_periods(task, timezone.localdate()),
        "may_report": plans.may_report(request.user, task),
    }
    return render(request, "governance/task_detail.html", context)


@login_required
@require_POST
def task_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report progress with evidence; nothing is kept when the report is refused."""
    task = get_or_404(PlanTask, request.user, pk)
    post = request.POST
    try:
        period = parse_date(
            (post.get("period") or "") + "-01"
            if len(post.get("period") or "") == 7
            else post.get("period"),
            _("Month"),
        )
        plans.report_progress(
            task,
            request.user,
            period=period,
            percent=post.get("percent"),
            text=post.get("text", ""),
            upload=request.FILES.get("evidence"),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(task)
