"""Who hears about a verification request, through the shared notifications app.

- a new request: the staff and engineers of the centre;
- accepted, declined, planned: the requester and the project's secretariat;
- the report: the requester and the secretariat, with how many items became comments;
- withdrawn: the centre's staff and engineers.

The person who acted is never told about their own step. Each call has a dedupe key, so a
notification goes out once per step and person.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.registry import EventType, register_event_type
from notifications.services import Message, notify

REQUEST_RECEIVED = "verification.request_received"
REQUEST_CHANGED = "verification.request_changed"
REPORT_ISSUED = "verification.report_issued"
CENTRE_ROLES = ("verification_engineer", "centre_staff")


def _request_fields(note) -> dict:
    return {
        "request": note.data.get("request"),
        "project": note.data.get("project"),
        "state": note.data.get("state"),
        "report_number": note.data.get("report_number", ""),
    }


def register_event_types() -> None:
    """Declare verification's request event types (called from the app's ready())."""
    for code, label, description in (
        (REQUEST_RECEIVED, gettext_lazy("Verification requests to my centre"),
         gettext_lazy("A project secretariat asks your centre to verify clauses of a draft.")),
        (REQUEST_CHANGED, gettext_lazy("Progress of verification requests"),
         gettext_lazy("A request accepted, declined, planned or withdrawn.")),
        (REPORT_ISSUED, gettext_lazy("Verification reports"),
         gettext_lazy("A centre issued the report of a verification your project requested.")),
    ):  # fmt: skip
        register_event_type(EventType(code, label, description, webhook_payload=_request_fields))


def centre_people(centre) -> list:
    """The engineers and staff of the centre today."""
    from bodies.models import BodyMembership

    users = BodyMembership.objects.current().filter(
        body=centre.body, role__code__in=CENTRE_ROLES, user__isnull=False
    )
    return list(get_user_model().objects.filter(pk__in=users.values("user_id"), is_active=True))


def project_people(req) -> list:
    """The requester and the secretariat of the project's body."""
    from development.services.notices import secretariat_of

    people = {u.pk: u for u in secretariat_of(req.project.body)}
    if req.requested_by.is_active:
        people.setdefault(req.requested_by_id, req.requested_by)
    return list(people.values())


def _send(code: str, req, people, actor, title: str, body: str, key: str, **data) -> int:
    recipients = [p for p in people if actor is None or p.pk != actor.pk]
    notes = notify(
        code, recipients, req, Message(title, body, req.get_absolute_url()),
        data={"request": req.pk, "project": req.project_id, "state": req.state, **data},
        dedupe_key=key,
    )  # fmt: skip
    return len(notes)


def request_received(req, actor) -> int:
    """Tell the centre that a project asks it to verify a draft."""
    title = _("Verification requested: %(title)s") % {"title": req.title}
    body = _("%(project)s %(draft)s, %(n)d items, requested by %(body)s.") % {
        "project": req.project.number,
        "draft": req.draft.label,
        "n": req.items.count(),
        "body": req.project.body.name,
    }
    return _send(REQUEST_RECEIVED, req, centre_people(req.centre), actor, title, body,
                 f"verification:request:{req.pk}:received")  # fmt: skip


def request_changed(req, event) -> int:
    """A transition's effect: tell the other side what happened to the request."""
    from verification.services.requests import overall_verdict

    actor = event.actor
    key = f"verification:request:{req.pk}:event:{event.pk}"
    state = req.process.state_label(event.to_state)
    if event.to_state == "withdrawn":
        title = _("Verification request withdrawn: %(title)s") % {"title": req.title}
        return _send(REQUEST_CHANGED, req, centre_people(req.centre), actor, title,
                     event.comment, key)  # fmt: skip
    if event.to_state == "reported":
        failed = req.items.filter(comment__isnull=False).count()
        title = _("Verification report %(number)s: %(title)s") % {
            "number": req.report_number,
            "title": req.title,
        }
        body = _(
            "%(centre)s reported on %(draft)s; %(n)d failed or inconclusive items are now "
            "technical comments on the draft."
        ) % {"centre": req.centre.body.name, "draft": req.draft.label, "n": failed}
        return _send(REPORT_ISSUED, req, project_people(req), actor, title, body, key,
                     report_number=req.report_number, verdict=overall_verdict(req),
                     comments=failed)  # fmt: skip
    title = _("Verification request “%(title)s”: %(state)s") % {"title": req.title, "state": state}
    body = event.comment or _("%(centre)s: %(state)s.") % {
        "centre": req.centre.body.name,
        "state": state,
    }
    return _send(REQUEST_CHANGED, req, project_people(req), actor, title, body, key)
