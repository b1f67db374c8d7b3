"""Pages of inter-laboratory rounds: list, new (upload or paste), results with h/k plots."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from bodies.scopes import bodies_with_permission
from core.downloads import attachment
from core.exceptions import DomainError
from core.writers import CONTENT_TYPES
from verification.models import PrecisionRound, VerificationCentre
from verification.services import rounds as service
from verification.services.charts import mandel_chart


def _centres(user):
    qs = VerificationCentre.objects.filter(body__is_active=True).select_related("body")
    permission = "verification.change_verificationrequest"
    if user.has_perm(permission):
        return qs
    return qs.filter(body__in=bodies_with_permission(user, permission))


class RoundForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    centre = forms.ModelChoiceField(
        label=_("organising centre"), queryset=VerificationCentre.objects.none()
    )
    method = forms.CharField(label=_("test method"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=PrecisionRound.Kind.choices)
    file = forms.FileField(label=_("Data file (csv or xlsx: level, lab, value)"), required=False)
    data = forms.CharField(label=_("or paste the CSV"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = _centres(user)


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """The rounds the person may see."""
    rounds = PrecisionRound.objects.restrict(request.user).select_related("centre__body")[:200]
    return render(request, "verification/rounds/list.html",
                  {"rounds": rounds, "can_add": _centres(request.user).exists()})  # fmt: skip


@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    """Record a round from an uploaded or pasted `level,lab,value` file."""
    form = RoundForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            text = service.read_round_file(d["file"]) if d["file"] else d["data"]
            rnd = service.create_round(d["centre"], user=request.user, title=d["title"],
                                       text=text, method=d["method"], kind=d["kind"],
                                       request=request)  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(rnd)
    return render(request, "verification/rounds/new.html", {"form": form})


def _round(request: HttpRequest, pk: int) -> PrecisionRound:
    rnd = (
        PrecisionRound.objects.restrict(request.user)
        .select_related("centre__body")
        .filter(pk=pk)
        .first()
    )
    if rnd is None:
        raise Http404
    return rnd


@login_required
@require_GET
def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Download the round (xlsx: facts, precision, laboratories, values; csv: the values)."""
    rnd = _round(request, pk)
    if fmt not in service.EXPORT_FORMATS:
        raise Http404
    content = service.export_round(rnd, fmt, user=request.user, request=request)
    return attachment(content, f"round-{rnd.pk}.{fmt}", CONTENT_TYPES[fmt])


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A round's precision per level, outliers, z-scores and the Mandel h and k plots."""
    rnd = _round(request, pk)
    levels = [
        {**level, **{kind: [{**f, "label": service.test_label(f["test"])} for f in level[kind]]
                     for kind in ("outliers", "stragglers")}}
        for level in rnd.result.get("levels", [])
    ]  # fmt: skip
    labs = list(dict.fromkeys(lab for level in levels for lab in level["h"]))
    z_rows = [
        (lab, [(lv["robust"]["z"].get(lab), lv["robust"]["assessment"].get(lab)) for lv in levels])
        for lab in labs
    ]
    return render(request, "verification/rounds/detail.html", {
        "round": rnd, "levels": levels, "z_rows": z_rows,
        "h_chart": mandel_chart(levels, "h", _("Mandel's h (between laboratories)")),
        "k_chart": mandel_chart(levels, "k", _("Mandel's k (within laboratories)")),
    })  # fmt: skip
