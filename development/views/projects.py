"""Pages of projects: the work programme, a project with its timeline, stage moves, publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.htmx import pick_template
from core.registry import project_panel_contexts
from development import stages
from development.forms import DraftUploadForm, PublishForm, TransitionForm
from development.models import ActionItem, Draft, Project
from development.services import impact, publication
from development.services.listing import filter_projects, project_rows_xlsx
from development.services.stages import advance_stage
from development.views.common import can, get_or_404
from workflows.services import available_transitions, history


def project_list(request: HttpRequest) -> HttpResponse:
    """The work programme: every project the person may see, filtered."""
    rows = filter_projects(
        Project.objects.restrict(request.user, "view").select_related("body"), request.GET
    ).order_by("-created_at", "-pk")
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            project_rows_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="projects.xlsx"'
        return response
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    template = pick_template(
        request, "development/project_list.html", "development/partials/project_rows.html"
    )
    return render(
        request,
        template,
        {
            "page": page,
            "stages": stages.STAGES,
            "tracks": stages.Track.choices,
            "params": request.GET,
        },
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project: its stage, dates, drafts, action items and the timeline of every event."""
    project = get_or_404(Project, request.user, pk, "view", "body", "standard", "proposal")
    may_change = can(Project, request.user, project)
    drafts = Draft.objects.restrict(request.user, "view").filter(project=project)
    events = list(history(project))
    if project.proposal_id:
        events = list(history(project.proposal)) + events
    return render(
        request,
        "development/project_detail.html",
        {
            "project": project,
            "may_change": may_change,
            "drafts": drafts.order_by("-created_at", "-pk")
            .select_related("uploaded_by")
            .defer("text", "clauses"),
            "actions": ActionItem.objects.restrict(request.user, "view")
            .filter(project=project)
            .order_by("resolved_at", "-created_at"),
            "events": events,
            "panels": project_panel_contexts(project, request.user),
            "transitions": available_transitions(project, request.user) if may_change else [],
            "upload_form": DraftUploadForm(),
            "publish_form": PublishForm(),
            "transition_form": TransitionForm(),
            "can_publish": may_change
            and stages.main_stage(project.state) in ("50", "60")
            and not project.standard_id,
        },
    )


@login_required
@require_POST
def project_advance(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a project to the stage a button names."""
    project = get_or_404(Project, request.user, pk, "view")
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            advance_stage(
                project,
                form.cleaned_data["to_state"],
                user=request.user,
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("The project is now at %(stage)s.") % {"stage": project.state_label}
            )
    return redirect(project)


@login_required
@require_POST
def project_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the project's standard into the catalogue."""
    project = get_or_404(Project, request.user, pk, "view")
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the publication and implementation dates."))
        return redirect(project)
    try:
        publication.publish_project(
            project,
            user=request.user,
            published_on=form.cleaned_data["published_on"],
            implemented_on=form.cleaned_data["implemented_on"],
            designation=form.cleaned_data["designation"],
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(designation)s is published and in the catalogue.")
            % {"designation": publication.display_designation(project.designation)},
        )
    return redirect(project)


@login_required
@require_POST
def action_item_resolve(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Close an action item of a project."""
    project = get_or_404(Project, request.user, pk, "view")
    item = get_or_404(ActionItem, request.user, item_pk, "change")
    if item.project_id != project.pk:
        return redirect(project)
    try:
        impact.resolve_action_item(item, user=request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(project)
