"""Expert database pages: search and matching, profiles, applications, the office's review."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import DomainError
from talent.forms_experts import CreditForm, DecisionForm, MatchForm, ProfileForm, SearchForm, split
from talent.models import Expert
from talent.services import expert_privacy, experts, matching
from workflows.services import available_transitions, history


def _expert(user, pk: int, action: str = "view") -> Expert:
    expert = Expert.objects.restrict(user, action).filter(pk=pk).first()
    if expert is None:
        raise Http404(_("Not found."))
    return expert


def _office(user) -> bool:
    return user.has_perm("talent.change_expert")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The expert pool: search by field, title, region, keyword; match-rank for a topic."""
    if not _office(request.user):
        mine = Expert.objects.filter(user=request.user).first()
        return redirect(mine.get_absolute_url() if mine else reverse("talent:experts:apply"))
    form = SearchForm(request.GET or None)
    match_form = MatchForm(request.GET if "topic" in request.GET else None)
    # The filters in use, counted on the button that unfolds them on a phone.
    used = sum(1 for name in (*form.fields, "topic") if request.GET.get(name, "").strip())
    context = {"form": form, "match_form": match_form, "filters_used": used}
    if match_form.is_bound and match_form.is_valid():
        data = match_form.cleaned_data
        context["matches"] = matching.match_experts(
            request.user, data["topic"], data["scope"], split(data["codes"])
        )
    else:
        values = form.cleaned_data if form.is_valid() else {}
        rows = experts.search_experts(request.user, **{k: v for k, v in values.items() if v})
        context["page"] = Paginator(rows.prefetch_related("fields"), 50).get_page(
            request.GET.get("page")
        )
    return render(request, "talent/experts/index.html", context)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The office's review queue: applications, and active terms ending within 90 days."""
    if not _office(request.user):
        raise Http404(_("Not found."))
    rows = Expert.objects.restrict(request.user, "change")
    return render(
        request,
        "talent/experts/queue.html",
        {
            "applied": rows.filter(state="applied").order_by("created_at"),
            "ending": experts.terms_ending(rows),
            "suspended": rows.filter(state="suspended"),
        },
    )


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert's profile, credit record and review history (masked personal fields)."""
    expert = _expert(request.user, pk)
    office = _office(request.user)
    context = {
        "expert": expert,
        "office": office,
        "own": expert.user_id == request.user.pk,
        "credit": experts.credit_summary(expert),
        "events": expert.credit_events.all()[:50],
        "standards": expert.standards.select_related("standard"),
        "transitions": available_transitions(expert, request.user) if office else [],
        "history": [
            (e, expert.process.state_label(e.from_state), expert.process.state_label(e.to_state))
            for e in history(expert)
        ],
        "credit_form": CreditForm(),
    }
    return render(request, "talent/experts/detail.html", context)


def _profile(form: ProfileForm) -> experts.Profile:
    return experts.Profile(**form.profile_values())


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    """A person applies to the expert pool (or an organisation nominates them)."""
    mine = Expert.objects.filter(user=request.user).first()
    if mine is not None:
        return redirect(mine.get_absolute_url())
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expert = experts.apply_as_expert(request.user, _profile(form), request=request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your application was sent to the base office."))
            return redirect(expert.get_absolute_url())
    return render(
        request, "talent/form.html", {"form": form, "title": _("Apply to the expert pool")}
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The expert or the office changes the profile."""
    expert = _expert(request.user, pk, "change")
    form = ProfileForm(request.POST or None, initial=experts.profile_initial(expert))
    if request.method == "POST" and form.is_valid():
        try:
            experts.update_profile(request.user, expert, _profile(form), request=request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect(expert.get_absolute_url())
    title = _("Profile of %(name)s") % {"name": expert.name}
    return render(request, "talent/form.html", {"form": form, "title": title})


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The office approves for a term, rejects, suspends, reinstates, renews or expires."""
    expert = _expert(request.user, pk, "change")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(expert.get_absolute_url())
    data = form.cleaned_data
    try:
        experts.decide_expert(
            request.user, expert, data["step"], data["comment"],
            term_years=data["term_years"] or 3, request=request,
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect(expert.get_absolute_url())


@login_required
@require_POST
def credit(request: HttpRequest, pk: int) -> HttpResponse:
    """The office adds a credit entry: served, no-show or a rating."""
    expert = _expert(request.user, pk)
    form = CreditForm(request.POST)
    if form.is_valid():
        try:
            experts.record_credit(
                request.user, expert, form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"], rating=form.cleaned_data["rating"],
                request=request,
            )  # fmt: skip
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The credit record was updated."))
    else:
        messages.error(request, _("Check the credit entry."))
    return redirect(expert.get_absolute_url())


@login_required
@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the unmasked phone and ID number once (the access is audited)."""
    expert = _expert(request.user, pk)
    try:
        data = expert_privacy.reveal_personal_data(
            request.user, expert, purpose=request.POST.get("purpose", ""), request=request
        )
    except DomainError as exc:
        raise Http404(exc.message) from exc
    return render(request, "talent/experts/personal.html", {"expert": expert, "data": data})


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    """Download everything the expert database holds about me (JSON, audited)."""
    try:
        data = expert_privacy.export_expert_data(request.user, request=request)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-expert-data.json"'
    return response
