"""Evaluation of standards in use: economic benefit and applicability questionnaires."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel
from workflows.models import StatefulModel
from workflows.processes import Condition, Permission, Process, Transition, register_process

__all__ = [
    "QUESTIONNAIRE",
    "Answer",
    "BenefitEvaluation",
    "BenefitFlow",
    "Dimension",
    "Invitation",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Response",
]


class OwnedByBodyQuerySet(BodyScopedQuerySet):
    """Rows of a body (the alliance or centre running them); their author always sees them."""

    body_path = "body"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(created_by=user)


class BenefitEvaluation(TimeStampedModel):
    """An economic-benefit evaluation of one standard's implementation (GB/T 3533.1)."""

    standard = models.ForeignKey(
        "catalog.Standard", models.PROTECT, related_name="benefit_evaluations",
        verbose_name=_("standard"),
    )  # fmt: skip
    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("body"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    implementer = models.CharField(_("implementing organisation"), max_length=200, blank=True)
    discount_rate = models.DecimalField(_("discount rate (%)"), max_digits=6, decimal_places=3)
    currency = models.CharField(_("amount unit"), max_length=20, default="万元")
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = OwnedByBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("benefit evaluation")
        verbose_name_plural = _("benefit evaluations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:benefit-detail", args=[self.pk])


class BenefitFlow(models.Model):
    """The costs of standardisation and the savings/benefits of one year of the period."""

    evaluation = models.ForeignKey(
        BenefitEvaluation, models.CASCADE, related_name="flows", verbose_name=_("evaluation")
    )
    year = models.PositiveSmallIntegerField(_("year of the period"))
    costs = models.DecimalField(_("costs"), max_digits=16, decimal_places=4, default=0)
    benefits = models.DecimalField(_("savings and benefits"), max_digits=16, decimal_places=4)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("yearly cash flow")
        verbose_name_plural = _("yearly cash flows")
        ordering = ["evaluation", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "year"], name="verification_flow_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}/{self.year}"


QUESTIONNAIRE = register_process(
    Process(
        code="verification.questionnaire",
        label=_("Applicability questionnaire"),
        states={"draft": _("Draft"), "open": _("Open"), "closed": _("Closed")},
        initial="draft",
        transitions=[
            Transition(
                "open",
                _("Open for responses"),
                sources=("draft",),
                target="open",
                allowed=(Permission("change"),),
                conditions=(
                    Condition(_("it has questions"), lambda q, data: q.questions.exists()),
                ),
            ),
            Transition(
                "close",
                _("Close"),
                sources=("open",),
                target="closed",
                allowed=(Permission("change"),),
            ),
        ],
    )
)


class Dimension(models.TextChoices):
    CLARITY = "clarity", _("Clarity")
    TECHNICAL = "technical", _("Technical level")
    OPERABILITY = "operability", _("Operability")
    CONSISTENCY = "consistency", _("Consistency with related standards")
    GAPS = "gaps", _("Gaps")


class QuestionKind(models.TextChoices):
    SCORE = "score", _("Score 1–5")
    CHOICE = "choice", _("Choice")
    TEXT = "text", _("Free text")


class Questionnaire(StatefulModel, TimeStampedModel):
    """An applicability questionnaire on one standard, sent to adopting organisations."""

    process = QUESTIONNAIRE

    standard = models.ForeignKey(
        "catalog.Standard", models.PROTECT, related_name="questionnaires",
        verbose_name=_("standard"),
    )  # fmt: skip
    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("body"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = OwnedByBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("applicability questionnaire")
        verbose_name_plural = _("applicability questionnaires")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:questionnaire-detail", args=[self.pk])


class Question(models.Model):
    """One question: its dimension, type (score 1–5, choice, free text) and weight."""

    questionnaire = models.ForeignKey(
        Questionnaire, models.CASCADE, related_name="questions", verbose_name=_("questionnaire")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    kind = models.CharField(_("type"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A personal single-use link for one adopting organisation to answer a questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire, models.CASCADE, related_name="invitations", verbose_name=_("questionnaire")
    )
    organization = models.ForeignKey(
        "accounts.Organization", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )  # fmt: skip
    alliance = models.ForeignKey(
        "bodies.Body", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("alliance"), limit_choices_to={"kind": "alliance"},
    )  # fmt: skip
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("recipient"),
    )  # fmt: skip
    email = models.EmailField(_("e-mail"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["questionnaire", "pk"]

    def __str__(self) -> str:
        return str(self.organization or self.email or self.recipient or self.pk)


class Response(models.Model):
    """One organisation's submitted answers to a questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire, models.CASCADE, related_name="responses", verbose_name=_("questionnaire")
    )
    invitation = models.OneToOneField(
        Invitation, models.PROTECT, related_name="response", verbose_name=_("invitation")
    )
    organization = models.ForeignKey(
        "accounts.Organization", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )  # fmt: skip
    alliance = models.ForeignKey(
        "bodies.Body", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("alliance"),
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["questionnaire", "pk"]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}/{self.pk}"


class Answer(models.Model):
    """The answer to one question of a response."""

    response = models.ForeignKey(
        Response, models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    choice = models.CharField(_("choice"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="verification_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
