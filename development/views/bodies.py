"""Public pages of alliances and committees: members, work programme, published standards."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.models import Body, BodyMembership
from bodies.scopes import has_body_permission
from development import stages
from development.models import Project
from development.services.bodies import DEVELOPING_KINDS, profile_of
from development.services.listing import project_rows_xlsx


def body_index(request: HttpRequest) -> HttpResponse:
    """The alliances and committees that develop standards, with their counts."""
    bodies = Body.objects.active().filter(kind__in=DEVELOPING_KINDS).order_by("kind", "name")
    counts: dict[int, dict[str, int]] = {}
    for body_id, main, n in _stage_counts():
        entry = counts.setdefault(body_id, {"active": 0, "published": 0})
        if main in stages.DEVELOPMENT_STAGES:
            entry["active"] += n
        elif main in ("60", "90"):
            entry["published"] += n
    rows = [(b, counts.get(b.pk, {"active": 0, "published": 0})) for b in bodies]
    return render(request, "development/body_index.html", {"rows": rows})


def _stage_counts():
    from django.db.models import Count

    return (
        Project.objects.exclude(state__endswith=".98")
        .values_list("body_id", "stage_main")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _body(pk: int) -> Body:
    body = get_object_or_404(Body.objects.active(), pk=pk)
    if body.kind not in DEVELOPING_KINDS:
        raise Http404(_("This body does not develop standards."))
    return body


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An alliance's public page: profile, member organisations, projects and standards."""
    body = _body(pk)
    projects = Project.objects.restrict(request.user, "view").filter(body=body)
    members = (
        BodyMembership.objects.current()
        .filter(body=body, organization__isnull=False)
        .select_related("organization", "role")
        .order_by("role__code", "organization__name")
    )
    return render(
        request,
        "development/body_detail.html",
        {
            "body": body,
            "profile": profile_of(body),
            "members": members,
            "in_progress": projects.in_progress().order_by("number"),
            "published": projects.filter(standard__isnull=False)
            .select_related("standard")
            .order_by("-published_on"),
            "overdue": projects.overdue().count(),
            "can_manage": has_body_permission(request.user, "development.change_project", body),
            "can_propose": has_body_permission(request.user, "development.add_proposal", body),
            "today": timezone.localdate(),
        },
    )


def body_projects_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's projects as a spreadsheet (what the person may see)."""
    body = _body(pk)
    rows = Project.objects.restrict(request.user, "view").filter(body=body).order_by("number")
    response = HttpResponse(
        project_rows_xlsx(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="projects-{body.pk}.xlsx"'
    return response
