"""The desk's registered services: 查新 run on submission, forwarding to a centre (验证委托).

The desk never imports the apps that carry a request out: they declare a
`core.registry.ConsultingService` and the desk dispatches through the registry.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from bodies.scopes import has_body_permission
from consulting.models import ServiceLink, ServiceRequest
from consulting.services import notices
from core.exceptions import DomainError
from core.registry import ServiceCall, consulting_service, consulting_services
from notifications.services import Message as Note
from notifications.services import notify

STAFF_PERMISSION = "consulting.change_servicerequest"


class ForwardError(DomainError):
    """A request cannot be forwarded this way."""


def _call(req: ServiceRequest, user, *, files=(), target="", note="", request=None):
    return ServiceCall(
        user=user,
        requester=req.requester,
        title=req.title,
        text=req.question,
        files=tuple(files),
        reference=req.number,
        url=req.get_absolute_url(),
        organization=req.organization.name if req.organization_id else "",
        contact=req.contact,
        target=str(target),
        note=note,
        request=request,
    )


def run_on_submission(req: ServiceRequest, user, files=(), request=None) -> ServiceLink | None:
    """Run the service registered for the request's kind (查新), keep its rows and a link."""
    service = consulting_service(req.kind)
    if service is None or service.forward:
        return None
    result = service.resolve()(_call(req, user, files=files, request=request))
    if result.rows:
        req.novelty = result.rows
        req.save(update_fields=["novelty"])
    if not result.url:
        return None
    link = ServiceLink(request=req, service=service.key)
    _fill(link, result, user)
    link.save()
    after = {"service": service.key, "record": result.label, "rows": len(result.rows)}
    log_action("consulting.request.dispatched", actor=user, obj=req, request=request, after=after)
    return link


def _link_state(link: ServiceLink) -> dict:
    return {"target": link.target, "record": link.label, "state": link.state}


def _fill(link: ServiceLink, result, user, *, target: str = "") -> None:
    """Copy what a service created onto the link (a new one, or one the target declined)."""
    link.label, link.url = result.label[:200], result.url[:300]
    link.target, link.target_label = target[:40], result.target_label[:200]
    link.created_by = user
    if result.object is not None:
        link.record_model = result.object._meta.label_lower
        link.record_id = str(result.object.pk)
    link.state, link.state_label = result.state[:40], str(result.state_label)[:100]
    link.state_note, link.outcome = "", ""
    link.state_at = timezone.now() if result.state else None


def can_forward(req: ServiceRequest, user) -> bool:
    """Consulting staff (the base desk, or the staff of the request's centre) forward requests."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_perm(STAFF_PERMISSION) or (
        req.centre_id is not None and has_body_permission(user, STAFF_PERMISSION, req.centre)
    )


def forward_choices(user, kind: str | None = None) -> list[tuple[str, str]]:
    """Every (service:target, "service → target") a staff member may forward a request to.

    `kind` keeps the service of that request kind only (a training need goes to a training
    centre, not to a verification centre; triage corrects the kind first).
    """
    choices = []
    for service in consulting_services(forward=True):
        if kind is not None and service.key != kind:
            continue
        for value, label in service.target_choices(user):
            choices.append((f"{service.key}:{value}", f"{service.label} → {label}"))
    return choices


def forward_request(req: ServiceRequest, user, destination: str, note: str = "", *, request=None):
    """Forward the request to a centre through its registered service; once per service.

    `destination` is `service:target` (`verification:3`). Forwarding again to the same
    service (a double submit) returns the first link and creates nothing, unless the target
    declined it: then the service is called again (another centre, or the same one again)
    and the link follows the new record.
    """
    if not can_forward(req, user):
        raise ForwardError(_("Only consulting staff forward requests."))
    key, _sep, target = (destination or "").partition(":")
    service = consulting_service(key)
    if service is None or not service.forward:
        raise ForwardError(_("Choose where to forward the request."))
    if service.key != req.kind:
        raise ForwardError(_("Triage the request as this type before forwarding it there."))
    if target not in {value for value, _label in service.target_choices(user)}:
        raise ForwardError(_("Choose where to forward the request."))
    if req.state == "closed":
        raise ForwardError(_("The request is closed."))
    try:
        with transaction.atomic():
            ServiceRequest.objects.select_for_update().filter(pk=req.pk).first()
            existing = ServiceLink.objects.filter(request=req, service=key).first()
            if existing is not None and not existing.is_declined:
                return existing
            result = service.resolve()(_call(req, user, target=target, note=note, request=request))
            link = existing or ServiceLink(request=req, service=key, forwarded=True)
            before = _link_state(existing) if existing else None
            _fill(link, result, user, target=target)
            link.save()
            if req.first_response_at is None:
                req.first_response_at = timezone.now()
                req.save(update_fields=["first_response_at"])
            log_action("consulting.request.forwarded", actor=user, obj=req, request=request,
                       before=before,
                       after={"service": key, "target": target, "record": result.label,
                              "url": result.url, "state": link.state})  # fmt: skip
    except IntegrityError:  # a concurrent double submit won the race
        return ServiceLink.objects.get(request=req, service=key)
    people = [p for p in (req.requester, req.assignee) if p and p.pk != user.pk]
    notify(
        notices.MESSAGE, people, req,
        Note(_("Request %(n)s forwarded to %(target)s") % {"n": req.number,
                                                            "target": link.target_label},
             link.label, req.get_absolute_url()),
        data={"request": req.pk}, dedupe_key=f"consulting:{req.pk}:forwarded:{key}:{link.target}",
    )  # fmt: skip
    return link
