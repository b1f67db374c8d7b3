"""Conformity tests of products against published catalogue standards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel
from workflows.models import StatefulModel
from workflows.processes import Condition, Permission, Process, Transition, register_process

__all__ = ["CONFORMITY", "ConformityItem", "ConformityTest", "Verdict"]


class Verdict(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    INCONCLUSIVE = "inconclusive", _("Inconclusive")


def _issue_report(test: ConformityTest, event) -> None:
    from verification.services.conformity import assign_report_number

    assign_report_number(test)


CONFORMITY = register_process(
    Process(
        code="verification.conformity",
        label=_("Conformity test"),
        states={"draft": _("Draft"), "reported": _("Reported"), "withdrawn": _("Withdrawn")},
        initial="draft",
        transitions=[
            Transition(
                "report",
                _("Issue the report"),
                sources=("draft",),
                target="reported",
                allowed=(Permission("change"),),
                conditions=(
                    Condition(_("at least one clause is tested"), lambda t, data: t.items.exists()),
                ),
                effects=(_issue_report,),
            ),
            Transition(
                "withdraw",
                _("Withdraw the report"),
                sources=("reported",),
                target="withdrawn",
                allowed=(Permission("change"),),
                comment_required=True,
            ),
        ],
    )
)


class ConformityTestQuerySet(BodyScopedQuerySet):
    """Tests belong to the testing centre; their author always sees them."""

    body_path = "centre"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(created_by=user)


class ConformityTest(StatefulModel, TimeStampedModel):
    """A product (model, lot, sample) tested against clauses of one published standard."""

    process = CONFORMITY

    standard = models.ForeignKey(
        "catalog.Standard",
        models.PROTECT,
        related_name="conformity_tests",
        verbose_name=_("standard"),
    )
    centre = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        related_name="conformity_tests",
        verbose_name=_("testing centre"),
        limit_choices_to={"kind": "verification_centre"},
    )
    product = models.CharField(_("product"), max_length=200)
    model = models.CharField(_("model"), max_length=120, blank=True)
    lot = models.CharField(_("lot"), max_length=120, blank=True)
    sample = models.CharField(_("sample number"), max_length=120, blank=True)
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    tested_on = models.DateField(_("tested on"))
    report_number = models.CharField(_("report number"), max_length=40, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=16, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ConformityTestQuerySet.as_manager()

    class Meta:
        verbose_name = _("conformity test")
        verbose_name_plural = _("conformity tests")
        ordering = ["-tested_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~models.Q(verification_code=""),
                name="verification_conformity_code_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.model} — {self.standard.designation}".strip()

    def get_absolute_url(self) -> str:
        return reverse("evaluation:conformity-detail", args=[self.pk])


class ConformityItem(models.Model):
    """One clause/indicator tested: the requirement as written, the value and its verdict."""

    test = models.ForeignKey(
        ConformityTest, models.CASCADE, related_name="items", verbose_name=_("test")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    clause = models.CharField(_("clause"), max_length=40)
    indicator = models.CharField(_("indicator"), max_length=200)
    requirement = models.CharField(_("requirement"), max_length=300)
    value = models.CharField(_("measured value"), max_length=100)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    method = models.CharField(_("comparison method"), max_length=10, blank=True)
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    rule = models.TextField(_("rule"))

    class Meta:
        verbose_name = _("tested clause")
        verbose_name_plural = _("tested clauses")
        ordering = ["test", "position", "pk"]
        indexes = [models.Index(fields=["clause", "verdict"])]

    def __str__(self) -> str:
        return f"{self.clause} {self.indicator}"
