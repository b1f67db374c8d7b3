"""What a forwarded request became at its target, reported back through `core.registry`.

A centre changes the state of the record the desk's forwarding created (a verification
commission accepted, declined, completed) and calls `core.registry.report_service_progress`;
`receive_progress` (registered from `ConsultingConfig.ready()`) keeps that state on the
request's `ServiceLink`, writes an internal note in the thread, tells the desk and, when the
target declined, puts the request back for triage. The desk never imports the target's app.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from consulting.models import Message, ServiceLink, ServiceRequest
from consulting.services import notices
from core.registry import PROGRESS_DECLINED, PROGRESS_DONE, ServiceProgress
from notifications.services import Message as Note
from notifications.services import notify
from workflows.services import transition

#: Request states a declined forwarding moves back to "submitted" (waiting for triage).
RETURNED_FROM = ("triaged", "assigned")


def record_key(obj) -> tuple[str, str]:
    """How a link names the record it points to: (`app.model`, pk)."""
    return obj._meta.label_lower, str(obj.pk)


def _note(link: ServiceLink, progress: ServiceProgress) -> str:
    if progress.outcome == PROGRESS_DECLINED:
        text = _("%(target)s declined %(record)s: %(reason)s") % {
            "target": link.target_label or link.service,
            "record": link.label,
            "reason": progress.note or "—",
        }
        return text + "\n" + _("The request is back for triage.")
    if progress.outcome == PROGRESS_DONE:
        text = _("%(target)s completed %(record)s. Answer the requester and close the request.")
    else:
        text = _("%(target)s: %(record)s is now “%(state)s”.")
    text = text % {
        "target": link.target_label or link.service,
        "record": link.label,
        "state": progress.label,
    }
    return f"{text}\n{progress.note}" if progress.note else text


def receive_progress(progress: ServiceProgress) -> ServiceLink | None:
    """Follow a reported state on the request's link; the same state twice changes nothing."""
    model, pk = record_key(progress.obj)
    with transaction.atomic():
        link = (
            ServiceLink.objects.select_for_update()
            .filter(service=progress.service, record_model=model, record_id=pk)
            .first()
        )
        if link is None:  # not created by the desk (or before links knew their record)
            return None
        if link.state == progress.state:  # reported again: nothing changes
            return link
        req = ServiceRequest.objects.select_for_update().get(pk=link.request_id)
        before = {"state": link.state, "outcome": link.outcome, "request_state": req.state}
        link.state = progress.state[:40]
        link.state_label = progress.label[:100]
        link.state_note = progress.note
        link.outcome = progress.outcome
        link.state_at = timezone.now()
        link.save(update_fields=["state", "state_label", "state_note", "outcome", "state_at"])
        body = _note(link, progress)
        author = progress.user or req.assignee or req.requester
        Message.objects.create(request=req, author=author, body=body, internal=True)
        if progress.outcome == PROGRESS_DECLINED and req.state in RETURNED_FROM:
            req._reported_by_target = True
            # The history is the requester's too: it names the refusal, the thread the reason.
            comment = _("%(target)s declined %(record)s.") % {
                "target": link.target_label or link.service,
                "record": link.label,
            }
            transition(req, "submitted", author, comment, request=progress.request,
                       data={"service": link.service, "record": link.record_id})  # fmt: skip
        log_action(
            "consulting.request.progress",
            actor=progress.user,
            obj=req,
            request=progress.request,
            before=before,
            after={
                "service": link.service,
                "record": link.label,
                "state": link.state,
                "outcome": link.outcome,
                "request_state": req.state,
                "note": progress.note[:500],
            },
        )
        people = [req.assignee, *notices.desk_of(req)]
        user_pk = getattr(progress.user, "pk", None)
        notify(
            notices.MESSAGE,
            [p for p in dict.fromkeys(people) if p and p.pk != user_pk],
            req,
            Note(
                _("Request %(n)s: %(record)s %(state)s")
                % {"n": req.number, "record": link.label, "state": progress.label},
                body,
                req.get_absolute_url(),
            ),
            data={"request": req.pk, "state": link.state},
            dedupe_key=f"consulting:{req.pk}:progress:{link.pk}:{link.state}",
        )
    return link
