"""What an alliance or a committee needs beyond `bodies.Body`: field, numbering, schedule."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel
from development.stages import STAGES, Track


class AllianceProfileQuerySet(BodyScopedQuerySet):
    """Profiles are public; the body's secretariat changes its own."""

    public_actions = frozenset({"view"})
    body_path = "body"


class AllianceProfile(TimeStampedModel):
    """The standards-development profile of an alliance or technical committee."""

    body = models.OneToOneField(
        "bodies.Body",
        models.CASCADE,
        related_name="development_profile",
        verbose_name=_("body"),
    )
    ics = models.CharField(
        _("ICS fields"), max_length=200, blank=True, help_text=_("ICS codes, space separated.")
    )
    ccs = models.CharField(
        _("CCS categories"), max_length=200, blank=True, help_text=_("CCS codes, space separated.")
    )
    next_number = models.PositiveIntegerField(
        _("next standard number"),
        default=1,
        help_text=_("Sequence number the next published group standard receives."),
    )
    number_width = models.PositiveSmallIntegerField(
        _("digits of the number"), default=3, help_text=_("012 has three digits.")
    )
    comment_days = models.PositiveSmallIntegerField(_("public comment days"), default=30)
    ballot_rule = models.JSONField(
        _("ballot rule"),
        default=dict,
        blank=True,
        help_text=_('"iso-dis", "cn-tc" or custom thresholds; empty: the default rule.'),
    )
    warn_days = models.PositiveSmallIntegerField(_("warn days before a limit"), default=14)
    auto_cancel = models.BooleanField(
        _("cancel projects past their limit"),
        default=False,
        help_text=_("After notice, projects past their overall limit date are abandoned."),
    )
    cancel_notice_days = models.PositiveSmallIntegerField(_("notice before cancelling"), default=30)
    review_years = models.PositiveSmallIntegerField(_("systematic review every (years)"), default=5)

    objects = AllianceProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("alliance profile")
        verbose_name_plural = _("alliance profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_years__gte=1, review_years__lte=5),
                name="development_profile_review_at_most_5_years",
                violation_error_message=_("Systematic review is due at most every five years."),
            ),
            models.CheckConstraint(
                condition=models.Q(number_width__gte=1, number_width__lte=6),
                name="development_profile_number_width",
                violation_error_message=_("A standard number has 1 to 6 digits."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.body)


class ScheduleRuleQuerySet(BodyScopedQuerySet):
    """Schedules are public; a body's secretariat changes its own."""

    public_actions = frozenset({"view"})
    body_path = "body"


class ScheduleRule(models.Model):
    """Months a stage may take on a track; a body's row overrides the platform default."""

    body = models.ForeignKey(
        "bodies.Body",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_rules",
        verbose_name=_("body"),
        help_text=_("Empty: the default of every body."),
    )
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    stage = models.CharField(_("stage"), max_length=2, choices=[(k, v) for k, v in STAGES.items()])
    months = models.PositiveSmallIntegerField(_("months allowed"))

    objects = ScheduleRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("schedule rule")
        verbose_name_plural = _("schedule rules")
        ordering = ["body_id", "track", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "track", "stage"],
                name="development_schedule_unique_stage",
                violation_error_message=_("This stage already has a rule on this track."),
            ),
            models.UniqueConstraint(
                fields=["track", "stage"],
                condition=models.Q(body__isnull=True),
                name="development_schedule_unique_default",
                violation_error_message=_("This stage already has a default rule on this track."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body or '*'} {self.track} {self.stage}: {self.months}"
