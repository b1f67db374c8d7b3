"""Bodies (the base, alliances, committees, working groups, centres) and who belongs to them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel


class BodyKind(models.TextChoices):
    BASE = "base", _("Standards innovation base")
    CENTRE = "centre", _("Centre of the base")
    ALLIANCE = "alliance", _("Industry standard innovation alliance")
    TECHNICAL_COMMITTEE = "tc", _("Technical committee")
    SUBCOMMITTEE = "sc", _("Subcommittee")
    WORKING_GROUP = "wg", _("Working group")
    VERIFICATION_CENTRE = "verification_centre", _("Verification centre")


class BodyQuerySet(BodyScopedQuerySet):
    """Bodies are public; a body role with `change_body` changes that body and those beneath."""

    public_actions = frozenset({"view"})
    body_path = "pk"

    def active(self) -> BodyQuerySet:
        """Bodies still working."""
        return self.filter(is_active=True)


class Body(TimeStampedModel):
    """A body organisations and people belong to: the base, an alliance, a TC, a WG, a centre."""

    kind = models.CharField(_("kind"), max_length=24, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    number = models.CharField(
        _("number"),
        max_length=60,
        blank=True,
        help_text=_("National committee number, for example SAC/TC 124 or SAC/TC 124/SC 3."),
    )
    standard_code = models.CharField(
        _("group standard code"),
        max_length=30,
        blank=True,
        help_text=_("Code of the group standards an alliance publishes, for example T/HNXX."),
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
    )
    lead_organization = models.ForeignKey(
        "accounts.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_bodies",
        verbose_name=_("lead organisation"),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~models.Q(number=""),
                name="bodies_body_unique_number",
                violation_error_message=_("A body with this number already exists."),
            ),
            models.UniqueConstraint(
                fields=["standard_code"],
                condition=~models.Q(standard_code=""),
                name="bodies_body_unique_standard_code",
                violation_error_message=_("Another body already uses this group standard code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}" if self.number else self.name


class BodyMembershipQuerySet(BodyScopedQuerySet):
    """Memberships are seen by the body's members and managed by its secretariat."""

    body_path = "body"

    def current(self, on: datetime.date | None = None) -> BodyMembershipQuerySet:
        """Memberships in force on a day (today by default)."""
        day = on or timezone.localdate()
        return self.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=day)).filter(
            joined_on__lte=day
        )


class BodyMembership(TimeStampedModel):
    """A person or an organisation holding one role in one body (secretariat of alliance A)."""

    body = models.ForeignKey(
        Body, models.CASCADE, related_name="memberships", verbose_name=_("body")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("organisation"),
    )
    role = models.ForeignKey(
        "accounts.Role", models.PROTECT, related_name="body_memberships", verbose_name=_("role")
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = BodyMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("body membership")
        verbose_name_plural = _("body memberships")
        ordering = ["body", "role__code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, organization__isnull=True)
                    | models.Q(user__isnull=True, organization__isnull=False)
                ),
                name="bodies_membership_person_or_organisation",
                violation_error_message=_("A membership is held by a person or an organisation."),
            ),
            models.UniqueConstraint(
                fields=["body", "user", "role"],
                condition=models.Q(user__isnull=False, ended_on__isnull=True),
                name="bodies_membership_unique_person_role",
                violation_error_message=_("This person already holds the role in this body."),
            ),
            models.UniqueConstraint(
                fields=["body", "organization", "role"],
                condition=models.Q(organization__isnull=False, ended_on__isnull=True),
                name="bodies_membership_unique_organisation_role",
                violation_error_message=_("This organisation already holds the role in this body."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.organization} — {self.role} @ {self.body}"
