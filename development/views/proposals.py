"""Pages of proposals: the form, the proposal with its novelty check and review buttons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from development.forms import ProposalForm, TransitionForm
from development.models import Proposal
from development.services.proposals import EDITABLE, create_proposal, update_proposal
from development.views.bodies import _body
from development.views.common import can, get_or_404
from workflows.services import available_transitions, history, transition


def _values(form: ProposalForm) -> dict:
    return {name: form.cleaned_data.get(name) for name in EDITABLE}


@login_required
def proposal_new(request: HttpRequest, body_pk: int) -> HttpResponse:
    """Write a proposal to an alliance or committee."""
    body = _body(body_pk)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = create_proposal(body, author=request.user, request=request, **_values(form))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(proposal)
    return render(request, "development/proposal_form.html", {"form": form, "body": body})


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft proposal."""
    proposal = get_or_404(Proposal, request.user, pk, "change", "body")
    initial = {name: getattr(proposal, name) for name in EDITABLE}
    initial["revises"] = proposal.revises.designation if proposal.revises_id else ""
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_proposal(proposal, user=request.user, request=request, **_values(form))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(proposal)
    return render(
        request,
        "development/proposal_form.html",
        {"form": form, "body": proposal.body, "proposal": proposal},
    )


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A proposal, its novelty check and what the person may do with it."""
    proposal = get_or_404(Proposal, request.user, pk, "view", "body", "author", "revises")
    return render(
        request,
        "development/proposal_detail.html",
        {
            "proposal": proposal,
            "novelty": proposal.novelty or None,
            "transitions": available_transitions(proposal, request.user),
            "may_edit": proposal.state == "draft" and proposal.author_id == request.user.pk,
            "events": history(proposal),
            "form": TransitionForm(),
            "project": getattr(proposal, "project", None) if proposal.state == "approved" else None,
            "is_reviewer": can(Proposal, request.user, proposal, "change"),
        },
    )


@login_required
@require_POST
def proposal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit, approve, reject, return or withdraw a proposal."""
    proposal = get_or_404(Proposal, request.user, pk, "view")
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            transition(
                proposal,
                form.cleaned_data["to_state"],
                request.user,
                form.cleaned_data["comment"],
                request=request,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            project = getattr(proposal, "project", None) if proposal.state == "approved" else None
            if project is not None:
                return redirect(project)
    return redirect(proposal)
