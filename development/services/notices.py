"""Who hears about a project's events, and the event types development notifies with."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.registry import EventType, register_event_type
from notifications.services import Message, notify

PROPOSAL_SUBMITTED = "development.proposal_submitted"
PROPOSAL_APPROVED = "development.proposal_approved"
STAGE_WARNING = "development.stage_warning"
CANCELLATION = "development.cancellation_notice"
REFERENCE_CHANGED = "development.reference_changed"
REVIEW_DUE = "development.review_due"


def _project_fields(note) -> dict:
    return {"project": note.data.get("project"), "number": note.data.get("number")}


def register_event_types() -> None:
    """Declare development's event types (called from the app's ready())."""
    for code, label in (
        (PROPOSAL_SUBMITTED, gettext_lazy("Proposals submitted to my body")),
        (PROPOSAL_APPROVED, gettext_lazy("My proposals approved")),
        (STAGE_WARNING, gettext_lazy("Project stages near or past their limit")),
        (CANCELLATION, gettext_lazy("Notice of cancellation of a project")),
        (REFERENCE_CHANGED, gettext_lazy("Standards cited by a draft replaced or withdrawn")),
        (REVIEW_DUE, gettext_lazy("Systematic review of a standard due")),
    ):
        register_event_type(EventType(code, label, webhook_payload=_project_fields))


def secretariat_of(body) -> list:
    """The people who hold the secretariat role in the body (or the body above it) today."""
    from bodies.models import BodyMembership

    ids, node = [], body
    while node is not None and node.pk not in ids:
        ids.append(node.pk)
        node = node.parent
    users = BodyMembership.objects.current().filter(
        body_id__in=ids, role__code="secretariat", user__isnull=False
    )
    return list(get_user_model().objects.filter(pk__in=users.values("user_id"), is_active=True))


def notify_secretariat(
    project_or_proposal,
    event_type: str,
    title: str,
    body: str,
    *,
    key: str,
    data: dict | None = None,
) -> int:
    """Tell the body's secretariat about one thing of a project, once per key."""
    obj = project_or_proposal
    extra = {"project": obj.pk, "number": getattr(obj, "number", "")}
    notes = notify(
        event_type,
        secretariat_of(obj.body),
        obj,
        Message(title, body, obj.get_absolute_url()),
        data={**extra, **(data or {})},
        dedupe_key=key,
    )
    return len(notes)


def notify_proposer_approved(project) -> None:
    """Tell the proposer that the proposal became a project."""
    proposal = project.proposal
    notify(
        PROPOSAL_APPROVED,
        [proposal.author],
        project,
        Message(
            _("Proposal approved: %(title)s") % {"title": project.title},
            _("The project number is %(number)s.") % {"number": project.number},
            project.get_absolute_url(),
        ),
        data={"project": project.pk, "number": project.number},
        dedupe_key=f"development:proposal:{proposal.pk}:approved",
    )
