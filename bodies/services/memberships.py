"""Adding people and organisations to bodies with a role, and ending their membership."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.exceptions import BodyError, BodyPermissionError
from bodies.models import Body, BodyMembership
from bodies.scopes import has_body_permission
from core.roles import get_role


def _require(actor, permission: str, body: Body) -> None:
    # actor=None is the operator at the console (seed and import commands).
    if actor is not None and not has_body_permission(actor, permission, body):
        raise BodyPermissionError(_("You may not manage the members of %(body)s.") % {"body": body})


def add_member(
    body: Body,
    role_code: str,
    *,
    actor,
    user=None,
    organization=None,
    joined_on: datetime.date | None = None,
    note: str = "",
    request=None,
) -> BodyMembership:
    """Give a person or an organisation a role in one body (secretariat of alliance A)."""
    from accounts.models import Role

    _require(actor, "bodies.add_bodymembership", body)
    if (user is None) == (organization is None):
        raise BodyError(_("A membership is held by a person or an organisation."))
    spec = get_role(role_code)
    role = Role.objects.filter(code=role_code).first()
    if spec is None or role is None or not spec.held_in_bodies:
        raise BodyError(_("This role cannot be held in a body."))
    if not body.is_active:
        raise BodyError(_("%(body)s no longer works.") % {"body": body})
    try:
        with transaction.atomic():
            membership = BodyMembership.objects.create(
                body=body,
                user=user,
                organization=organization,
                role=role,
                joined_on=joined_on or timezone.localdate(),
                note=note,
            )
            log_action(
                "bodies.membership.added",
                actor=actor,
                obj=body,
                after={
                    "member": str(user or organization),
                    "kind": "person" if user else "organisation",
                    "role": role_code,
                },
                request=request,
            )
    except IntegrityError:
        raise BodyError(_("The role is already held there.")) from None
    return membership


def end_membership(
    membership: BodyMembership,
    *,
    actor,
    on: datetime.date | None = None,
    request=None,
) -> BodyMembership:
    """End a membership on a day (today by default); its history stays."""
    _require(actor, "bodies.delete_bodymembership", membership.body)
    day = on or timezone.localdate()
    if membership.ended_on is not None:
        raise BodyError(_("This membership has already ended."))
    if day < membership.joined_on:
        raise BodyError(_("A membership cannot end before it began."))
    with transaction.atomic():
        membership.ended_on = day
        membership.save(update_fields=["ended_on", "updated_at"])
        log_action(
            "bodies.membership.ended",
            actor=actor,
            obj=membership.body,
            before={"member": str(membership.user or membership.organization)},
            after={"role": membership.role.code, "ended_on": day.isoformat()},
            request=request,
        )
    return membership
