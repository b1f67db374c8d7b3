"""Versioned drafts of a project: the document, its text, clauses and references."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel


class DraftKind(models.TextChoices):
    WORKING = "wd", _("Working group draft")
    COMMENT = "cd", _("Draft for comment")
    REVIEW = "dis", _("Draft for review")
    APPROVAL = "fdis", _("Draft for approval")


#: The main stage at which each kind of draft is normally produced.
KIND_STAGE = {"wd": "20", "cd": "30", "dis": "40", "fdis": "50"}


class DraftQuerySet(BodyScopedQuerySet):
    """Drafts are seen by the members of the project's body and changed by its secretariat."""

    body_path = "project__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(uploaded_by=user) if action == "view" else None


def _upload_to(draft: Draft, filename: str) -> str:
    return f"development/{draft.project_id}/{draft.kind}-{draft.version}-{filename}"


class Draft(TimeStampedModel):
    """One version of one kind of draft (工作组讨论稿, 征求意见稿, 送审稿, 报批稿)."""

    project = models.ForeignKey(
        "development.Project", models.CASCADE, related_name="drafts", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=4, choices=DraftKind.choices)
    version = models.PositiveIntegerField(_("version"))
    stage = models.CharField(_("stage at upload"), max_length=5)
    file = models.FileField(_("file"), upload_to=_upload_to)
    filename = models.CharField(_("file name"), max_length=200)
    file_kind = models.CharField(_("file type"), max_length=8)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    text = models.TextField(_("text"), blank=True)
    clauses = models.JSONField(
        _("clauses"), default=list, blank=True, help_text=_("[{number, title, text}], in order.")
    )
    references = models.JSONField(
        _("normative references"),
        default=list,
        blank=True,
        help_text=_("Cited designations with their verdicts."),
    )
    references_checked_at = models.DateTimeField(_("references checked at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["project", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind", "version"],
                name="development_draft_unique_version",
                violation_error_message=_("This version of the draft already exists."),
            ),
        ]
        indexes = [
            # Covers restrict()'s subquery (uploader or body): without it SQLite reads each
            # draft's text to reach uploaded_by, 60 ms per project page at 4,000 drafts.
            models.Index(fields=["project", "uploaded_by"], name="development_draft_visible"),
        ]

    def __str__(self) -> str:
        return f"{self.project.number} {self.get_kind_display()} v{self.version}"

    @property
    def label(self) -> str:
        """Kind and version: 征求意见稿 v2."""
        return f"{self.get_kind_display()} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("development:draft", args=[self.project_id, self.pk])
