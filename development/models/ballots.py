"""Ballots on a draft: the rule, the voters frozen at opening, their votes and the result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel


class Position(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_COMMENTS = "approve_with_comments", _("Approve with comments")
    DISAPPROVE = "disapprove", _("Disapprove")
    ABSTAIN = "abstain", _("Abstain")


class BallotQuerySet(BodyScopedQuerySet):
    """Ballots are seen by the body's members and by their voters."""

    body_path = "draft__project__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action != "view":
            return None
        from development.models import Draft

        voter = models.Q(pk__in=BallotVoter.objects.filter(user=user).values("ballot_id"))
        return voter | models.Q(draft__in=Draft.objects.restrict(user, "view"))


class Ballot(TimeStampedModel):
    """A vote of a body on one draft under one rule, open until its close date."""

    draft = models.ForeignKey(
        "development.Draft", models.CASCADE, related_name="ballots", verbose_name=_("draft")
    )
    rule = models.JSONField(_("rule"), default=dict, help_text=_("Preset code or thresholds."))
    rule_code = models.CharField(_("rule code"), max_length=40)
    opens_at = models.DateTimeField(_("opened at"))
    closes_at = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    advance_to = models.CharField(
        _("stage on a pass"), max_length=5, blank=True, help_text=_("Stage code, e.g. 50.00.")
    )
    passed = models.BooleanField(_("passed"), null=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-opens_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.draft} {self.rule_code} {self.opens_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class BallotVoter(models.Model):
    """A person with a vote in a ballot, frozen when it opened."""

    ballot = models.ForeignKey(
        Ballot, models.CASCADE, related_name="voters", verbose_name=_("ballot")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("voter")
    )
    category = models.CharField(_("category"), max_length=8, default="P")
    drafter = models.BooleanField(_("drafting unit"), default=False)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        ordering = ["ballot", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "user"], name="development_voter_once")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}:{self.user}"


class BallotVote(TimeStampedModel):
    """The current position of one voter, with the reasons given."""

    voter = models.OneToOneField(
        BallotVoter, models.CASCADE, related_name="vote", verbose_name=_("voter")
    )
    ballot = models.ForeignKey(
        Ballot, models.CASCADE, related_name="votes", verbose_name=_("ballot")
    )
    position = models.CharField(_("position"), max_length=24, choices=Position.choices)
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["ballot", "pk"]

    def __str__(self) -> str:
        return f"{self.voter}: {self.position}"


class VoteChange(models.Model):
    """One change of a position before the ballot closed."""

    vote = models.ForeignKey(
        BallotVote, models.CASCADE, related_name="changes", verbose_name=_("vote")
    )
    old_position = models.CharField(_("old position"), max_length=24)
    new_position = models.CharField(_("new position"), max_length=24)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote change")
        verbose_name_plural = _("vote changes")
        ordering = ["vote", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.old_position} → {self.new_position}"
