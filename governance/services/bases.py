"""Bases: registering one, its life-cycle decisions, and its organisation (bodies and roles)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.models import Body, BodyMembership
from bodies.services import add_member, create_body
from governance import roles
from governance.exceptions import GovernanceError
from governance.models import Base, missing_documents
from governance.services.access import require
from workflows.services import transition

CONSTRUCTION_YEARS = 3
UNIT_ROLES = (roles.ORGANISING_UNIT, roles.PARTICIPATING_UNIT)
PERSON_ROLES = (roles.COORDINATION, roles.OFFICE, roles.EXPERT_COMMITTEE)


def create_base(*, code: str, name: str, actor, field: str = "", request=None) -> Base:
    """Register a base: its body (kind base) and its governance record in 申报."""
    code = (code or "").strip().lower()
    if not code or not (name or "").strip():
        raise GovernanceError(_("A base needs a code and a name."))
    if Base.objects.filter(code=code).exists():
        raise GovernanceError(_("Another base already uses the code %(code)s.") % {"code": code})
    with transaction.atomic():
        body = create_body(kind="base", name=name.strip(), actor=actor, request=request)
        base = Base.objects.create(
            body=body, code=code, name=body.name, field=field, created_by=actor
        )
        log_action(
            "governance.base.created",
            actor=actor,
            obj=base,
            after={"code": code, "name": base.name},
            request=request,
        )
    return base


def add_centre(base: Base, name: str, *, actor, request=None) -> Body:
    """Add a centre or the platform (a body under the base)."""
    return create_body(kind="centre", name=name, parent=base.body, actor=actor, request=request)


def centres_of(base: Base):
    """The centres and platform of a base."""
    return Body.objects.filter(parent=base.body, kind="centre").order_by("name")


def advance_base(
    base: Base,
    target: str,
    user,
    *,
    decided_on: datetime.date | None,
    decision: str,
    request=None,
):
    """Move the base to its next stage with the decision's date and text (and its documents)."""
    if decided_on is None:
        raise GovernanceError(_("Give the date of the decision."))
    if not (decision or "").strip():
        raise GovernanceError(_("Write down the decision."))
    with transaction.atomic():
        event = transition(
            base,
            target,
            user,
            decision.strip(),
            data={"decided_on": decided_on.isoformat(), "stage_left": base.state},
            request=request,
        )
        dates = {}
        if target == "appraisal" and base.applied_on is None:
            dates["applied_on"] = decided_on
        if target == "approved":
            dates["approved_on"] = decided_on
        if target == "construction":
            dates["construction_starts"] = decided_on
            dates["construction_ends"] = decided_on.replace(
                year=decided_on.year + CONSTRUCTION_YEARS
            )
        if dates:
            Base.objects.filter(pk=base.pk).update(**dates)
            for name, value in dates.items():
                setattr(base, name, value)
    return event


def stage_checklist(base: Base) -> list[str]:
    """The required documents the current stage still lacks (for the base page)."""
    return missing_documents(base)


def add_unit(
    base: Base, organization, role_code: str, *, actor, centre: Body | None = None, request=None
) -> BodyMembership:
    """Make an organisation the organising, a participating or a centre's builder unit."""
    require(actor, "change_base", base)
    if role_code == roles.BUILDER_UNIT:
        if centre is None or centre.parent_id != base.body_id:
            raise GovernanceError(
                _("A builder unit builds one centre or the platform of the base.")
            )
        return add_member(
            centre, role_code, organization=organization, actor=actor, request=request
        )
    if role_code not in UNIT_ROLES:
        raise GovernanceError(_("This is not a role of a unit in a base."))
    return add_member(base.body, role_code, organization=organization, actor=actor, request=request)


def add_person(base: Base, user, role_code: str, *, actor, request=None) -> BodyMembership:
    """Put a person into the coordination group, the office or the expert committee."""
    require(actor, "change_base", base)
    if role_code not in PERSON_ROLES:
        raise GovernanceError(_("This is not a group of the base."))
    return add_member(base.body, role_code, user=user, actor=actor, request=request)


def organisation_of(base: Base) -> dict:
    """The current organisation: units and groups of the base, builder units per centre."""
    current = BodyMembership.objects.filter(ended_on__isnull=True).select_related(
        "role", "user", "organization"
    )
    by_role: dict[str, list] = {code: [] for code in (*UNIT_ROLES, *PERSON_ROLES)}
    for membership in current.filter(body=base.body):
        by_role.setdefault(membership.role.code, []).append(membership)
    centres = []
    for centre in centres_of(base):
        builders = list(current.filter(body=centre, role__code=roles.BUILDER_UNIT))
        centres.append({"centre": centre, "builders": builders})
    return {"roles": by_role, "centres": centres}


def expert_committee(base: Base) -> list:
    """The people currently on the base's expert committee."""
    return [
        m.user
        for m in BodyMembership.objects.filter(
            body=base.body,
            role__code=roles.EXPERT_COMMITTEE,
            ended_on__isnull=True,
            user__isnull=False,
        ).select_related("user")
    ]


def units_of(base: Base):
    """The organisations holding a role in the base or one of its centres."""
    from accounts.models import Organization

    bodies = [base.body_id, *centres_of(base).values_list("pk", flat=True)]
    ids = BodyMembership.objects.filter(
        body__in=bodies, organization__isnull=False, ended_on__isnull=True
    ).values("organization")
    return Organization.objects.filter(pk__in=ids).order_by("name")
