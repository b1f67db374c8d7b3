"""Pages of the research library (reports) and of research projects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from catalog.search import SearchError
from catalog.search.generic import search_documents
from core.exceptions import DomainError
from core.uploads import CONTENT_TYPES
from core.writers import Column, Sheet, write_xlsx
from research.forms import DatedItemForm, ProjectForm, ReportForm
from research.models import Deliverable, Milestone, Report, ResearchProject
from research.services import library, projects

SEARCH_LIMIT = 50


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """Reports the person may read; a text searches titles and full texts in the search engine."""
    reports = Report.objects.restrict(request.user).select_related("centre")
    text = request.GET.get("q", "").strip()
    error = ""
    if text:
        try:
            found = search_documents(request.user, text, models=[Report], limit=SEARCH_LIMIT)
        except SearchError as exc:
            error, found = exc.message, None
        ids = [int(hit.object_id) for hit in found.hits] if found else []
        by_id = reports.in_bulk(ids)
        rows = [by_id[i] for i in ids if i in by_id]
    else:
        rows = list(reports[:100])
    return render(request, "research/reports.html", {"rows": rows, "q": text, "error": error})


@require_GET
def report_export(request: HttpRequest) -> HttpResponse:
    """The reports the person may read, as xlsx."""
    reports = Report.objects.restrict(request.user)
    columns = [Column(title, 20) for title in library.export_columns()]
    data = write_xlsx([Sheet("reports", library.export_rows(reports), columns)])
    response = HttpResponse(data, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="research-reports.xlsx"'
    return response


@login_required
def report_upload(request: HttpRequest) -> HttpResponse:
    """Upload a report with its metadata and the declaration that it is not classified."""
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            report = library.upload_report(
                request.user, upload, library.ReportData(**data), request=request
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(report)
    return render(request, "research/report_upload.html", {"form": form})


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's metadata and its cited standards, those changed since first."""
    report = get_object_or_404(
        Report.objects.restrict(request.user).select_related("centre"), pk=pk
    )
    return render(
        request,
        "research/report.html",
        {
            "report": report,
            "cited": library.cited_standards(report),
            "deliverables": report.deliverables.select_related("project"),
        },
    )


@require_GET
def report_file(request: HttpRequest, pk: int) -> FileResponse:
    """The report's file, to the people who may read it."""
    report = get_object_or_404(Report.objects.restrict(request.user), pk=pk)
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.filename,
        content_type=CONTENT_TYPES[report.file_kind],
    )


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """The research projects the person may see, with overdue flags."""
    rows = (
        ResearchProject.objects.restrict(request.user)
        .select_related("lead", "centre")
        .prefetch_related("milestones", "deliverables")
        .distinct()
    )
    return render(
        request,
        "research/projects.html",
        {
            "rows": [(p, projects.overdue_summary(p)) for p in rows[:200]],
            "may_add": request.user.has_perm("research.add_researchproject"),
        },
    )


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    """Open a research project."""
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = projects.create_project(request.user, request=request, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(project)
    return render(request, "research/project_new.html", {"form": form})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project with its team, milestones and deliverables."""
    project = get_object_or_404(
        ResearchProject.objects.restrict(request.user).distinct().select_related("lead"), pk=pk
    )
    may_change = ResearchProject.objects.restrict(request.user, "change").filter(pk=pk).exists()
    return render(
        request,
        "research/project.html",
        {
            "project": project,
            "may_change": may_change,
            "milestone_form": DatedItemForm(auto_id="milestone_%s"),
            "deliverable_form": DatedItemForm(auto_id="deliverable_%s"),
            "summary": projects.overdue_summary(project),
            "reports": Report.objects.restrict(request.user).only("pk", "title")[:200],
        },
    )


@login_required
@require_POST
def project_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Add a milestone or deliverable, tick a milestone, deliver a report, complete the project."""
    project = get_object_or_404(ResearchProject.objects.restrict(request.user).distinct(), pk=pk)
    try:
        if action in ("milestone", "deliverable"):
            form = DatedItemForm(request.POST)
            if not form.is_valid():
                raise DomainError(" ".join(e for errs in form.errors.values() for e in errs))
            add = projects.add_milestone if action == "milestone" else projects.add_deliverable
            add(
                project,
                request.user,
                form.cleaned_data["title"],
                form.cleaned_data["due_on"],
                request=request,
            )
        elif action == "done":
            item = get_object_or_404(Milestone, pk=request.POST.get("item"), project=project)
            projects.complete_milestone(item, request.user, request=request)
        elif action == "deliver":
            item = get_object_or_404(Deliverable, pk=request.POST.get("item"), project=project)
            report = get_object_or_404(Report, pk=request.POST.get("report") or 0)
            projects.deliver(item, request.user, report, request=request)
        elif action == "complete":
            projects.complete_project(project, request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(project)
