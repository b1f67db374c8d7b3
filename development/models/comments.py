"""Public comment on a draft: the comment windows, the comments by clause and their resolution."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel


class CommentKind(models.TextChoices):
    GENERAL = "ge", _("General")
    TECHNICAL = "te", _("Technical")
    EDITORIAL = "ed", _("Editorial")


class Resolution(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    REJECTED = "rejected", _("Not adopted")


class CommentWindowQuerySet(BodyScopedQuerySet):
    """Comment windows are public to signed-in people and changed by the secretariat."""

    body_path = "draft__project__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q() if action == "view" and user.is_authenticated else None

    def open(self, now=None) -> CommentWindowQuerySet:
        """Windows accepting comments now."""
        now = now or timezone.now()
        return self.filter(closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now)


class CommentWindow(TimeStampedModel):
    """A period during which anyone signed in may comment on one draft (征求意见)."""

    draft = models.ForeignKey(
        "development.Draft",
        models.CASCADE,
        related_name="comment_windows",
        verbose_name=_("draft"),
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )

    objects = CommentWindowQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment window")
        verbose_name_plural = _("comment windows")
        ordering = ["-opens_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.draft} {self.opens_at:%Y-%m-%d}–{self.closes_at:%Y-%m-%d}"

    def is_open(self, now=None) -> bool:
        """Whether comments are accepted now."""
        now = now or timezone.now()
        return self.closed_at is None and self.opens_at <= now < self.closes_at


class CommentQuerySet(BodyScopedQuerySet):
    """Comments are public to signed-in people; the secretariat of the body resolves them."""

    body_path = "draft__project__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view" and user.is_authenticated:
            return models.Q()
        return models.Q(author=user) if action == "change" else None


class Comment(TimeStampedModel):
    """One comment on one clause of a draft, and the secretariat's resolution of it."""

    window = models.ForeignKey(
        CommentWindow, models.CASCADE, related_name="comments", verbose_name=_("comment window")
    )
    draft = models.ForeignKey(
        "development.Draft", models.CASCADE, related_name="comments", verbose_name=_("draft")
    )
    number = models.PositiveIntegerField(_("number"))
    clause = models.CharField(_("clause"), max_length=60)
    kind = models.CharField(_("type"), max_length=2, choices=CommentKind.choices)
    text = models.TextField(_("comment"))
    proposed_change = models.TextField(_("proposed change"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=60, blank=True, help_text=_("web, template, verification…")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64, editable=False)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=Resolution.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["window", "fingerprint"], name="development_comment_once"
            ),
            models.UniqueConstraint(fields=["draft", "number"], name="development_comment_number"),
        ]

    def __str__(self) -> str:
        return f"{self.draft} #{self.number} {self.clause}"
