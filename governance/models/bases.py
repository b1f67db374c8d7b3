"""A standards innovation base and its life cycle, from application to periodic assessment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel
from governance.models.common import DocumentKind
from workflows.models import StatefulModel
from workflows.processes import Condition, Permission, Process, Transition, register_process

# The documents a stage needs before the base may leave it.
REQUIRED_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "applied": (DocumentKind.APPLICATION,),
    "appraisal": (DocumentKind.APPRAISAL,),
    "approved": (DocumentKind.APPROVAL, DocumentKind.CONSTRUCTION_PLAN),
    "construction": (),
    "midterm": (DocumentKind.MIDTERM_REPORT,),
    "improvement": (DocumentKind.RECTIFICATION_REPORT,),
    "acceptance": (DocumentKind.ACCEPTANCE_REPORT,),
    "operation": (DocumentKind.ASSESSMENT_REPORT,),
}


def missing_documents(base: Base) -> list[str]:
    """The kinds of document the base's current stage still lacks."""
    needed = REQUIRED_DOCUMENTS.get(base.state, ())
    held = set(base.documents.filter(stage=base.state).values_list("kind", flat=True))
    return [kind for kind in needed if kind not in held]


_DOCUMENTS = Condition(
    _("the stage's required documents are uploaded"), lambda b, data: not missing_documents(b)
)
_MANAGE = (Permission("change"),)


def _step(name: str, label, source: str, target: str, **extra) -> Transition:
    return Transition(
        name,
        label,
        sources=(source,),
        target=target,
        allowed=_MANAGE,
        conditions=(_DOCUMENTS,),
        **extra,
    )


BASE_LIFECYCLE = register_process(
    Process(
        code="governance.base",
        label=_("Base life cycle"),
        states={
            "applied": _("Application (申报)"),
            "appraisal": _("Appraisal (论证)"),
            "approved": _("Approved to prepare (批准筹建)"),
            "construction": _("Construction (筹建)"),
            "midterm": _("Mid-term evaluation (中期评估)"),
            "improvement": _("Improvement (整改)"),
            "acceptance": _("Acceptance (验收)"),
            "operation": _("Operation and assessment (运行/考核评估)"),
            "rejected": _("Not approved"),
        },
        initial="applied",
        transitions=[
            _step("appraise", _("Send to appraisal"), "applied", "appraisal"),
            _step("approve", _("Approve preparation"), "appraisal", "approved"),
            Transition(
                "reject",
                _("Refuse"),
                sources=("applied", "appraisal"),
                target="rejected",
                allowed=_MANAGE,
                comment_required=True,
            ),
            _step("build", _("Start construction"), "approved", "construction"),
            _step("midterm", _("Start the mid-term evaluation"), "construction", "midterm"),
            _step("improve", _("Start improvement"), "midterm", "improvement"),
            _step("submit_acceptance", _("Apply for acceptance"), "improvement", "acceptance"),
            _step("operate", _("Accepted: start operation"), "acceptance", "operation"),
            _step(
                "reassess", _("Back to improvement after an assessment"), "operation", "improvement"
            ),  # fmt: skip
        ],
    )
)


class BaseQuerySet(BodyScopedQuerySet):
    """Bases are seen by the people holding a role in their body."""

    body_path = "body"


class Base(StatefulModel, TimeStampedModel):
    """A technical standards innovation base (技术标准创新基地) and where it stands."""

    process = BASE_LIFECYCLE

    body = models.OneToOneField(
        "bodies.Body", models.PROTECT, related_name="governed_base", verbose_name=_("body"),
        limit_choices_to={"kind": "base"},
    )  # fmt: skip
    code = models.SlugField(pgettext_lazy("governance", "code"), max_length=40, unique=True)
    name = models.CharField(pgettext_lazy("governance", "name"), max_length=200)
    field = models.CharField(pgettext_lazy("governance", "field"), max_length=200, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    construction_starts = models.DateField(_("construction starts"), null=True, blank=True)
    construction_ends = models.DateField(_("construction ends"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = BaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("base")
        verbose_name_plural = _("bases")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:base", args=[self.pk])
