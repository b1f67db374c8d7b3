"""Personal-data requests (PIPL) and stored uploaded files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.querysets import RestrictedQuerySet


class DeletionRequestQuerySet(RestrictedQuerySet):
    """People see their own requests; administrators with the permission see all."""

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(user=user) if action == "view" else None


class DeletionRequest(models.Model):
    """A person's request to delete their personal data, decided by an administrator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected")
        # A context keeps this apart from the standard status "Withdrawn" (废止).
        WITHDRAWN = "withdrawn", pgettext_lazy("consent", "Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="deletion_requests",
        verbose_name=_("user"),
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = DeletionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="accounts_deletionrequest_one_pending",
                violation_error_message=_("A deletion request is already pending."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.status})"


class StoredFileQuerySet(RestrictedQuerySet):
    """A file is visible to its owner and, when shared, to its organisation's members."""

    def object_filter(self, user, action: str) -> models.Q | None:
        own = models.Q(owner=user)
        if action != "view":
            return own
        return own | models.Q(organization__isnull=False, organization__memberships__user=user)


class StoredFile(models.Model):
    """An uploaded file kept outside the web root and served only after a permission check."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="stored_files",
        verbose_name=_("owner"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="stored_files",
        verbose_name=_("shared with organisation"),
    )
    file = models.FileField(_("file"), upload_to="uploads/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
