"""Evaluations of a base (mid-term, acceptance, annual): panel, scores, grade, findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from governance.models.common import BaseScopedQuerySet
from workflows.models import StatefulModel
from workflows.processes import Condition, Permission, Process, Transition, register_process

_MANAGE = (Permission("change"),)

EVALUATION = register_process(
    Process(
        code="governance.evaluation",
        label=pgettext_lazy("governance", "Evaluation"),
        states={
            "draft": _("Self-assessment"),
            "scoring": _("Expert scoring"),
            "graded": _("Graded"),
            "closed": _("Closed"),
        },
        initial="draft",
        transitions=[
            Transition(
                "open_scoring",
                _("Open expert scoring"),
                sources=("draft",),
                target="scoring",
                allowed=_MANAGE,
                conditions=(Condition(_("a panel is drawn"), lambda e, d: e.panel.exists()),),
            ),  # fmt: skip
            Transition("grade", _("Grade"), sources=("scoring",), target="graded", allowed=_MANAGE),
            Transition(
                "close",
                pgettext_lazy("governance", "Close"),
                sources=("graded",),
                target="closed",
                allowed=_MANAGE,
                conditions=(
                    Condition(
                        _("every rectification is closed"),
                        lambda e, d: (
                            not Rectification.objects.filter(finding__evaluation=e)
                            .exclude(state="closed")
                            .exists()
                        ),
                    ),
                ),
            ),  # fmt: skip
        ],
    )
)


class EvaluationKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term evaluation (中期评估)")
    ACCEPTANCE = "acceptance", _("Acceptance (验收)")
    ANNUAL = "annual", _("Annual assessment (年度考核)")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent (优秀)")
    GOOD = "good", _("Good (良好)")
    PASS = "pass", _("Pass (合格)")
    FAIL = "fail", _("Fail (不合格)")


DEFAULT_THRESHOLDS = {"excellent": 90, "good": 80, "pass": 60}


class EvaluationQuerySet(BaseScopedQuerySet):
    """Evaluations of a base; the drawn experts and the units with rectifications see theirs."""

    def object_filter(self, user, action: str) -> models.Q | None:
        if action != "view":
            return None
        return models.Q(panel__expert=user) | models.Q(
            findings__rectifications__unit__memberships__user=user
        )


class Evaluation(StatefulModel, TimeStampedModel):
    """One evaluation of a base: self-assessment, drawn panel, scores, grade, findings."""

    process = EVALUATION

    base = models.ForeignKey(
        "governance.Base", models.PROTECT, related_name="evaluations", verbose_name=_("base")
    )
    kind = models.CharField(
        pgettext_lazy("governance", "kind"), max_length=12, choices=EvaluationKind.choices
    )
    title = models.CharField(pgettext_lazy("governance", "title"), max_length=200)
    as_of = models.DateField(pgettext_lazy("governance", "as of"))
    self_assessment = models.TextField(_("self-assessment"), blank=True)
    drop_extremes = models.BooleanField(_("drop the highest and lowest score"), default=False)
    thresholds = models.JSONField(_("grade thresholds"), default=dict)
    panel_size = models.PositiveSmallIntegerField(_("panel size"), default=5)
    # The talent centre's draw of the panel (its object is this evaluation) and its record.
    draw = models.OneToOneField(
        "talent.ExpertDraw", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("expert draw"),
    )  # fmt: skip
    draw_record = models.JSONField(_("draw record"), default=dict, blank=True)
    score = models.DecimalField(
        pgettext_lazy("governance", "score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("governance", "evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["base", "-as_of", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:evaluation", args=[self.pk])


class PanelMember(models.Model):
    """An expert drawn onto an evaluation's panel (or as an alternate), with their opinion."""

    evaluation = models.ForeignKey(
        Evaluation,
        models.CASCADE,
        related_name="panel",
        verbose_name=pgettext_lazy("governance", "evaluation"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("expert")
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("governance", "position"))
    alternate = models.BooleanField(_("alternate"), default=False)
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["evaluation", "alternate", "position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "expert"], name="governance_panel_once")
        ]

    def __str__(self) -> str:
        return str(self.expert)


class ScoreQuerySet(BaseScopedQuerySet):
    body_path = "evaluation__base__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(member__expert=user)


class ExpertScore(models.Model):
    """One panel member's score (0–100) of one first-level indicator of the sheet."""

    evaluation = models.ForeignKey(
        Evaluation,
        models.CASCADE,
        related_name="scores",
        verbose_name=pgettext_lazy("governance", "evaluation"),
    )
    member = models.ForeignKey(
        PanelMember, models.CASCADE, related_name="scores", verbose_name=_("panel member")
    )
    indicator = models.ForeignKey(
        "governance.Indicator", models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    score = models.DecimalField(
        pgettext_lazy("governance", "score"), max_digits=5, decimal_places=1
    )
    comment = models.CharField(pgettext_lazy("governance", "comment"), max_length=500, blank=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert score")
        verbose_name_plural = _("expert scores")
        ordering = ["evaluation", "indicator", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "indicator"], name="governance_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.indicator.code}: {self.score}"


class FindingQuerySet(BaseScopedQuerySet):
    body_path = "evaluation__base__body"


class Finding(models.Model):
    """A problem the panel found, to be rectified."""

    evaluation = models.ForeignKey(
        Evaluation,
        models.CASCADE,
        related_name="findings",
        verbose_name=pgettext_lazy("governance", "evaluation"),
    )
    text = models.TextField(_("finding"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["evaluation", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


RECTIFICATION = register_process(
    Process(
        code="governance.rectification",
        label=_("Rectification"),
        states={
            "open": pgettext_lazy("governance", "Open"),
            "submitted": _("Submitted"),
            "closed": _("Closed"),
        },
        initial="open",
        transitions=[
            Transition(
                "submit",
                _("Report as done"),
                sources=("open",),
                target="submitted",
                allowed=(Permission("change"),),
                conditions=(Condition(_("evidence is attached"), lambda r, d: r.evidence_id),),
            ),  # fmt: skip
            Transition(
                "close",
                _("Confirm and close"),
                sources=("submitted",),
                target="closed",
                allowed=(Permission("add"),),
            ),  # fmt: skip
            Transition(
                "reopen",
                _("Send back"),
                sources=("submitted",),
                target="open",
                allowed=(Permission("add"),),
                comment_required=True,
            ),  # fmt: skip
        ],
    )
)


class RectificationQuerySet(BaseScopedQuerySet):
    """Rectifications of a base; the responsible unit's members work on theirs."""

    body_path = "finding__evaluation__base__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action not in ("view", "change"):
            return None
        return models.Q(unit__memberships__user=user)


class Rectification(StatefulModel, TimeStampedModel):
    """A rectification task (整改任务) for a finding, tracked until the office closes it."""

    process = RECTIFICATION

    finding = models.ForeignKey(
        Finding, models.CASCADE, related_name="rectifications", verbose_name=_("finding")
    )
    title = models.CharField(_("task"), max_length=300)
    unit = models.ForeignKey(
        "accounts.Organization", models.PROTECT, related_name="+",
        verbose_name=_("responsible unit"),
    )  # fmt: skip
    due_on = models.DateField(_("due on"))
    result = models.TextField(_("what was done"), blank=True)
    evidence = models.ForeignKey(
        "governance.Document", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("evidence"),
    )  # fmt: skip

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["finding", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
