"""Pages of benefit evaluations and applicability questionnaires (with the public answer page)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organization
from bodies.models import Body
from bodies.scopes import bodies_of
from core.exceptions import DomainError
from core.htmx import pick_template
from core.uploads import CONTENT_TYPES
from verification.models import BenefitEvaluation, Dimension, QuestionKind, Questionnaire
from verification.services import applicability as survey
from verification.services import benefit
from verification.services.conformity import find_standard
from verification.services.reports_evaluation import (
    benefit_indicators,
    benefit_pdf,
    benefit_xlsx,
    questionnaire_xlsx,
)
from workflows.services import available_transitions, transition

XLSX = CONTENT_TYPES["xlsx"]
FLOWS_HELP = gettext_lazy(
    "One line per year: year, costs, benefits[, note]; e.g. “0, 120, 0, 制定”."
)


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _bodies(user):
    return Body.objects.filter(pk__in=[b.pk for b in bodies_of(user)])


class BenefitForm(forms.Form):
    standard = forms.CharField(label=gettext_lazy("standard"), max_length=200)
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    body = forms.ModelChoiceField(
        label=gettext_lazy("body"), queryset=Body.objects.none(), required=False
    )
    implementer = forms.CharField(
        label=gettext_lazy("implementing organisation"), max_length=200, required=False
    )
    rate = forms.CharField(label=gettext_lazy("discount rate (%)"), max_length=20, initial="8")
    currency = forms.CharField(label=gettext_lazy("amount unit"), max_length=20, initial="万元")
    flows = forms.CharField(
        label=gettext_lazy("yearly cash flows"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=FLOWS_HELP,
    )
    notes = forms.CharField(
        label=gettext_lazy("notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies(user)


def _evaluation(request, pk) -> BenefitEvaluation:
    found = (
        BenefitEvaluation.objects.restrict(request.user)
        .select_related("standard")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@login_required
def benefit_list(request: HttpRequest) -> HttpResponse:
    """The benefit evaluations the person may see and the form for a new one."""
    form = BenefitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if not (request.user.has_perm("verification.add_benefitevaluation") or data["body"]):
                raise DomainError(_("Choose the body the evaluation belongs to."))
            evaluation = benefit.save_benefit_evaluation(
                user=request.user,
                standard=find_standard(data["standard"]),
                title=data["title"],
                rate_text=data["rate"],
                flows=data["flows"],
                body=data["body"],
                implementer=data["implementer"],
                currency=data["currency"] or "万元",
                notes=data["notes"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(evaluation)
    evaluations = BenefitEvaluation.objects.restrict(request.user).select_related("standard")
    return render(
        request,
        "verification/evaluation/benefit_list.html",
        {"evaluations": evaluations[:200], "form": form},
        status=400 if form.errors else 200,
    )


class BenefitEditForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    rate = forms.CharField(label=gettext_lazy("discount rate (%)"), max_length=20)
    flows = forms.CharField(
        label=gettext_lazy("yearly cash flows"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=FLOWS_HELP,
    )


SENSITIVITY_STEPS = (Decimal(-2), Decimal(0), Decimal(2))


@login_required
def benefit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicators, yearly table, NPV at nearby rates, a chart; the inputs to change."""
    evaluation = _evaluation(request, pk)
    can_change = BenefitEvaluation.objects.restrict(request.user, "change").filter(pk=pk).exists()
    form = BenefitEditForm(
        request.POST or None,
        initial={"title": evaluation.title, "rate": f"{evaluation.discount_rate.normalize():f}",
                 "flows": benefit.flows_text(evaluation)},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            benefit.save_benefit_evaluation(
                user=request.user, standard=evaluation.standard, title=data["title"],
                rate_text=data["rate"], flows=data["flows"], body=evaluation.body,
                implementer=evaluation.implementer, currency=evaluation.currency,
                notes=evaluation.notes, evaluation=evaluation, request=request,
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(evaluation)
    evaluation.refresh_from_db()
    result = benefit.result_of(evaluation)
    flows = benefit.flows_of(evaluation)
    sensitivity = [
        (rate, benefit.evaluate_benefit(flows, rate / 100).npv)
        for rate in (evaluation.discount_rate + step for step in SENSITIVITY_STEPS)
        if 0 <= rate <= 100
    ]
    return render(
        request,
        "verification/evaluation/benefit_detail.html",
        {
            "evaluation": evaluation,
            "result": result,
            "indicators": benefit_indicators(evaluation, result),
            "chart": [(str(y.year), y.cumulative_discounted) for y in result.years],
            "sensitivity": sensitivity,
            "form": form if can_change else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def benefit_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The evaluation as PDF or xlsx."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    evaluation = _evaluation(request, pk)
    result = benefit.result_of(evaluation)
    if fmt == "pdf":
        return _download(benefit_pdf(evaluation, result), "application/pdf", f"benefit-{pk}.pdf")
    return _download(benefit_xlsx(evaluation, result), XLSX, f"benefit-{pk}.xlsx")


# --- questionnaires ----------------------------------------------------------------


class QuestionnaireForm(forms.Form):
    standard = forms.CharField(label=gettext_lazy("standard"), max_length=200)
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    body = forms.ModelChoiceField(
        label=gettext_lazy("body"), queryset=Body.objects.none(), required=False
    )
    introduction = forms.CharField(
        label=gettext_lazy("introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies(user)


class QuestionForm(forms.Form):
    dimension = forms.ChoiceField(label=gettext_lazy("dimension"), choices=Dimension.choices)
    kind = forms.ChoiceField(label=gettext_lazy("type"), choices=QuestionKind.choices)
    text = forms.CharField(label=gettext_lazy("question"), max_length=300)
    choices = forms.CharField(
        label=gettext_lazy("choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("For a choice question: one option a line."),
    )
    weight = forms.CharField(label=gettext_lazy("weight"), initial="1", max_length=10)
    required = forms.BooleanField(label=gettext_lazy("required"), required=False, initial=True)


class InviteForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("organisation"), required=False, queryset=Organization.objects.all()
    )
    email = forms.EmailField(label=gettext_lazy("e-mail"), required=False)
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), initial=30, min_value=1, max_value=365
    )


def _questionnaire(request, pk) -> Questionnaire:
    found = (
        Questionnaire.objects.restrict(request.user)
        .select_related("standard", "body")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    """Questionnaires the person may see, the form for a new one, and scores by grouping."""
    form = QuestionnaireForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            q = survey.create_questionnaire(
                user=request.user,
                standard=find_standard(data["standard"]),
                title=data["title"],
                introduction=data["introduction"],
                body=data["body"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(q)
    group = request.GET.get("by", "standard")
    if group not in survey.GROUPS:
        group = "standard"
    grouped = survey.scores_by(group, request.user)
    return render(
        request,
        pick_template(
            request,
            "verification/evaluation/questionnaire_list.html",
            "verification/evaluation/_grouped.html",
        ),
        {
            "questionnaires": Questionnaire.objects.restrict(request.user).select_related(
                "standard"
            )[:200],
            "form": form,
            "group": group,
            "grouped": grouped,
            "dimensions": Dimension.choices,
            "chart": [(label, s.overall) for label, s in grouped if s.overall is not None],
        },
        status=400 if form.errors else 200,
    )


def _results_context(q) -> dict:
    scores = survey.questionnaire_scores(q)
    labels = dict(Dimension.choices)
    choices = survey.choice_counts(q)
    return {
        "scores": scores,
        "dimension_rows": [(labels[d], v) for d, v in scores.dimensions.items()],
        "choice_rows": [
            (question, choices[question.pk])
            for question in q.questions.all()
            if question.pk in choices
        ],
        "digest": survey.free_text_digest(q),
    }


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The questions, invitations, process buttons and the aggregated results."""
    q = _questionnaire(request, pk)
    question_form, invite_form, error, link = QuestionForm(), InviteForm(), "", ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "question":
                question_form = QuestionForm(request.POST)
                if question_form.is_valid():
                    survey.add_question(
                        q, user=request.user, request=request, **question_form.cleaned_data
                    )
                    return redirect(q)
            elif action == "standard-questions":
                survey.add_standard_questions(q, user=request.user, request=request)
                return redirect(q)
            elif action == "invite":
                invite_form = InviteForm(request.POST)
                if invite_form.is_valid():
                    data = invite_form.cleaned_data
                    _inv, token = survey.invite(
                        q,
                        user=request.user,
                        organization=data["organization"],
                        email=data["email"] or "",
                        days=data["days"],
                        request=request,
                        link_for=lambda t: request.build_absolute_uri(
                            reverse("evaluation:answer", args=[t])
                        ),
                    )
                    link = request.build_absolute_uri(reverse("evaluation:answer", args=[token]))
            elif action == "transition":
                transition(
                    q,
                    request.POST.get("to_state", ""),
                    request.user,
                    request.POST.get("comment", ""),
                    request=request,
                )
                return redirect(q)
        except DomainError as exc:
            error = exc.message
    context = {
        "q": q,
        "questions": q.questions.all(),
        "question_form": question_form,
        "invite_form": invite_form,
        "error": error,
        "link": link,
        "invitations": q.invitations.select_related("organization", "alliance"),
        "transitions": available_transitions(q, request.user),
        "can_change": Questionnaire.objects.restrict(request.user, "change")
        .filter(pk=q.pk)
        .exists(),
        **_results_context(q),
    }
    return render(
        request,
        "verification/evaluation/questionnaire_detail.html",
        context,
        status=400 if error or question_form.errors or invite_form.errors else 200,
    )


@login_required
def questionnaire_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every response and the scores as xlsx."""
    q = _questionnaire(request, pk)
    return _download(questionnaire_xlsx(q), XLSX, f"questionnaire-{pk}.xlsx")


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Public: answer a questionnaire through a personal single-use link."""
    try:
        invitation = survey.invitation_for(token)
    except DomainError as exc:
        return render(
            request,
            "verification/evaluation/answer_closed.html",
            {"message": exc.message},
            status=410,
        )
    q = invitation.questionnaire
    error = ""
    if request.method == "POST":
        given = {k[2:]: v for k, v in request.POST.items() if k.startswith("q-")}
        try:
            survey.submit_response(token, given, request=request)
        except DomainError as exc:
            error = exc.message
        else:
            return render(
                request,
                "verification/evaluation/answer_closed.html",
                {"message": _("Thank you: your answers are recorded."), "done": True},
            )
    return render(
        request,
        "verification/evaluation/answer.html",
        {
            "q": q,
            "invitation": invitation,
            "questions": q.questions.all(),
            "error": error,
            "given": {k[2:]: v for k, v in request.POST.items() if k.startswith("q-")},
            "scores": range(1, 6),
        },
        status=200,  # the form again with the message; nothing entered is lost
    )
