"""Invitations of drawn experts: personal single-use links, answers, substitutes, timeouts."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError
from notifications.services import Message, notify
from talent.models import CreditEvent, Invitation, InvitationEvent
from talent.services.experts import record_credit


class InvitationError(DomainError):
    """An invitation link that cannot be used (used, expired, someone else's)."""

    code = "invitation_invalid"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _event(invitation: Invitation, kind: str, actor=None, reason: str = "", **data) -> None:
    InvitationEvent.objects.create(
        invitation=invitation, kind=kind, actor=actor, reason=reason, data=data
    )
    log_action(
        f"talent.invitation.{kind}", actor=actor, obj=invitation.draw,
        after={"expert": invitation.expert.draw_id, "position": invitation.position, **data},
        detail=reason[:1000],
    )  # fmt: skip


def send_invitation(invitation: Invitation, *, actor=None, now=None) -> str:
    """Give the expert a personal link (in-app and e-mail) and return its token."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation.status = Invitation.Status.INVITED
        invitation.token_hash = token_digest(token)
        invitation.expires_at = now + datetime.timedelta(days=invitation.draw.response_days)
        invitation.save(update_fields=["status", "token_hash", "expires_at"])
        _event(invitation, InvitationEvent.Kind.INVITED, actor,
               expires_at=invitation.expires_at.isoformat())  # fmt: skip
        draw = invitation.draw
        url = reverse("talent:experts:invitation", args=[token])
        deadline = timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M")
        notify(
            "talent.invitation",
            [invitation.expert.user],
            invitation,
            Message(
                _("Invitation to the expert panel: %(object)s") % {"object": draw.object_title},
                _("You were drawn for %(purpose)s of “%(object)s”. Please confirm or decline "
                  "by %(deadline)s. The link is personal and works once.")
                % {"purpose": draw.get_purpose_display(), "object": draw.object_title,
                   "deadline": deadline},
                url,
            ),
            data={"draw": draw.pk, "invitation": invitation.pk},
            dedupe_key=f"talent-invitation:{invitation.pk}",
        )  # fmt: skip
    return token


def invitation_for(user, token: str, *, now=None) -> Invitation:
    """The open invitation behind a link, for the person it was sent to; else an error."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("draw", "expert__user")
        .filter(token_hash=token_digest(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid or was already used."))
    if not user.is_authenticated or invitation.expert.user_id != user.pk:
        raise InvitationError(_("This invitation was sent to someone else."))
    if invitation.status != Invitation.Status.INVITED:
        raise InvitationError(_("This invitation was already answered."))
    if invitation.expires_at and invitation.expires_at <= now:
        raise InvitationError(_("This invitation has expired; it counts as declined."))
    return invitation


def answer_invitation(
    user, token: str, *, accept: bool, reason: str = "", now=None, request=None
) -> Invitation:
    """Confirm or decline (with a reason) through the personal link; the link is then spent."""
    reason = reason.strip()[:2000]
    if not accept and not reason:
        raise InvitationError(_("Please give the reason for declining."))
    with transaction.atomic():
        found = invitation_for(user, token, now=now)
        invitation = Invitation.objects.select_for_update().get(pk=found.pk)
        if (
            invitation.status != Invitation.Status.INVITED
            or invitation.token_hash != found.token_hash
        ):
            raise InvitationError(_("This invitation was already answered."))
        invitation.draw, invitation.expert = found.draw, found.expert
        invitation.token_hash = ""
        invitation.answered_at = now or timezone.now()
        invitation.reason = reason
        if accept:
            invitation.status = Invitation.Status.CONFIRMED
            invitation.save(update_fields=["token_hash", "answered_at", "reason", "status"])
            _event(invitation, InvitationEvent.Kind.CONFIRMED, user)
        else:
            invitation.status = Invitation.Status.DECLINED
            invitation.save(update_fields=["token_hash", "answered_at", "reason", "status"])
            _event(invitation, InvitationEvent.Kind.DECLINED, user, reason)
            record_credit(None, invitation.expert, CreditEvent.Kind.DECLINED, reason=reason,
                          draw=invitation.draw)  # fmt: skip
            bring_in_alternate(invitation, actor=user, now=now)
    return invitation


def bring_in_alternate(invitation: Invitation, *, actor=None, now=None) -> Invitation | None:
    """Invite the first waiting alternate in draw order in place of a declined seat."""
    if invitation.seat != Invitation.Seat.PANEL and invitation.replaces_id is None:
        return None  # a declined alternate who never held a seat frees nothing
    nxt = (
        Invitation.objects.select_for_update()
        .filter(draw=invitation.draw, seat=Invitation.Seat.ALTERNATE,
                status=Invitation.Status.WAITING)
        .order_by("position")
        .first()
    )  # fmt: skip
    if nxt is None:
        _event(invitation, InvitationEvent.Kind.NO_ALTERNATE, actor)
        return None
    nxt.replaces = invitation
    nxt.save(update_fields=["replaces"])
    _event(invitation, InvitationEvent.Kind.SUBSTITUTED, actor, substitute=nxt.expert.draw_id)
    send_invitation(nxt, actor=actor, now=now)
    return nxt


def overdue_invitations(now=None):
    """Invitations still unanswered after their deadline."""
    return Invitation.objects.filter(
        status=Invitation.Status.INVITED, expires_at__lte=now or timezone.now()
    )


def time_out_invitations(now=None) -> int:
    """Treat every unanswered invitation past its deadline as declined (run as a job)."""
    now = now or timezone.now()
    done = 0
    for pk in overdue_invitations(now).values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update().select_related("draw", "expert").get(pk=pk)
            )
            if invitation.status != Invitation.Status.INVITED:
                continue
            invitation.status = Invitation.Status.TIMED_OUT
            invitation.token_hash = ""
            invitation.answered_at = now
            invitation.save(update_fields=["status", "token_hash", "answered_at"])
            reason = _("no answer by the deadline")
            _event(invitation, InvitationEvent.Kind.TIMED_OUT, None, reason)
            record_credit(None, invitation.expert, CreditEvent.Kind.DECLINED, reason=reason,
                          draw=invitation.draw)  # fmt: skip
            bring_in_alternate(invitation, now=now)
            done += 1
    return done
