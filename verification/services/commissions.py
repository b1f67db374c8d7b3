"""Verification commissions (验证委托) the consulting desk forwards to a centre."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError
from core.registry import (
    PROGRESS_OPEN,
    ServiceCall,
    ServiceResult,
    report_service_progress,
)
from forwarding import services as forwarding
from notifications.services import Message, notify
from verification.services.notices import REQUEST_CHANGED, REQUEST_RECEIVED, centre_people


class CommissionError(DomainError):
    """A commission cannot be forwarded to this centre."""


def commission_targets(user) -> list[tuple[str, str]]:
    """The centres taking commissions now: (id, name), by name."""
    from verification.models import VerificationCentre

    centres = VerificationCentre.objects.filter(body__is_active=True).select_related("body")
    return [(str(c.pk), c.body.name) for c in centres.order_by("body__name")]


def _centre(target: str):
    from verification.models import VerificationCentre

    try:
        centre = VerificationCentre.objects.select_related("body").get(pk=int(target))
    except (TypeError, ValueError, VerificationCentre.DoesNotExist):
        raise CommissionError(_("Choose a verification centre.")) from None
    if not centre.body.is_active:
        raise CommissionError(_("%(centre)s does not take requests now.") % {"centre": centre})
    return centre


@transaction.atomic
def receive_commission(call: ServiceCall) -> ServiceResult:
    """Open the commission at the chosen centre (once per consulting request), tell its staff."""
    from verification.models import Commission

    centre = _centre(call.target)
    existing = (
        Commission.objects.select_for_update().filter(source_reference=call.reference).first()
    )
    if existing is not None and existing.state != Commission.State.DECLINED:
        return _result(existing)  # a double submit: the first commission stands
    if existing is not None:  # declined, and the desk forwards it again: it starts over
        before = {"centre": existing.centre_id, "state": existing.state}
        existing.centre, existing.state = centre, Commission.State.RECEIVED
        existing.forwarded_by, existing.note = call.user, call.note.strip()
        existing.save(update_fields=["centre", "state", "forwarded_by", "note", "updated_at"])
        log_action("verification.commission.received", actor=call.user, obj=existing,
                   request=call.request, before=before,
                   after={"centre": centre.pk, "consulting_request": call.reference,
                          "state": existing.state})  # fmt: skip
        _tell_centre(existing, call)
        return _result(existing)
    commission = Commission.objects.create(
        centre=centre, title=call.title[:200], description=call.text, client=call.requester,
        organization=call.organization[:200], contact=call.contact[:200], note=call.note.strip(),
        forwarded_by=call.user, source_reference=call.reference[:40], source_url=call.url[:300],
    )  # fmt: skip
    log_action("verification.commission.received", actor=call.user, obj=commission,
               request=call.request,
               after={"centre": centre.pk, "consulting_request": call.reference})  # fmt: skip
    _tell_centre(commission, call)
    return _result(commission)


def _tell_centre(commission, call: ServiceCall) -> None:
    people = [p for p in centre_people(commission.centre) if p.pk != call.user.pk]
    notify(
        REQUEST_RECEIVED, people, commission,
        Message(_("Verification commission: %(title)s") % {"title": commission.title},
                _("Forwarded by the consulting desk (%(n)s).") % {"n": call.reference},
                commission.get_absolute_url()),
        data={"commission": commission.pk, "state": commission.state},
        dedupe_key=f"verification:commission:{commission.pk}:received:{commission.centre_id}",
    )  # fmt: skip


def _result(commission) -> ServiceResult:
    return ServiceResult(
        label=_("Verification commission %(n)s") % {"n": commission.pk},
        url=commission.get_absolute_url(),
        object=commission,
        target_label=commission.centre.body.name,
        state=commission.state,
        state_label=str(commission.get_state_display()),
    )


# A commission moves like every forwarded record (received → accepted or declined →
# completed), and reports the same outcomes to the desk.
NEXT_STATES, OUTCOMES = forwarding.NEXT_STATES, forwarding.OUTCOMES


def can_work_on_commission(user, commission) -> bool:
    """Whether the person works at the commission's centre."""
    from bodies.scopes import has_body_permission

    return has_body_permission(user, "verification.change_commission", commission.centre.body)


@transaction.atomic
def set_commission_state(commission, user, state: str, comment: str = "", *, request=None):
    """The centre accepts, declines or completes a commission; the desk and client are told."""
    if not can_work_on_commission(user, commission):
        raise CommissionError(_("Only the centre's staff change a commission."))
    # Two staff members acting at once: the second sees the first one's state (and is refused).
    commission = (
        type(commission).objects.select_for_update().select_related("centre__body")
        .get(pk=commission.pk)
    )  # fmt: skip
    if state not in NEXT_STATES.get(commission.state, ()):
        raise CommissionError(_("The commission cannot go to this state now."))
    if state == "declined" and not comment.strip():
        raise CommissionError(_("Give the reason for declining."))
    before = commission.state
    commission.state = state
    commission.save(update_fields=["state", "updated_at"])
    after = {"state": state, "comment": comment.strip()}
    log_action("verification.commission.state", actor=user, obj=commission, request=request,
               before={"state": before}, after=after)  # fmt: skip
    # The desk's request follows (its link, its thread, back to triage when declined).
    report_service_progress(
        "verification", commission, state, commission.get_state_display(), comment.strip(),
        outcome=OUTCOMES.get(state, PROGRESS_OPEN), user=user, request=request,
    )  # fmt: skip
    people = [p for p in (commission.forwarded_by, commission.client) if p.pk != user.pk]
    notify(
        REQUEST_CHANGED, people, commission,
        Message(_("Verification commission “%(title)s”: %(state)s")
                % {"title": commission.title, "state": commission.get_state_display()},
                comment.strip() or commission.centre.body.name, commission.get_absolute_url()),
        data={"commission": commission.pk, "state": state},
        dedupe_key=f"verification:commission:{commission.pk}:{state}",
    )  # fmt: skip
    return commission
