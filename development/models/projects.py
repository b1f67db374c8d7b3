"""Proposals (立项申请书), the projects they become, and the projects' action items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from catalog.models import AdoptionDegree
from core.models import TimeStampedModel
from development import stages
from development.processes import PROJECT, PROPOSAL
from development.stages import Track
from workflows.models import StatefulModel


class Level(models.TextChoices):
    GROUP = "group", _("Group standard")
    INDUSTRY = "industry", _("Industry standard")
    NATIONAL = "national", _("National standard")


class _StandardFields(models.Model):
    """What a proposal states and its project keeps: title, scope, classes, adoption."""

    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    scope = models.TextField(_("scope"), blank=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.GROUP)
    track = models.CharField(_("track"), max_length=16, choices=Track.choices, default=Track.NORMAL)
    ics = models.CharField(_("ICS"), max_length=100, blank=True)
    ccs = models.CharField(_("CCS"), max_length=20, blank=True)
    drafting_units = models.TextField(
        _("drafting units"), blank=True, help_text=_("One organisation a line, the lead first.")
    )
    revises = models.ForeignKey(
        "catalog.Standard",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revises"),
        help_text=_("The catalogue edition a revision or amendment replaces."),
    )
    adopted_designation = models.CharField(
        _("adopted international standard"), max_length=200, blank=True
    )
    adoption_degree = models.CharField(
        _("degree of adoption"),
        max_length=3,
        choices=AdoptionDegree.choices,
        blank=True,
    )

    class Meta:
        abstract = True

    @property
    def drafting_unit_list(self) -> list[str]:
        """The drafting units, one per line, blanks dropped."""
        return [line.strip() for line in self.drafting_units.splitlines() if line.strip()]


class ProposalQuerySet(BodyScopedQuerySet):
    """A proposal is seen by its author and by the body's members with the permission."""

    body_path = "body"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(author=user) if action in ("view", "change") else None


class Proposal(StatefulModel, TimeStampedModel, _StandardFields):
    """A proposal for a new work item (立项申请书) to an alliance or committee."""

    process = PROPOSAL

    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, related_name="proposals", verbose_name=_("body")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="development_proposals",
        verbose_name=_("proposer"),
    )
    reasons = models.TextField(_("purpose and reasons"), blank=True)
    relation = models.TextField(_("relation to existing standards"), blank=True)
    novelty = models.JSONField(
        _("novelty check"),
        default=dict,
        blank=True,
        help_text=_("Catalogue hits found on submission: same or similar titles, ICS, adoption."),
    )
    novelty_checked_at = models.DateTimeField(_("novelty checked at"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("development:proposal", args=[self.pk])


class ProjectQuerySet(BodyScopedQuerySet):
    """The work programme is public; the body's secretariat changes its projects."""

    public_actions = frozenset({"view"})
    body_path = "body"

    def in_progress(self) -> ProjectQuerySet:
        """Projects still under development (stages 00–50, not abandoned)."""
        return self.filter(stage_main__in=stages.DEVELOPMENT_STAGES).exclude(state__endswith=".98")

    def overdue(self, today=None) -> ProjectQuerySet:
        """Projects in progress past the target date of their stage."""
        day = today or timezone.localdate()
        return self.in_progress().filter(target_date__lt=day)


class Project(StatefulModel, TimeStampedModel, _StandardFields):
    """A standard under development, from approval of its proposal to review and withdrawal."""

    process = PROJECT

    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, related_name="projects", verbose_name=_("body")
    )
    proposal = models.OneToOneField(
        Proposal,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="project",
        verbose_name=_("proposal"),
    )
    number = models.CharField(_("project number"), max_length=40, unique=True)
    stage_main = models.CharField(_("main stage"), max_length=2, default="10", db_index=True)
    stage_started_on = models.DateField(_("stage started on"), default=timezone.localdate)
    target_date = models.DateField(_("stage target date"), null=True, blank=True)
    limit_date = models.DateField(_("project limit date"), null=True, blank=True)
    cancellation_notice_on = models.DateField(
        _("cancellation notice given on"), null=True, blank=True
    )
    designation = models.CharField(_("designation"), max_length=200, blank=True)
    standard = models.ForeignKey(
        "catalog.Standard",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="development_projects",
        verbose_name=_("published standard"),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    review_due_on = models.DateField(_("systematic review due on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["body", "stage_main"], name="development_project_stage")]
        constraints = [
            models.UniqueConstraint(
                fields=["designation"],
                condition=~models.Q(designation=""),
                name="development_project_unique_designation",
                violation_error_message=_("Another project already has this designation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        self.stage_main = stages.main_stage(self.state or self.process.initial)
        if kwargs.get("update_fields") is not None and "state" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "stage_main"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("development:project", args=[self.pk])

    @property
    def is_active(self) -> bool:
        """Under development (stages 00–50, not abandoned)."""
        return stages.is_active(self.state)

    @property
    def is_overdue(self) -> bool:
        """Under development and past the target date of its stage."""
        return bool(self.is_active and self.target_date and self.target_date < timezone.localdate())


class ActionItemQuerySet(BodyScopedQuerySet):
    """Action items belong to their project's body."""

    body_path = "project__body"


class ActionItem(TimeStampedModel):
    """Something a project's secretariat must act on (a cited standard was replaced)."""

    class Kind(models.TextChoices):
        REFERENCE_CHANGED = "reference_changed", _("A cited standard changed")
        OVERDUE = "overdue", _("Stage overdue")
        REVIEW_DUE = "review_due", _("Systematic review due")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="action_items", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=120)
    title = models.CharField(_("title"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["resolved_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "key"],
                name="development_actionitem_unique_key",
                violation_error_message=_("This action item already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CatalogCursor(models.Model):
    """How far the reference-impact job has read the catalogue's change events."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    last_event_id = models.BigIntegerField(_("last event read"), default=0)

    class Meta:
        verbose_name = _("catalogue cursor")
        verbose_name_plural = _("catalogue cursors")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_event_id}"
