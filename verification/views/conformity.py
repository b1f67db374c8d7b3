"""Pages of conformity tests: list, new, results entry and upload, reports, statistics."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bodies.models import Body, BodyKind
from bodies.scopes import bodies_with_permission
from catalog.models import Standard
from core.exceptions import DomainError
from core.htmx import pick_template
from core.uploads import CONTENT_TYPES
from verification.models import CONFORMITY, ConformityTest
from verification.services import conformity as service
from verification.services.reports_evaluation import conformity_pdf, conformity_xlsx
from workflows.services import available_transitions, history, transition

XLSX = CONTENT_TYPES["xlsx"]


def _centres(user):
    qs = Body.objects.filter(kind=BodyKind.VERIFICATION_CENTRE, is_active=True)
    if user.has_perm("verification.add_conformitytest"):
        return qs
    return qs.filter(pk__in=bodies_with_permission(user, "verification.add_conformitytest"))


class TestForm(forms.Form):
    standard = forms.CharField(label=_("standard"), max_length=200)
    centre = forms.ModelChoiceField(label=_("testing centre"), queryset=Body.objects.none())
    product = forms.CharField(label=_("product"), max_length=200)
    model = forms.CharField(label=_("model"), max_length=120, required=False)
    lot = forms.CharField(label=_("lot"), max_length=120, required=False)
    sample = forms.CharField(label=_("sample number"), max_length=120, required=False)
    manufacturer = forms.CharField(label=_("manufacturer"), max_length=200, required=False)
    tested_on = forms.DateField(
        label=_("tested on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = _centres(user)


class ItemForm(forms.Form):
    clause = forms.CharField(label=_("clause"), max_length=40)
    indicator = forms.CharField(label=_("indicator"), max_length=200)
    requirement = forms.CharField(label=_("requirement"), max_length=300)
    value = forms.CharField(label=_("measured value"), max_length=100)
    unit = forms.CharField(label=_("unit"), max_length=30, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Data file (xlsx or csv)"))
    replace = forms.BooleanField(label=_("Replace the results entered so far"), required=False)


def _test(request: HttpRequest, pk: int, action: str = "view") -> ConformityTest:
    test = (
        ConformityTest.objects.restrict(request.user, action)
        .select_related("standard", "centre").filter(pk=pk).first()
    )  # fmt: skip
    if test is None:
        raise Http404
    return test


PAGE_SIZE = 50


@login_required
def conformity_list(request: HttpRequest) -> HttpResponse:
    """The conformity tests the person may see, newest first, by state and product/standard."""
    tests = ConformityTest.objects.restrict(request.user).select_related("standard", "centre")
    state = request.GET.get("state", "")
    if state in CONFORMITY.states:
        tests = tests.filter(state=state)
    text = request.GET.get("q", "").strip()
    if text:
        tests = tests.filter(
            Q(product__icontains=text) | Q(model__icontains=text)
            | Q(standard__designation__icontains=text) | Q(report_number__icontains=text)
        )  # fmt: skip
    page = Paginator(tests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        pick_template(request, "verification/evaluation/conformity_list.html",
                      "verification/evaluation/_conformity_rows.html"),
        {"page": page, "tests": page.object_list, "can_add": _centres(request.user).exists(),
         "states": CONFORMITY.states.items(), "state": state, "q": text},
    )  # fmt: skip


@login_required
def conformity_new(request: HttpRequest) -> HttpResponse:
    """Open a conformity test of a product against a catalogue standard."""
    form = TestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            test = service.create_conformity_test(
                user=request.user, standard=service.find_standard(data["standard"]),
                centre=data["centre"], product=data["product"], model=data["model"],
                lot=data["lot"], sample=data["sample"], manufacturer=data["manufacturer"],
                tested_on=data["tested_on"], request=request,
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(test)
    return render(request, "verification/evaluation/conformity_new.html", {"form": form})


def _detail(request, test, item_form=None, upload_form=None, error="", status=200):
    can_change = ConformityTest.objects.restrict(request.user, "change").filter(pk=test.pk).exists()
    context = {
        "test": test, "items": test.items.all(), "verdict": service.overall_verdict(test),
        "can_change": can_change and test.state == "draft",
        "transitions": available_transitions(test, request.user), "history": history(test),
        "item_form": item_form or ItemForm(), "upload_form": upload_form or UploadForm(),
        "error": error,
    }  # fmt: skip
    return render(request, "verification/evaluation/conformity_detail.html", context,
                  status=status)  # fmt: skip


@login_required
def conformity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A test with its judged clauses, the entry and upload forms and its process."""
    return _detail(request, _test(request, pk))


@login_required
@require_POST
def conformity_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Judge and add one entered clause; a bad value is shown with the form kept."""
    test = _test(request, pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            service.record_items(test, [service.ItemInput(**form.cleaned_data, row=1)],
                                 user=request.user, request=request)  # fmt: skip
        except DomainError as exc:
            return _detail(request, test, item_form=form, error=exc.message, status=400)
        return redirect(test)
    return _detail(request, test, item_form=form, status=400)


@login_required
@require_POST
def conformity_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Judge and add the clauses of an uploaded xlsx/csv; nothing is saved on an error."""
    test = _test(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            items = service.read_items_file(form.cleaned_data["file"])
            service.record_items(test, items, user=request.user,
                                 replace=form.cleaned_data["replace"], request=request)  # fmt: skip
        except DomainError as exc:
            return _detail(request, test, upload_form=form, error=exc.message, status=400)
        return redirect(test)
    return _detail(request, test, upload_form=form, status=400)


@login_required
@require_POST
def conformity_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue or withdraw the report (through the process)."""
    test = _test(request, pk)
    try:
        transition(test, request.POST.get("to_state", ""), request.user,
                   request.POST.get("comment", ""), request=request)  # fmt: skip
    except DomainError as exc:
        return _detail(request, test, error=exc.message, status=400)
    return redirect(test)


@login_required
def conformity_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The test report PDF (with its verification code once reported)."""
    test = _test(request, pk)
    response = HttpResponse(conformity_pdf(test, request.build_absolute_uri("/")),
                            content_type="application/pdf")  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="conformity-{test.pk}.pdf"'
    return response


@login_required
def conformity_data_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The raw data of the test as xlsx."""
    test = _test(request, pk)
    response = HttpResponse(conformity_xlsx(test), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="conformity-{test.pk}.xlsx"'
    return response


@login_required
def conformity_template(request: HttpRequest) -> HttpResponse:
    """The data template for uploads."""
    response = HttpResponse(service.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="conformity-template.xlsx"'
    return response


def conformity_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: confirm a conformity report by its verification code."""
    test = (
        ConformityTest.objects.filter(verification_code=code.strip().upper())
        .exclude(verification_code="").select_related("standard", "centre").first()
    )  # fmt: skip
    context = {"test": test, "verdict": service.overall_verdict(test) if test else ""}
    return render(request, "verification/evaluation/conformity_verify.html", context,
                  status=200 if test else 404)  # fmt: skip


@login_required
def standard_stats(request: HttpRequest, pk: int) -> HttpResponse:
    """Which clauses of a standard fail most often and the fail rate per year."""
    standard = get_object_or_404(Standard, pk=pk)
    stats = service.clause_failure_stats(standard)
    return render(request, "verification/evaluation/standard_stats.html",
                  {"standard": standard, "stats": stats,
                   "clause_rows": [(c.clause, c.fail_rate * 100) for c in stats.clauses[:15]],
                   "year_rows": [(y.year, y.fail_rate * 100) for y in stats.years]})  # fmt: skip
