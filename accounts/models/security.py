"""Security records of an account: API tokens, recovery codes, login failures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedQuerySet


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiTokenQuerySet(RestrictedQuerySet):
    """People see and revoke only their own tokens."""

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(user=user)

    def usable(self) -> ApiTokenQuerySet:
        """Tokens neither revoked nor expired."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 digest is stored, the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=12, db_index=True)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        """Neither revoked nor expired."""
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()


class RecoveryCode(models.Model):
    """A single-use two-factor recovery code, stored hashed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="recovery_codes",
        verbose_name=_("user"),
    )
    code_hash = models.CharField(_("code hash"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"recovery code of {self.user_id}"


class LoginThrottle(models.Model):
    """Consecutive failed sign-ins at one account name from one source address."""

    username = models.CharField(_("username"), max_length=254)
    source = models.CharField(_("source address"), max_length=45, blank=True, default="")
    failures = models.PositiveIntegerField(_("consecutive failures"), default=0)
    last_failure_at = models.DateTimeField(_("last failure at"), null=True, blank=True)
    locked_until = models.DateTimeField(_("delayed until"), null=True, blank=True)

    class Meta:
        verbose_name = _("login throttle")
        verbose_name_plural = _("login throttles")
        constraints = [
            models.UniqueConstraint(
                fields=["username", "source"], name="accounts_loginthrottle_unique_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.source or '?'}: {self.failures}"
