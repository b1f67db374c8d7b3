"""The research library: reports with their extracted text and cited standards, and projects."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet
from core.querysets import restrict_queryset


class ReportKind(models.TextChoices):
    """What kind of document a report is."""

    REPORT = "report", _("Research report")
    POLICY = "policy", _("Policy recommendation")
    ANALYSIS = "analysis", _("Topical analysis")


class Confidentiality(models.TextChoices):
    """Who may read a report; classified (涉密) material is never accepted."""

    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


class ReportQuerySet(BodyScopedQuerySet):
    """Public reports for everyone; internal ones for their uploader and the centre's members."""

    body_path = "centre"

    def restrict(self, user, action: str = "view"):
        allowed = restrict_queryset(self, user, action)
        if action != "view":
            return allowed
        return self.filter(
            models.Q(confidentiality=Confidentiality.PUBLIC) | models.Q(pk__in=allowed.values("pk"))
        )

    def object_filter(self, user, action: str) -> models.Q | None:
        from bodies.scopes import bodies_of

        own = models.Q(created_by=user)
        if action == "view":
            return own | models.Q(centre__in=bodies_of(user).values("pk"))
        return own if action == "change" else None


def _report_path(instance, filename: str) -> str:
    return f"research/reports/{timezone.now():%Y}/{filename}"


class Report(models.Model):
    """A research report, policy recommendation or topical analysis (docx or pdf)."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    authors = models.CharField(_("authors"), max_length=300)
    centre = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="research_reports",
        verbose_name=pgettext_lazy("research", "centre"),
    )
    field = models.CharField(pgettext_lazy("research", "field"), max_length=200, blank=True)
    published_on = models.DateField(_("date"))
    confidentiality = models.CharField(
        _("confidentiality"), max_length=10, choices=Confidentiality.choices
    )
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(upload_to=_report_path)
    filename = models.CharField(_("file name"), max_length=120)
    file_kind = models.CharField(max_length=8)
    full_text = models.TextField(blank=True)
    pages = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="research_reports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("research report")
        verbose_name_plural = _("research reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:report", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.confidentiality == Confidentiality.PUBLIC


class Citation(models.Model):
    """A standard a report cites, with its verdict when the report was uploaded."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="citations")
    designation = models.CharField(_("designation"), max_length=200)
    verdict = models.CharField(_("verdict at upload"), max_length=20)
    current = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["designation"]
        constraints = [
            models.UniqueConstraint(fields=["report", "designation"], name="research_citation_once")
        ]

    def __str__(self) -> str:
        return self.designation


class ProjectQuerySet(BodyScopedQuerySet):
    """A project is seen by its team and lead, and by the staff of its centre."""

    body_path = "centre"

    def object_filter(self, user, action: str) -> models.Q | None:
        lead = models.Q(lead=user)
        if action == "view":
            return lead | models.Q(team=user)
        return lead if action == "change" else None


class ResearchProject(models.Model):
    """A research project: lead, team, dates, milestones and deliverables."""

    title = models.CharField(_("title"), max_length=300)
    centre = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        null=True,
        blank=True,
        verbose_name=pgettext_lazy("research", "centre"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="led_research_projects",
        verbose_name=_("lead"),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="research_projects",
        verbose_name=_("team"),
    )
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    completed_on = models.DateField(_("completed"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:project", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.ends_on < timezone.localdate()


class Milestone(models.Model):
    """A dated step of a project."""

    project = models.ForeignKey(ResearchProject, models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class Deliverable(models.Model):
    """What a project owes, delivered when a report of the library is linked to it."""

    project = models.ForeignKey(ResearchProject, models.CASCADE, related_name="deliverables")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"))
    report = models.ForeignKey(
        Report, models.SET_NULL, null=True, blank=True, related_name="deliverables"
    )

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.report_id is None and self.due_on < timezone.localdate()
