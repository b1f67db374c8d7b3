"""Invitations to join an organisation, which the invited person accepts or declines."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models.organizations import Membership, Organization


class Invitation(models.Model):
    """An organisation administrator's invitation; only its token's SHA-256 is stored."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    identifier = models.CharField(_("username or email"), max_length=254)
    # Resolved when the invitation is made; None when no account matched (yet).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("invited person"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.identifier} → {self.organization}"

    @property
    def is_pending(self) -> bool:
        """Neither answered nor expired."""
        answered = self.accepted_at is not None or self.declined_at is not None
        return not answered and self.expires_at > timezone.now()
