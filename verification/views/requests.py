"""Pages of draft verification: request, accept, plan, enter or upload results, report."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bodies.scopes import bodies_with_permission
from core.exceptions import DomainError
from core.uploads import CONTENT_TYPES
from development.models import Draft, Project
from verification.models import REQUEST, VerificationCentre, VerificationRequest
from verification.services import requests as service
from verification.services.conformity import ItemInput
from verification.services.reports_requests import request_pdf, request_xlsx
from workflows.services import available_transitions, history, transition

XLSX = CONTENT_TYPES["xlsx"]
DATE = forms.DateInput(attrs={"type": "date"})


class RequestForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    centre = forms.ModelChoiceField(
        label=_("proposed centre"), queryset=VerificationCentre.objects.none()
    )
    items = forms.CharField(
        label=_("Items to verify"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One a line: clause | indicator | requirement as written | method "
                    "(文件审查, 试验验证 or 现场试用) [| 修约值]."),
    )  # fmt: skip
    purpose = forms.CharField(label=_("purpose"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = VerificationCentre.objects.filter(
            body__is_active=True
        ).select_related("body")


class PlanForm(forms.Form):
    samples = forms.CharField(label=_("samples"), widget=forms.Textarea(attrs={"rows": 2}))
    labs = forms.CharField(label=_("laboratories"), max_length=300)
    planned_start = forms.DateField(label=_("planned start"), widget=DATE)
    planned_end = forms.DateField(label=_("planned end"), widget=DATE)


class ResultForm(forms.Form):
    clause = forms.CharField(label=_("clause"), max_length=40)
    indicator = forms.CharField(label=_("indicator"), max_length=200, required=False)
    value = forms.CharField(label=_("measured value"), max_length=100)
    unit = forms.CharField(label=_("unit"), max_length=30, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Results file (xlsx or csv)"))


def _request(request: HttpRequest, pk: int) -> VerificationRequest:
    req = (
        VerificationRequest.objects.restrict(request.user, "view")
        .select_related("project", "draft", "centre__body").filter(pk=pk).first()
    )  # fmt: skip
    if req is None:
        raise Http404
    return req


PAGE_SIZE = 50


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """The verification requests the person may see, by state."""
    reqs = VerificationRequest.objects.restrict(request.user).select_related(
        "project", "centre__body", "draft"
    )
    state = request.GET.get("state", "")
    if state in REQUEST.states:
        reqs = reqs.filter(state=state)
    page = Paginator(reqs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "requests": page.object_list, "state": state,
               "states": REQUEST.states.items(), "drafts": _my_drafts(request.user)}  # fmt: skip
    return render(request, "verification/requests/list.html", context)


def _my_drafts(user):
    """The latest drafts of the projects whose secretariat the person is (to request from)."""
    drafts = Draft.objects.select_related("project").order_by("-created_at")
    if not user.has_perm("development.change_project"):
        bodies = bodies_with_permission(user, "development.change_project")
        drafts = drafts.filter(project__body__in=sorted(bodies))
    return drafts[:20]


@login_required
def request_new(request: HttpRequest, draft: int) -> HttpResponse:
    """The project's secretariat asks a centre to verify clauses of a draft."""
    draft_obj = get_object_or_404(Draft.objects.select_related("project__body"), pk=draft)
    if not service.can_request(request.user, draft_obj):
        raise Http404
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = service.request_verification(
                draft_obj, user=request.user, centre=data["centre"], title=data["title"],
                items=service.parse_item_lines(data["items"]), purpose=data["purpose"],
                request=request,
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(req)
    clauses = [c for c in (draft_obj.clauses or []) if c.get("number")][:60]
    return render(request, "verification/requests/new.html",
                  {"form": form, "draft": draft_obj, "clauses": clauses})  # fmt: skip


def _detail(request, req, *, plan_form=None, result_form=None, upload_form=None, error="",
            status=200):  # fmt: skip
    works_here = service.can_work_on(request.user, req)
    items = list(req.items.select_related("comment"))
    for item in items:
        item.limit = service.limit_text(item.requirement, item.comparison)
    context = {
        "req": req, "items": items, "verdict": service.overall_verdict(req),
        "works_here": works_here,
        "can_enter": works_here and req.state in ("accepted", "planned"),
        "can_plan": works_here and req.state in ("accepted", "planned"),
        "transitions": [t for t in available_transitions(req, request.user) if t.name != "plan"],
        "history": history(req), "error": error,
        "plan_form": plan_form or PlanForm(initial={
            "samples": req.samples, "labs": req.labs, "planned_start": req.planned_start,
            "planned_end": req.planned_end}),
        "result_form": result_form or ResultForm(), "upload_form": upload_form or UploadForm(),
    }  # fmt: skip
    return render(request, "verification/requests/detail.html", context, status=status)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A request: its items with parsed limits and verdicts, plan, process and outputs."""
    return _detail(request, _request(request, pk))


@login_required
@require_POST
def request_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, decline, report or withdraw (through the process)."""
    req = _request(request, pk)
    try:
        transition(req, request.POST.get("to_state", ""), request.user,
                   request.POST.get("comment", ""), request=request)  # fmt: skip
    except DomainError as exc:
        return _detail(request, req, error=exc.message)
    return redirect(req)


@login_required
@require_POST
def request_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The centre records its plan and the request becomes planned."""
    req = _request(request, pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            service.plan_request(req, user=request.user, request=request, **form.cleaned_data)
        except DomainError as exc:
            return _detail(request, req, plan_form=form, error=exc.message)
        return redirect(req)
    return _detail(request, req, plan_form=form)


@login_required
@require_POST
def request_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter one measured value; it is judged at once."""
    req = _request(request, pk)
    form = ResultForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        entry = ItemInput(d["clause"], d["indicator"], "-", d["value"], d["unit"], "", 1)
        try:
            service.record_results(req, [entry], user=request.user, request=request)
        except DomainError as exc:
            return _detail(request, req, result_form=form, error=exc.message)
        return redirect(req)
    return _detail(request, req, result_form=form)


@login_required
@require_POST
def request_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the results file; any bad cell refuses the whole file with its row and column."""
    req = _request(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            entries = service.read_results_file(form.cleaned_data["file"])
            service.record_results(req, entries, user=request.user, request=request)
        except DomainError as exc:
            return _detail(request, req, upload_form=form, error=exc.message)
        return redirect(req)
    return _detail(request, req, upload_form=form)


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def request_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The results template with the request's items."""
    req = _request(request, pk)
    return _download(service.results_template(req), XLSX, f"verification-{req.pk}-template.xlsx")


@login_required
def request_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The verification report: the issued file once reported, else a draft rendering."""
    req = _request(request, pk)
    if req.report_file:
        return FileResponse(
            req.report_file.open("rb"), as_attachment=True, filename=f"{req.report_number}.pdf",
            content_type="application/pdf",
        )  # fmt: skip
    return _download(request_pdf(req), "application/pdf", f"verification-{req.pk}.pdf")


@login_required
def request_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The raw data of the request as xlsx."""
    req = _request(request, pk)
    return _download(request_xlsx(req), XLSX, f"verification-{req.pk}.xlsx")


def project_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The verification requests and reports attached to a project (those the person may see)."""
    project = get_object_or_404(Project.objects.restrict(request.user), pk=pk)
    reqs = VerificationRequest.objects.restrict(request.user).filter(project=project)
    reqs = reqs.select_related("centre__body", "draft")
    return render(request, "verification/requests/project.html",
                  {"project": project, "requests": reqs})  # fmt: skip


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: confirm a verification report by its code."""
    req = (
        VerificationRequest.objects.filter(verification_code=code.strip().upper())
        .exclude(verification_code="").select_related("project", "centre__body", "draft").first()
    )  # fmt: skip
    context = {"req": req, "verdict": service.overall_verdict(req) if req else ""}
    return render(request, "verification/requests/verify.html", context,
                  status=200 if req else 404)  # fmt: skip
