"""Research projects: creation, team, milestones, deliverables linked to reports, overdue flags."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from research.models import Deliverable, Milestone, Report, ResearchProject
from research.services.library import LibraryError


def _may_change(project: ResearchProject, user) -> None:
    if not ResearchProject.objects.restrict(user, "change").filter(pk=project.pk).exists():
        raise LibraryError(_("You may not change this project."))


def create_project(
    user,
    *,
    title: str,
    lead,
    starts_on: datetime.date,
    ends_on: datetime.date,
    centre=None,
    team=(),
    description: str = "",
    request=None,
) -> ResearchProject:
    """Open a research project (the desk of a centre, or the base office)."""
    from bodies.scopes import has_body_permission

    allowed = user.has_perm("research.add_researchproject") or (
        centre is not None and has_body_permission(user, "research.add_researchproject", centre)
    )
    if not allowed:
        raise LibraryError(_("You may not open research projects here."))
    if not title.strip():
        raise LibraryError(_("Give the project a title."))
    if ends_on < starts_on:
        raise LibraryError(_("The project cannot end before it starts."))
    with transaction.atomic():
        project = ResearchProject.objects.create(
            title=title.strip()[:300],
            lead=lead,
            centre=centre,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description.strip(),
        )
        project.team.set(team)
        log_action(
            "research.project.created",
            actor=user,
            obj=project,
            request=request,
            after={"lead": lead.pk, "team": [u.pk for u in team]},
        )
    return project


def add_milestone(project, user, title: str, due_on: datetime.date, *, request=None) -> Milestone:
    """Add a dated milestone."""
    _may_change(project, user)
    if not title.strip():
        raise LibraryError(_("Give the milestone a title."))
    with transaction.atomic():
        milestone = Milestone.objects.create(
            project=project, title=title.strip()[:200], due_on=due_on
        )
        log_action(
            "research.milestone.added",
            actor=user,
            obj=project,
            request=request,
            after={"milestone": milestone.pk, "due_on": due_on.isoformat()},
        )
    return milestone


def complete_milestone(milestone: Milestone, user, *, request=None) -> Milestone:
    """Mark a milestone done today."""
    _may_change(milestone.project, user)
    with transaction.atomic():
        milestone.done_on = timezone.localdate()
        milestone.save(update_fields=["done_on"])
        log_action(
            "research.milestone.done",
            actor=user,
            obj=milestone.project,
            request=request,
            after={"milestone": milestone.pk},
        )
    return milestone


def add_deliverable(project, user, title: str, due_on: datetime.date, *, request=None):
    """Add a deliverable the project owes."""
    _may_change(project, user)
    if not title.strip():
        raise LibraryError(_("Give the deliverable a title."))
    with transaction.atomic():
        item = Deliverable.objects.create(project=project, title=title.strip()[:200], due_on=due_on)
        log_action(
            "research.deliverable.added",
            actor=user,
            obj=project,
            request=request,
            after={"deliverable": item.pk},
        )
    return item


def deliver(item: Deliverable, user, report: Report, *, request=None) -> Deliverable:
    """Link a report of the library (one the person may read) as the deliverable."""
    _may_change(item.project, user)
    if not Report.objects.restrict(user).filter(pk=report.pk).exists():
        raise LibraryError(_("You cannot link a report you may not read."))
    with transaction.atomic():
        item.report = report
        item.save(update_fields=["report"])
        log_action(
            "research.deliverable.delivered",
            actor=user,
            obj=item.project,
            request=request,
            after={"deliverable": item.pk, "report": report.pk},
        )
    return item


def complete_project(project, user, *, request=None) -> ResearchProject:
    """Close the project today."""
    _may_change(project, user)
    with transaction.atomic():
        project.completed_on = timezone.localdate()
        project.save(update_fields=["completed_on"])
        log_action("research.project.completed", actor=user, obj=project, request=request)
    return project


def overdue_summary(project: ResearchProject) -> dict[str, int]:
    """How many milestones and deliverables are overdue, and whether the project is."""
    return {
        "milestones": sum(m.is_overdue for m in project.milestones.all()),
        "deliverables": sum(d.is_overdue for d in project.deliverables.all()),
        "project": int(project.is_overdue),
    }
