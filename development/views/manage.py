"""Pages where the base office and secretariats register bodies, members and schedules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organization
from bodies.models import BodyMembership
from bodies.roles import BODY_CHAIR, BODY_MEMBER
from bodies.scopes import has_body_permission
from core.exceptions import DomainError
from development import stages
from development.forms import BodyForm
from development.models import ScheduleRule
from development.services.bodies import register_body, set_schedule
from development.views.bodies import _body

#: The roles a secretariat gives in its body.
MEMBER_ROLES = ("secretariat", BODY_CHAIR, BODY_MEMBER)


def _require(user, permission: str, body) -> None:
    if not has_body_permission(user, permission, body):
        raise PermissionDenied(_("You may not manage %(body)s.") % {"body": body})


@login_required
def body_new(request: HttpRequest) -> HttpResponse:
    """Register an alliance or a committee (the base office, or a TC's secretariat for an SC)."""
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            body = register_body(
                actor=request.user,
                request=request,
                lead_organization=data.pop("lead"),
                **data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(body)s is registered.") % {"body": body})
            return redirect("development:body-members", body.pk)
    return render(
        request,
        "development/manage/body_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _roles():
    from core.roles import get_role

    return [(code, getattr(get_role(code), "label", code)) for code in MEMBER_ROLES]


def _member(text: str):
    """The person (username or e-mail) or the organisation (exact name) a text names."""
    text = text.strip()
    if not text:
        return None, None
    person = get_user_model().objects.filter(Q(username=text) | Q(email__iexact=text)).first()
    if person is not None:
        return person, None
    return None, Organization.objects.filter(name=text).first()


@login_required
def body_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's members with their roles; the secretariat adds and ends memberships."""
    body = _body(pk)
    _require(request.user, "bodies.view_bodymembership", body)
    may_manage = has_body_permission(request.user, "bodies.add_bodymembership", body)
    status = 200
    if request.method == "POST":
        role = request.POST.get("role", "")
        person, organisation = _member(request.POST.get("member", ""))
        try:
            if person is None and organisation is None:
                raise DomainError(
                    _("No person or organisation “%(name)s” is registered.")
                    % {"name": request.POST.get("member", "").strip()}
                )
            from bodies.services import add_member

            add_member(
                body,
                role,
                actor=request.user,
                user=person,
                organization=organisation,
                request=request,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            messages.success(request, _("%(member)s added.") % {"member": person or organisation})
            return redirect("development:body-members", body.pk)
    rows = (
        BodyMembership.objects.current()
        .filter(body=body)
        .select_related("user", "organization", "role")
        .order_by("role__code", "organization__name", "user__username")
    )
    return render(
        request,
        "development/manage/members.html",
        {
            "body": body,
            "memberships": rows,
            "may_manage": may_manage,
            "roles": _roles(),
            "form": request.POST if status == 400 else {},
        },
        status=status,
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """End one membership today (its history stays)."""
    body = _body(pk)
    membership = get_object_or_404(BodyMembership.objects.current(), pk=membership_pk, body=body)
    from bodies.services import end_membership

    try:
        end_membership(membership, actor=request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("development:body-members", body.pk)


def _schedule_rows(body, posted=None):
    own = {(r.track, r.stage): r.months for r in ScheduleRule.objects.filter(body=body)}
    rows = []
    for track, label in stages.Track.choices:
        cells = []
        for stage in stages.TRACKS[track]["stages"]:
            name = f"m-{track}-{stage}"
            value = posted.get(name, "") if posted is not None else own.get((track, stage), "")
            default = stages.TRACKS[track]["months"].get(stage)
            cells.append(
                {
                    "stage": stage,
                    "label": stages.STAGES.get(stage, ""),
                    "name": name,
                    "value": value,
                    "default": default,
                }
            )
        rows.append({"track": track, "label": label, "cells": cells})
    return rows


@login_required
def body_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Months allowed per stage and track for this body; empty cells keep the default."""
    body = _body(pk)
    _require(request.user, "development.change_schedulerule", body)
    status = 200
    if request.method == "POST":
        months: dict[tuple[str, str], int | None] = {}
        try:
            for track in stages.TRACKS:
                for stage in stages.TRACKS[track]["stages"]:
                    raw = request.POST.get(f"m-{track}-{stage}", "").strip()
                    if raw and not raw.isdigit():
                        raise DomainError(
                            _("Stage %(stage)s: give 1 to 60 months.") % {"stage": stage}
                        )
                    months[(track, stage)] = int(raw) if raw else None
            set_schedule(body, months, actor=request.user, request=request)
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            messages.success(request, _("The schedule is saved."))
            return redirect("development:body-schedule", body.pk)
    return render(
        request,
        "development/manage/schedule.html",
        {
            "body": body,
            "rows": _schedule_rows(body, request.POST if status == 400 else None),
        },
        status=status,
    )
