"""Verification centres: registering profiles and their parts, and capacity and load."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.scopes import has_body_permission
from core.exceptions import DomainError

#: States of a request in which its items load the centre.
OPEN_STATES = ("requested", "accepted", "planned")
EXPIRY_WARNING_DAYS = 90


class CentreError(DomainError):
    """A centre record that cannot be saved."""

    code = "centre_invalid"


def can_manage(user, body) -> bool:
    """Whether the person may change the centre's records (its staff, or the base office)."""
    return has_body_permission(user, "verification.change_verificationcentre", body)


def _require(user, body) -> None:
    if not can_manage(user, body):
        raise CentreError(_("You cannot change the records of %(centre)s.") % {"centre": body})


def _validated(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise CentreError(" ".join(exc.messages)) from None


@transaction.atomic
def register_centre(body, *, user, request=None, **fields):
    """Create or update the profile of a verification-centre body; audited."""
    from bodies.models import BodyKind
    from verification.models import VerificationCentre

    if body.kind != BodyKind.VERIFICATION_CENTRE:
        raise CentreError(_("Only a verification-centre body can have a centre profile."))
    _require(user, body)
    centre = VerificationCentre.objects.filter(body=body).first() or VerificationCentre(body=body)
    before = {k: getattr(centre, k) for k in fields} if centre.pk else None
    for name, value in fields.items():
        setattr(centre, name, value.strip() if isinstance(value, str) else value)
    if not centre.host_organisation:
        raise CentreError(_("Name the host organisation."))
    _validated(centre)
    centre.save()
    log_action("verification.centre.saved", actor=user, obj=centre, before=before,
               after={k: str(getattr(centre, k)) for k in fields}, request=request)  # fmt: skip
    return centre


PART_MODELS = {
    "accreditation": "Accreditation",
    "capability": "CentreCapability",
    "equipment": "CentreEquipment",
    "staff": "CentreStaff",
}


@transaction.atomic
def add_centre_part(centre, part: str, *, user, request=None, **fields):
    """Add an accreditation, capability, instrument or staff member to a centre; audited."""
    from verification import models

    _require(user, centre.body)
    obj = getattr(models, PART_MODELS[part])(centre=centre, **fields)
    _validated(obj)
    obj.save()
    log_action(f"verification.centre.{part}_added", actor=user, obj=centre, request=request,
               after={"id": obj.pk, "text": str(obj)})  # fmt: skip
    return obj


@transaction.atomic
def remove_centre_part(obj, *, user, request=None) -> None:
    """Remove a part of a centre's record; audited."""
    centre = obj.centre
    _require(user, centre.body)
    text, part = str(obj), obj._meta.model_name
    obj.delete()
    log_action("verification.centre.part_removed", actor=user, obj=centre, request=request,
               before={"kind": part, "text": text})  # fmt: skip


def add_capability(centre, designation: str, *, user, scope: str = "", request=None):
    """Add a test method (a catalogue standard found by its designation) to a centre."""
    from verification.services.conformity import ConformityError, find_standard

    try:
        standard = find_standard(designation)
    except ConformityError as exc:
        raise CentreError(exc.message) from None
    return add_centre_part(centre, "capability", user=user, standard=standard, scope=scope,
                           request=request)  # fmt: skip


@dataclass(frozen=True)
class CentreLoad:
    """One centre's capacity and load for the base office's overview."""

    centre: object
    capacity: int
    open_requests: int
    open_items: int
    reported_items: int
    failed_items: int
    expiring: int
    overdue_calibrations: int

    @property
    def load(self) -> float:
        """Open items as a fraction of a month's capacity."""
        return self.open_items / self.capacity if self.capacity else 0.0

    @property
    def load_percent(self) -> int:
        return round(self.load * 100)


def centre_loads(today: datetime.date | None = None) -> list[CentreLoad]:
    """Capacity and load of every active centre, most loaded first (a handful of queries)."""
    from verification.models import VerificationCentre

    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    open_q = Q(requests__state__in=OPEN_STATES)
    centres = (
        VerificationCentre.objects.filter(body__is_active=True).select_related("body")
        .annotate(
            open_requests=Count("requests", filter=open_q, distinct=True),
            expiring=Count("accreditations", filter=Q(accreditations__valid_until__lte=soon),
                           distinct=True),
            overdue=Count("equipment", filter=Q(equipment__calibration_due__lt=today),
                          distinct=True),
        )
    )  # fmt: skip
    items = _item_counts()
    rows = [
        CentreLoad(c, c.monthly_capacity, c.open_requests, *items.get(c.pk, (0, 0, 0)),
                   c.expiring, c.overdue)
        for c in centres
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (-r.load, r.centre.body.name))


def _item_counts() -> dict[int, tuple[int, int, int]]:
    from verification.models import VerificationItem

    rows = VerificationItem.objects.values("request__centre").annotate(
        open=Count("pk", filter=Q(request__state__in=OPEN_STATES)),
        reported=Count("pk", filter=Q(request__state="reported")),
        failed=Count("pk", filter=Q(request__state="reported", verdict="fail")),
    ).order_by()  # fmt: skip
    return {r["request__centre"]: (r["open"], r["reported"], r["failed"]) for r in rows}
