"""Pages of the service desk: submit, list, a request's thread and actions, FAQ, statistics."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalog.editions.verdicts import Verdict
from consulting.forms import (
    AssignForm,
    FaqForm,
    ForwardForm,
    MessageForm,
    RatingForm,
    RequestForm,
    TriageForm,
)
from consulting.models import Attachment, Kind, ServiceRequest
from consulting.services import dispatch
from consulting.services import requests as desk
from consulting.services.statistics import monthly_service_statistics
from core.exceptions import DomainError
from core.uploads import CONTENT_TYPES
from workflows.services import available_transitions, history


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """My requests, and for the desk the queue of requests it may work."""
    mine = ServiceRequest.objects.filter(requester=request.user).select_related("assignee")
    queue = (
        ServiceRequest.objects.restrict(request.user, "change")
        .exclude(state="closed")
        .select_related("requester", "assignee", "centre")
        .order_by("due_at")
    )
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        queue = queue.filter(kind=kind)
    return render(
        request,
        "consulting/list.html",
        {
            "mine": mine[:50],
            "queue": queue[:100],
            "kinds": Kind.choices,
            "kind": kind,
            "now": timezone.now(),
        },
    )


@login_required
def new_request(request: HttpRequest) -> HttpResponse:
    """The submission form."""
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = desk.submit_request(
                request.user,
                kind=data["kind"],
                title=data["title"],
                question=data["question"],
                contact=data["contact"],
                files=data["files"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(req)
    return render(request, "consulting/new.html", {"form": form})


def _visible(request: HttpRequest, number: str) -> ServiceRequest:
    return get_object_or_404(
        ServiceRequest.objects.restrict(request.user, "view").select_related(
            "requester", "assignee", "centre"
        ),
        number=number,
    )


def _last_answer(thread, req: ServiceRequest) -> str:
    """The desk's last public message, as a first draft of the FAQ answer."""
    answers = [m for m in thread if not m.internal and m.author_id != req.requester_id]
    return answers[-1].body if answers else ""


@login_required
def request_detail(request: HttpRequest, number: str) -> HttpResponse:
    """A request's thread, its state and the actions the person may take."""
    req = _visible(request, number)
    is_desk = desk.is_desk(req, request.user)
    thread = req.messages.select_related("author").prefetch_related("attachments")
    if not is_desk:
        thread = thread.filter(internal=False)
    actions = {t.name for t in available_transitions(req, request.user)}
    labels = dict(Verdict.choices)
    novelty = [{**row, "verdict_label": labels.get(row["verdict"], "")} for row in req.novelty]
    can_forward = dispatch.can_forward(req, request.user) and req.state != "closed"
    forward_choices = dispatch.forward_choices(request.user, req.kind) if can_forward else []
    forwarded = {link.service for link in req.links.all() if not link.is_declined}
    forward_choices = [c for c in forward_choices if c[0].partition(":")[0] not in forwarded]
    return render(
        request,
        "consulting/detail.html",
        {
            "req": req,
            "is_desk": is_desk,
            "thread": thread,
            "actions": actions,
            "history": history(req),
            "novelty": novelty,
            "links": req.links.select_related("created_by"),
            "forward_form": ForwardForm(choices=forward_choices) if forward_choices else None,
            "attachments": req.attachments.filter(message__isnull=True),
            "message_form": MessageForm(),
            "triage_form": TriageForm(initial={"kind": req.kind}),
            "assign_form": AssignForm(),
            "rating_form": RatingForm(
                initial={"rating": req.rating or 5, "allow_publish": req.allow_publish}
            ),
            "faq_form": FaqForm(
                initial={
                    "faq_question": req.faq_question or req.question,
                    "faq_answer": req.faq_answer or _last_answer(thread, req),
                }
            ),
            "is_requester": req.requester_id == request.user.pk,
        },
    )


ACTIONS = {
    "message": MessageForm,
    "answer": MessageForm,
    "triage": TriageForm,
    "assign": AssignForm,
    "rate": RatingForm,
    "faq": FaqForm,
}


def _act(request, req, action, data):
    if action == "message":
        desk.post_message(
            req,
            request.user,
            data["body"],
            internal=data["internal"],
            files=data["files"],
            request=request,
        )
    elif action == "answer":
        desk.answer_request(req, request.user, data["body"], files=data["files"], request=request)
    elif action == "triage":
        desk.triage_request(
            req,
            request.user,
            kind=data["kind"],
            centre=data["centre"],
            priority=data["priority"],
            request=request,
        )
    elif action == "assign":
        desk.assign_request(
            req, request.user, assignee=data["assignee"], centre=data["centre"], request=request
        )
    elif action == "rate":
        desk.rate_request(
            req,
            request.user,
            data["rating"],
            data["comment"],
            allow_publish=data["allow_publish"],
            request=request,
        )
    elif action == "faq":
        desk.publish_faq(
            req, request.user, data["faq_question"], data["faq_answer"], request=request
        )
    elif action == "forward":
        form = ForwardForm(request.POST, choices=dispatch.forward_choices(request.user))
        if not form.is_valid():
            raise dispatch.ForwardError(_("Choose where to forward the request."))
        dispatch.forward_request(
            req,
            request.user,
            form.cleaned_data["destination"],
            form.cleaned_data["note"],
            request=request,
        )
    elif action == "close":
        desk.close_request(req, request.user, request.POST.get("comment", ""), request=request)
    elif action == "reopen":
        desk.reopen_request(req, request.user, request.POST.get("comment", ""), request=request)
    else:
        raise Http404


@login_required
@require_POST
def request_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    """One action on a request; a refusal shows its reason on the page and loses nothing."""
    from django.contrib import messages

    req = _visible(request, number)
    form_class = ACTIONS.get(action)
    data = {}
    if form_class is not None:
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
            return redirect(req)
        data = form.cleaned_data
    try:
        _act(request, req, action, data)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(req)


@login_required
@require_GET
def attachment(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """An attachment, to the people who may see the request (and its message)."""
    req = _visible(request, number)
    item = get_object_or_404(Attachment, pk=pk, request=req)
    if item.message_id and item.message.internal and not desk.is_desk(req, request.user):
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.filename,
        content_type=CONTENT_TYPES.get(item.kind, "application/octet-stream"),
    )


@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    """The public FAQ built from answered requests their requesters allowed to publish."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    return render(
        request,
        "consulting/faq.html",
        {"entries": desk.public_faq(kind), "kinds": Kind.choices, "kind": kind},
    )


@permission_required("consulting.view_servicerequest", raise_exception=True)
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """The desk's monthly service statistics."""
    today = timezone.localdate()
    try:
        month = datetime.date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        month = today.replace(day=1)
    return render(
        request,
        "consulting/statistics.html",
        {"stats": monthly_service_statistics(month.year, month.month), "month": f"{month:%Y-%m}"},
    )
