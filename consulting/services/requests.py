"""The life of a consulting request: submit, triage, assign, reply, answer, close, rate."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from consulting.models import Attachment, Kind, Message, ServiceRequest, SlaPolicy
from consulting.services import dispatch, notices
from core.exceptions import DomainError
from core.uploads import safe_filename, validate_upload
from notifications.services import Message as Note
from notifications.services import notify
from workflows.services import transition

logger = logging.getLogger(__name__)
ATTACHMENT_KINDS = {"pdf", "docx", "xlsx", "csv", "txt", "md"}
MAX_ATTACHMENTS = 5
# Hours to the first response, to the answer, and of warning before the answer is due.
DEFAULT_SLA = {
    Kind.NOVELTY: (8, 24, 4),
    Kind.ADVICE: (24, 72, 8),
    Kind.DRAFTING: (48, 240, 24),
    Kind.VERIFICATION: (24, 120, 24),
    Kind.TRAINING: (48, 168, 24),
}


class RequestError(DomainError):
    """A consulting request cannot be made or changed this way."""


def sla_for(kind: str) -> tuple[int, int, int]:
    """(response hours, answer hours, warning hours) of a request type; the admin may edit."""
    policy = SlaPolicy.objects.filter(kind=kind).first()
    if policy:
        return policy.response_hours, policy.resolution_hours, policy.warn_hours
    return DEFAULT_SLA[Kind(kind)]


def _next_number(now: datetime.datetime) -> str:
    prefix = f"ZX{now:%Y}"
    last = ServiceRequest.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))
    seq = int(last["m"][len(prefix) :]) + 1 if last["m"] else 1
    return f"{prefix}{seq:05d}"


def _store_files(req: ServiceRequest, user, files: Sequence, message: Message | None = None):
    if len(files) + req.attachments.count() > MAX_ATTACHMENTS * 4:
        raise RequestError(_("Too many attachments on this request."))
    stored = []
    for upload in files:
        kind = validate_upload(upload, ATTACHMENT_KINDS)
        data = upload.read()
        name = safe_filename(getattr(upload, "name", "") or "file", kind)
        item = Attachment(
            request=req,
            message=message,
            filename=name,
            kind=kind,
            size=len(data),
            uploaded_by=user,
        )
        item.file.save(name, ContentFile(data), save=False)
        item.save()
        stored.append(item)
    return stored


def submit_request(
    user,
    *,
    kind: str,
    title: str,
    question: str,
    contact: str = "",
    centre=None,
    files: Sequence = (),
    request=None,
) -> ServiceRequest:
    """Store a new request with its attachments, its due times, and tell the desk."""
    if not getattr(user, "is_authenticated", False):
        raise RequestError(_("Sign in to submit a consulting request."))
    if kind not in Kind.values:
        raise RequestError(_("Choose the type of request."))
    if not title.strip() or not question.strip():
        raise RequestError(_("Give a subject and describe your request."))
    if len(files) > MAX_ATTACHMENTS:
        raise RequestError(_("At most %(n)d attachments.") % {"n": MAX_ATTACHMENTS})
    for upload in files:  # refuse bad files before anything is stored
        validate_upload(upload, ATTACHMENT_KINDS)
    now = timezone.now()
    response_h, resolution_h, _warn = sla_for(kind)
    with transaction.atomic():
        req = ServiceRequest.objects.create(
            number=_next_number(now),
            kind=kind,
            title=title.strip()[:200],
            question=question.strip(),
            contact=contact.strip()[:200],
            centre=centre,
            requester=user,
            organization=_organization_of(user),
            created_at=now,
            response_due_at=now + datetime.timedelta(hours=response_h),
            due_at=now + datetime.timedelta(hours=resolution_h),
        )
        _store_files(req, user, files)
        dispatch.run_on_submission(req, user, files, request=request)  # 查新, if registered
        log_action(
            "consulting.request.submitted",
            actor=user,
            obj=req,
            request=request,
            after={"kind": kind, "number": req.number, "files": len(files)},
        )
        notify(
            notices.SUBMITTED,
            notices.desk_of(req),
            req,
            Note(
                _("New consulting request %(n)s") % {"n": req.number},
                req.title,
                req.get_absolute_url(),
            ),
            data={"request": req.pk},
            dedupe_key=f"consulting:{req.pk}:submitted",
        )
    return req


def _organization_of(user):
    membership = getattr(user, "memberships", None)
    first = membership.select_related("organization").first() if membership else None
    return first.organization if first else None


def _responded(req: ServiceRequest, now) -> list[str]:
    if req.first_response_at is None:
        req.first_response_at = now
        return ["first_response_at"]
    return []


def triage_request(req, user, *, kind=None, centre=None, priority=None, comment="", request=None):
    """Check the type, set the centre and priority; counts as the first response."""
    with transaction.atomic():
        fields = []
        if kind and kind != req.kind:
            if kind not in Kind.values:
                raise RequestError(_("Choose the type of request."))
            req.kind = kind
            fields.append("kind")
        if centre is not None:
            req.centre = centre
            fields.append("centre")
        if priority is not None:
            req.priority = max(1, min(3, int(priority)))
            fields.append("priority")
        data = {"kind": req.kind, "centre": req.centre_id, "priority": req.priority}
        transition(req, "triaged", user, comment, data=data, request=request)
        req.save(update_fields=fields + _responded(req, timezone.now()))
    return req


def assign_request(req, user, *, assignee=None, centre=None, comment="", request=None):
    """Give the request to a person (staff or an expert) and/or a centre."""
    if assignee is None and centre is None:
        raise RequestError(_("Choose a person or a centre to assign the request to."))
    with transaction.atomic():
        if assignee is not None:
            req.assignee = assignee
        if centre is not None:
            req.centre = centre
        data = {"assignee": req.assignee_id, "centre": req.centre_id}
        transition(req, "assigned", user, comment, data=data, request=request)
        req.save(update_fields=["assignee", "centre", *_responded(req, timezone.now())])
    if assignee is not None and assignee != user:
        _tell(req, [assignee], _("Request %(n)s assigned to you") % {"n": req.number}, "assigned")
    return req


def is_desk(req: ServiceRequest, user) -> bool:
    """Whether the person works the request (desk staff of it, or its assignee)."""
    return ServiceRequest.objects.restrict(user, "change").filter(pk=req.pk).exists()


def _tell(req, people, title: str, key: str) -> None:
    notify(
        notices.MESSAGE,
        [p for p in people if p],
        req,
        Note(title, req.title, req.get_absolute_url()),
        data={"request": req.pk},
        dedupe_key=f"consulting:{req.pk}:{key}",
    )


def post_message(req, user, body: str, *, internal=False, files: Sequence = (), request=None):
    """Add a message to the thread (internal notes only from the desk) and tell the others."""
    body = (body or "").strip()
    if not body:
        raise RequestError(_("Write a message."))
    desk = is_desk(req, user)
    if not desk and req.requester_id != user.pk:
        raise RequestError(_("You cannot write in this request."))
    if internal and not desk:
        raise RequestError(_("Only the desk writes internal notes."))
    if req.state == "closed":
        raise RequestError(_("The request is closed."))
    for upload in files:
        validate_upload(upload, ATTACHMENT_KINDS)
    with transaction.atomic():
        message = Message.objects.create(request=req, author=user, body=body, internal=internal)
        _store_files(req, user, files, message)
        if desk and not internal:
            req.save(update_fields=_responded(req, message.created_at) or ["first_response_at"])
        log_action(
            "consulting.request.message",
            actor=user,
            obj=req,
            request=request,
            after={"message": message.pk, "internal": internal, "files": len(files)},
        )
        if not internal:
            others = [req.requester] if desk else notices.desk_of(req) + [req.assignee]
            _tell(
                req,
                [p for p in others if p and p.pk != user.pk],
                _("New message on request %(n)s") % {"n": req.number},
                f"m{message.pk}",
            )
    return message


def answer_request(req, user, body: str, *, files: Sequence = (), request=None):
    """Post the answer and mark the request answered (the requester may reopen or rate it)."""
    with transaction.atomic():
        transition(req, "answered", user, "", request=request)
        message = post_message(req, user, body, files=files, request=request)
        req.answered_at = message.created_at
        req.save(update_fields=["answered_at"])
    return message


def reopen_request(req, user, comment: str, *, request=None):
    """The requester is not satisfied: back to the assignee with a reason."""
    with transaction.atomic():
        transition(req, "assigned", user, comment, request=request)
        req.answered_at = None
        req.save(update_fields=["answered_at"])
        Message.objects.create(request=req, author=user, body=comment)
    _tell(
        req,
        [req.assignee, *notices.desk_of(req)],
        _("Request %(n)s reopened") % {"n": req.number},
        f"reopen{timezone.now():%s}",
    )
    return req


def close_request(req, user, comment: str = "", *, request=None):
    """Close the request (the desk, or the requester withdrawing or accepting it)."""
    with transaction.atomic():
        transition(req, "closed", user, comment, request=request)
        req.closed_at = timezone.now()
        req.save(update_fields=["closed_at"])
    return req


def rate_request(req, user, rating: int, comment: str = "", *, allow_publish=False, request=None):
    """The requester rates the service (1–5) and says whether the answer may go in the FAQ."""
    if req.requester_id != user.pk:
        raise RequestError(_("Only the requester rates the service."))
    if req.state not in ("answered", "closed"):
        raise RequestError(_("A request is rated once it has been answered."))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise RequestError(_("Choose a rating from 1 to 5."))
    with transaction.atomic():
        before = {"rating": req.rating, "allow_publish": req.allow_publish}
        req.rating, req.rating_comment = rating, (comment or "").strip()[:2000]
        req.allow_publish = bool(allow_publish)
        if not req.allow_publish:
            req.faq_published_at = None
        req.save(update_fields=["rating", "rating_comment", "allow_publish", "faq_published_at"])
        log_action(
            "consulting.request.rated",
            actor=user,
            obj=req,
            request=request,
            before=before,
            after={"rating": rating, "allow_publish": req.allow_publish},
        )
    return req


def publish_faq(req, user, question: str, answer: str, *, request=None):
    """Publish an answered request in the public FAQ, in words the desk edited."""
    if not is_desk(req, user):
        raise RequestError(_("Only the desk publishes FAQ entries."))
    if not req.allow_publish:
        raise RequestError(_("The requester has not allowed publishing this request."))
    if req.state not in ("answered", "closed"):
        raise RequestError(_("Only answered requests go in the FAQ."))
    if not question.strip() or not answer.strip():
        raise RequestError(_("Give the question and the answer as they will be published."))
    with transaction.atomic():
        req.faq_question, req.faq_answer = question.strip(), answer.strip()
        req.faq_published_at = timezone.now()
        req.save(update_fields=["faq_question", "faq_answer", "faq_published_at"])
        log_action("consulting.faq.published", actor=user, obj=req, request=request)
    return req


def public_faq(kind: str = ""):
    """Published FAQ entries (only from requests whose requester allowed it), newest first."""
    rows = ServiceRequest.objects.filter(faq_published_at__isnull=False, allow_publish=True)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-faq_published_at").only(
        "number", "kind", "faq_question", "faq_answer", "faq_published_at"
    )
