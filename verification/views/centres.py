"""Pages of verification centres: public list and profile, staff editing, office overview."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.htmx import pick_template
from verification.models import (
    Accreditation,
    CentreEquipment,
    CentreStaff,
    VerificationCentre,
    VerificationItem,
    VerificationRequest,
)
from verification.services import centres as service

DATE = forms.DateInput(attrs={"type": "date"})


class ProfileForm(forms.ModelForm):
    class Meta:
        model = VerificationCentre
        fields = ["host_organisation", "industry", "ics", "ccs", "city", "monthly_capacity",
                  "description"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AccreditationForm(forms.ModelForm):
    class Meta:
        model = Accreditation
        fields = ["kind", "number", "valid_from", "valid_until"]
        widgets = {"valid_from": DATE, "valid_until": DATE}


class CapabilityForm(forms.Form):
    designation = forms.CharField(label=_("test method (designation)"), max_length=200)
    scope = forms.CharField(label=pgettext_lazy("test method", "scope"), max_length=200,
                            required=False)  # fmt: skip


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = CentreEquipment
        fields = ["name", "model", "serial", "calibration_due"]
        widgets = {"calibration_due": DATE}


class StaffForm(forms.ModelForm):
    class Meta:
        model = CentreStaff
        fields = ["name", "title", "expertise"]
        # "name" and "position" alone read as an object's name and an item's position.
        labels = {"name": pgettext_lazy("person", "name"),
                  "title": pgettext_lazy("job", "position")}  # fmt: skip


PART_FORMS = {"accreditation": AccreditationForm, "capability": CapabilityForm,
              "equipment": EquipmentForm, "staff": StaffForm}  # fmt: skip


def _centre(pk: int) -> VerificationCentre:
    return get_object_or_404(VerificationCentre.objects.select_related("body"), pk=pk)


def centre_list(request: HttpRequest) -> HttpResponse:
    """Public: the verification centres with their field, city and accreditations."""
    centres = (
        VerificationCentre.objects.restrict(request.user).filter(body__is_active=True)
        .select_related("body").prefetch_related("accreditations")
    )  # fmt: skip
    text = request.GET.get("q", "").strip()
    if text:
        centres = centres.filter(body__name__icontains=text) | centres.filter(
            industry__icontains=text
        ) | centres.filter(city__icontains=text)  # fmt: skip
    return render(request, "verification/centres/list.html", {"centres": centres, "q": text})


def _detail(request, centre, forms_by_part=None, profile_form=None, error="", status=200):
    can_manage = service.can_manage(request.user, centre.body)
    forms_by_part = forms_by_part or {}
    context = {
        "centre": centre,
        "accreditations": centre.accreditations.all(),
        "capabilities": centre.capabilities.select_related("standard"),
        "equipment": centre.equipment.all(),
        "staff": centre.staff.all(),
        "can_manage": can_manage,
        "error": error,
    }
    if can_manage:
        context["profile_form"] = profile_form or ProfileForm(instance=centre)
        context["part_forms"] = [
            (part, forms_by_part.get(part) or form(prefix=part))
            for part, form in PART_FORMS.items()
        ]
    return render(request, "verification/centres/detail.html", context, status=status)


def centre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Public: a centre's profile, accreditations, methods, equipment and staff."""
    return _detail(request, _centre(pk))


@login_required
@require_POST
def centre_profile(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: update the centre's profile."""
    centre = _centre(pk)
    form = ProfileForm(request.POST, instance=VerificationCentre.objects.get(pk=centre.pk))
    if form.is_valid():
        try:
            service.register_centre(centre.body, user=request.user, request=request,
                                    **form.cleaned_data)  # fmt: skip
        except DomainError as exc:
            return _detail(request, centre, profile_form=form, error=exc.message)
        return redirect(centre)
    return _detail(request, centre, profile_form=form)


@login_required
@require_POST
def centre_add(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """Staff: add an accreditation, capability, instrument or staff member."""
    centre = _centre(pk)
    if part not in PART_FORMS:
        raise Http404
    form = PART_FORMS[part](request.POST, prefix=part)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if part == "capability":
                service.add_capability(centre, data["designation"], scope=data["scope"],
                                       user=request.user, request=request)  # fmt: skip
            else:
                service.add_centre_part(centre, part, user=request.user, request=request, **data)
        except DomainError as exc:
            return _detail(request, centre, {part: form}, error=exc.message)
        return redirect(centre)
    return _detail(request, centre, {part: form})


ITEM_PAGE = 100


@login_required
def centre_items(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff and office: every verification item of the centre, by verdict, newest first."""
    centre = _centre(pk)
    visible = VerificationRequest.objects.restrict(request.user).filter(centre=centre)
    items = (
        VerificationItem.objects.filter(request__in=visible)
        .select_related("request").order_by("-request_id", "position")
    )  # fmt: skip
    verdict = request.GET.get("verdict", "")
    if verdict in ("pass", "fail", "inconclusive"):
        items = items.filter(verdict=verdict)
    elif verdict == "open":
        items = items.filter(verdict="")
    page = Paginator(items, ITEM_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        pick_template(request, "verification/centres/items.html",
                      "verification/centres/_item_rows.html"),
        {"centre": centre, "page": page, "items": page.object_list, "verdict": verdict},
    )  # fmt: skip


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Base office: capacity, load, expiring accreditations and calibrations of every centre."""
    if not request.user.has_perm("verification.view_verificationrequest"):
        raise Http404
    return render(request, "verification/centres/overview.html",
                  {"rows": service.centre_loads()})  # fmt: skip
