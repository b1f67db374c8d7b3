"""Pieces every governance model shares: the base-scoped queryset and stored documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet


class BaseScopedQuerySet(BodyScopedQuerySet):
    """Rows of one base: a role held in the base's body (office, coordination) reaches them."""

    body_path = "base__body"


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("Application (申报书)")
    APPRAISAL = "appraisal", _("Appraisal opinion (论证意见)")
    APPROVAL = "approval", _("Approval to prepare (批准筹建文件)")
    CONSTRUCTION_PLAN = "construction_plan", _("Construction plan (建设方案)")
    MIDTERM_REPORT = "midterm_report", _("Mid-term evaluation report")
    RECTIFICATION_REPORT = "rectification_report", _("Rectification report")
    ACCEPTANCE_REPORT = "acceptance_report", _("Acceptance report")
    ASSESSMENT_REPORT = "assessment_report", _("Assessment report")
    CONTRACT = "contract", _("Signed contract")
    EVIDENCE = "evidence", _("Evidence")


class DocumentQuerySet(BaseScopedQuerySet):
    """Documents of a base; whoever uploaded a piece of evidence keeps seeing it."""

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(uploaded_by=user) if action == "view" else None


def _upload_to(document: Document, filename: str) -> str:
    return f"governance/{document.base_id}/{document.sha256[:2]}/{document.sha256}/{filename}"


class Document(models.Model):
    """A file kept by a base: a stage's required document or a piece of evidence."""

    base = models.ForeignKey(
        "governance.Base", models.CASCADE, related_name="documents", verbose_name=_("base")
    )
    kind = models.CharField(
        pgettext_lazy("governance", "kind"), max_length=24, choices=DocumentKind.choices
    )
    stage = models.CharField(_("stage"), max_length=24, blank=True)
    title = models.CharField(pgettext_lazy("governance", "title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    file_kind = models.CharField(_("file type"), max_length=8)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["base", "-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title or self.filename

    def get_absolute_url(self) -> str:
        return reverse("governance:document", args=[self.pk])
