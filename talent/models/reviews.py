"""Review score sheets of a drawn panel: criteria with weights, and each expert's marks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedQuerySet


class ScoreSheetQuerySet(RestrictedQuerySet):
    """Sheets: the office sees all; an operator their draws'; a panel member their panel's."""

    def object_filter(self, user, action: str) -> models.Q | None:
        if not user.is_authenticated:
            return None
        return models.Q(draw__operator=user) | models.Q(draw__invitations__expert__user=user)


class ScoreSheet(models.Model):
    """The configurable score sheet a drawn panel fills in for the draw's object."""

    draw = models.OneToOneField("talent.ExpertDraw", models.CASCADE, related_name="score_sheet")
    # [{"code": "tech", "label": "技术先进性", "weight": 40}, ...]
    criteria = models.JSONField(_("criteria"), default=list)
    max_mark = models.PositiveSmallIntegerField(_("highest mark"), default=100)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScoreSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("score sheet")

    def __str__(self) -> str:
        return f"{self.draw}"


class Score(models.Model):
    """One panel member's marks and comments on a score sheet (or their declared conflict)."""

    sheet = models.ForeignKey(ScoreSheet, models.CASCADE, related_name="scores")
    invitation = models.OneToOneField("talent.Invitation", models.PROTECT, related_name="score")
    marks = models.JSONField(_("marks"), default=dict, blank=True)
    comments = models.JSONField(_("comments"), default=dict, blank=True)
    total = models.DecimalField(_("weighted total"), max_digits=6, decimal_places=2, null=True)
    conflict = models.TextField(_("declared conflict"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sheet", "invitation__position"]

    def __str__(self) -> str:
        return f"{self.sheet_id}: {self.invitation_id}"
