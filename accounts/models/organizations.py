"""Organisations (enterprises, institutes, ...) and the people who belong to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.validators import normalize_uscc, validate_uscc
from core.models import TimeStampedModel
from core.querysets import RestrictedQuerySet


class OrganizationType(models.TextChoices):
    # A context keeps this apart from the catalogue tier "Enterprise" (企业标准).
    ENTERPRISE = "enterprise", pgettext_lazy("organisation kind", "Enterprise")
    INSTITUTE = "institute", _("Research institute or university")
    ASSOCIATION = "association", _("Association or alliance")
    GOVERNMENT = "government", _("Government unit")
    VERIFICATION_CENTRE = "verification_centre", _("Verification centre")


class OrganizationQuerySet(RestrictedQuerySet):
    """Organisations are visible to their members; staff permissions see all."""

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view":
            return models.Q(memberships__user=user)
        return models.Q(memberships__user=user, memberships__role=Membership.Role.ADMIN)


class Organization(TimeStampedModel):
    """An organisation that many people belong to, identified by its credit code."""

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=30, choices=OrganizationType.choices)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.credit_code = normalize_uscc(self.credit_code)


class MembershipQuerySet(RestrictedQuerySet):
    """Members see the member list of their own organisations; admins change it."""

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view":
            return models.Q(organization__memberships__user=user)
        return models.Q(
            organization__memberships__user=user,
            organization__memberships__role=Membership.Role.ADMIN,
        )


class Membership(TimeStampedModel):
    """One person's place in one organisation, with their role inside it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Organisation administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(_("job title"), max_length=100, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                name="accounts_membership_unique_user_org",
                violation_error_message=_("This person already belongs to the organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"
