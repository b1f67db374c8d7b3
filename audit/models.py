"""The tamper-evident audit trail: immutable, hash-chained entries."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The role whose holders read the trail (declared by accounts in the role registry).
AUDIT_ADMIN_ROLE = "audit_admin"


class AuditImmutableError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    DENIED = "denied", _("Denied")


class AuditEntryQuerySet(models.QuerySet):
    """Audit entries can be added and read, never updated or deleted in bulk."""

    def update(self, **kwargs):
        raise AuditImmutableError("audit entries cannot be changed")

    def delete(self):
        raise AuditImmutableError("audit entries cannot be deleted; use purge_audit")

    def restrict(self, user, action: str = "view") -> AuditEntryQuerySet:
        """Only audit administrators read audit entries (not even superusers otherwise)."""
        from core.roles import has_role

        if action in {"view", "export"} and has_role(user, AUDIT_ADMIN_ROLE):
            return self
        return self.none()


class AuditEntry(models.Model):
    """One audited event: when, who, from where, what, on which object, result."""

    sequence = models.BigIntegerField(_("sequence"), unique=True, editable=False)
    created_at = models.DateTimeField(_("time"), db_index=True, editable=False)
    # No database foreign keys: deleting a user or a content type must never touch the trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.DO_NOTHING,
        null=True,
        blank=True,
        db_constraint=False,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_username = models.CharField(_("actor username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        models.DO_NOTHING,
        null=True,
        blank=True,
        db_constraint=False,
        related_name="+",
        verbose_name=_("object type"),
    )
    object_id = models.CharField(_("object ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=10, choices=AuditResult.choices, default=AuditResult.SUCCESS
    )
    detail = models.TextField(_("detail"), blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-sequence"]
        default_permissions = ("view",)
        permissions = [("export_auditentry", _("Can export audit entries"))]
        indexes = [models.Index(fields=["actor", "created_at"], name="audit_entry_actor_time")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.result}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditImmutableError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError("audit entries cannot be deleted")


class AuditChainHead(models.Model):
    """The single row holding the last sequence and hash; locked while appending."""

    last_sequence = models.BigIntegerField(_("last sequence"), default=0)
    last_hash = models.CharField(_("last hash"), max_length=64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")
        default_permissions = ()

    def __str__(self) -> str:
        return f"head @ {self.last_sequence}"


class AuditAnchor(models.Model):
    """Where the verifiable chain starts after old entries were purged by retention."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    sequence = models.BigIntegerField(_("last purged sequence"), unique=True)
    entry_hash = models.CharField(_("hash of the last purged entry"), max_length=64)
    purged_count = models.BigIntegerField(_("entries purged"))
    cutoff = models.DateTimeField(_("purged entries older than"))

    class Meta:
        verbose_name = _("audit anchor")
        verbose_name_plural = _("audit anchors")
        ordering = ["-sequence"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"anchor @ {self.sequence}"
