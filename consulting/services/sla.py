"""Service levels: warnings before a request's answer is due, and once when it is overdue."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from consulting.models import ServiceRequest
from consulting.models.requests import OPEN_STATES
from consulting.services import notices
from consulting.services.requests import sla_for
from notifications.services import Message, notify


def _recipients(req: ServiceRequest) -> list:
    people = [req.assignee] if req.assignee_id else []
    return people + notices.desk_of(req)


def warn_due_requests(now: datetime.datetime | None = None) -> dict[str, int]:
    """Warn the assignee and the desk of requests near their due time, and of overdue ones."""
    now = now or timezone.now()
    warned = overdue = 0
    waiting = ServiceRequest.objects.filter(state__in=OPEN_STATES).select_related("assignee")
    for req in waiting.filter(overdue_notified_at__isnull=True):
        if now > req.due_at:
            notify(
                notices.SLA_WARNING,
                _recipients(req),
                req,
                Message(
                    _("Request %(n)s is overdue") % {"n": req.number},
                    req.title,
                    req.get_absolute_url(),
                ),
                data={"request": req.pk},
                dedupe_key=f"consulting:{req.pk}:overdue",
            )
            ServiceRequest.objects.filter(pk=req.pk).update(overdue_notified_at=now)
            overdue += 1
            continue
        if req.warned_at is not None:
            continue
        _response, _resolution, warn_hours = sla_for(req.kind)
        if now >= req.due_at - datetime.timedelta(hours=warn_hours):
            notify(
                notices.SLA_WARNING,
                _recipients(req),
                req,
                Message(
                    _("Request %(n)s is due at %(at)s")
                    % {
                        "n": req.number,
                        "at": timezone.localtime(req.due_at).strftime("%Y-%m-%d %H:%M"),
                    },
                    req.title,
                    req.get_absolute_url(),
                ),
                data={"request": req.pk},
                dedupe_key=f"consulting:{req.pk}:due",
            )
            ServiceRequest.objects.filter(pk=req.pk).update(warned_at=now)
            warned += 1
    return {"warned": warned, "overdue": overdue}
