"""Verification centres: profile, accreditations, capabilities, equipment and staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel

__all__ = [
    "Accreditation",
    "CentreCapability",
    "CentreEquipment",
    "CentreStaff",
    "VerificationCentre",
]


class CentreQuerySet(BodyScopedQuerySet):
    """Centre records are public; the centre's staff change them."""

    public_actions = frozenset({"view"})
    body_path = "body"


class CentrePartQuerySet(BodyScopedQuerySet):
    """Accreditations, capabilities, equipment and staff belong to their centre's body."""

    public_actions = frozenset({"view"})
    body_path = "centre__body"


class VerificationCentre(TimeStampedModel):
    """The profile of a verification centre (产业标准验证中心), one to one with its body."""

    body = models.OneToOneField(
        "bodies.Body",
        models.CASCADE,
        related_name="verification_profile",
        verbose_name=_("body"),
        limit_choices_to={"kind": "verification_centre"},
    )
    host_organisation = models.CharField(_("host organisation"), max_length=200)
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    ics = models.CharField(_("ICS field"), max_length=100, blank=True)
    ccs = models.CharField(_("CCS field"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    monthly_capacity = models.PositiveIntegerField(
        _("monthly capacity (items)"),
        default=100,
        help_text=_("How many verification items the centre can handle a month."),
    )

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification centre")
        verbose_name_plural = _("verification centres")
        ordering = ["body__name"]

    def __str__(self) -> str:
        return self.body.name

    def get_absolute_url(self) -> str:
        return reverse("verification:centre", args=[self.pk])


class Accreditation(models.Model):
    """A CNAS accreditation or CMA qualification of a centre, with its validity."""

    class Kind(models.TextChoices):
        CNAS = "cnas", _("CNAS accreditation")
        CMA = "cma", _("CMA qualification")

    centre = models.ForeignKey(
        VerificationCentre, models.CASCADE, related_name="accreditations",
        verbose_name=_("centre"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=60)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))

    objects = CentrePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["centre", "kind", "-valid_until"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="verification_accreditation_dates",
                violation_error_message=_("The end of validity is before its start."),
            ),
            models.UniqueConstraint(
                fields=["kind", "number"], name="verification_accreditation_unique",
                violation_error_message=_("This accreditation number is already registered."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_valid(self) -> bool:
        """Valid today."""
        return self.valid_from <= timezone.localdate() <= self.valid_until


class CentreCapability(models.Model):
    """A test method the centre is able to perform: a catalogue standard."""

    centre = models.ForeignKey(
        VerificationCentre, models.CASCADE, related_name="capabilities", verbose_name=_("centre")
    )
    standard = models.ForeignKey(
        "catalog.Standard", models.PROTECT, related_name="+", verbose_name=_("test method")
    )
    scope = models.CharField(_("scope"), max_length=200, blank=True)
    accredited = models.BooleanField(_("within the accreditation"), default=True)

    objects = CentrePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["centre", "standard__designation"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "standard"], name="verification_capability_unique",
                violation_error_message=_("The centre already has this method."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.standard.designation


class CentreEquipment(models.Model):
    """An instrument of a centre and the date its calibration runs out."""

    centre = models.ForeignKey(
        VerificationCentre, models.CASCADE, related_name="equipment", verbose_name=_("centre")
    )
    name = models.CharField(_("name"), max_length=200)
    model = models.CharField(_("model"), max_length=120, blank=True)
    serial = models.CharField(_("serial number"), max_length=120, blank=True)
    calibration_due = models.DateField(_("calibration due"))

    objects = CentrePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["centre", "calibration_due", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.model}".strip()

    @property
    def calibration_overdue(self) -> bool:
        """Calibration has run out."""
        return self.calibration_due < timezone.localdate()


class CentreStaff(models.Model):
    """A person working at a centre (verification engineer, technical manager…)."""

    centre = models.ForeignKey(
        VerificationCentre, models.CASCADE, related_name="staff", verbose_name=_("centre")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("account"),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("position"), max_length=100, blank=True)
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)

    objects = CentrePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["centre", "name"]

    def __str__(self) -> str:
        return self.name
