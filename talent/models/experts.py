"""The expert database: profiles, their review process, evidence and credit record."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import mask_id_number, mask_phone
from core.fields import EncryptedCharField
from core.querysets import RestrictedQuerySet
from workflows.models import StatefulModel
from workflows.processes import Actor, Condition, Process, Roles, Transition, register_process

EXPERT = register_process(
    Process(
        code="talent.expert",
        label=_("Expert"),
        states={
            "applied": _("Applied"),
            "active": _("Active"),
            "suspended": _("Suspended"),
            "expired": _("Expired"),
            "rejected": _("Rejected"),
        },
        initial="applied",
        transitions=[
            Transition(
                "approve",
                _("Approve for a term"),
                sources=("applied",),
                target="active",
                allowed=(Roles("base_office"),),
                conditions=(Condition(_("a term end date is given"), lambda e, data: e.term_end),),
            ),
            Transition(
                "reject",
                _("Reject"),
                sources=("applied",),
                target="rejected",
                allowed=(Roles("base_office"),),
                comment_required=True,
            ),
            Transition(
                "withdraw",
                _("Withdraw"),
                sources=("applied",),
                target="rejected",
                allowed=(Actor("user", _("the applicant")),),
            ),
            Transition(
                "suspend",
                _("Suspend"),
                sources=("active",),
                target="suspended",
                allowed=(Roles("base_office"),),
                comment_required=True,
            ),
            Transition(
                "reinstate",
                _("Reinstate"),
                sources=("suspended",),
                target="active",
                allowed=(Roles("base_office"),),
            ),
            Transition(
                "renew",
                _("Renew the term"),
                sources=("active", "expired"),
                target="active",
                allowed=(Roles("base_office"),),
            ),
            Transition(
                "expire",
                _("Expire"),
                sources=("active",),
                target="expired",
                allowed=(Roles("base_office"),),
            ),
        ],
    )
)


class Title(models.TextChoices):
    SENIOR = "senior", _("Professor-level senior (正高)")
    ASSOCIATE = "associate", _("Associate senior (副高)")
    INTERMEDIATE = "intermediate", _("Intermediate (中级)")


class ExpertQuerySet(RestrictedQuerySet):
    """Experts: the office sees all (global permission); a person sees their own profile."""

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(user=user) if user.is_authenticated else None


class Expert(StatefulModel):
    """A standardisation expert's profile (标准化专家) and its place in the review process."""

    process = EXPERT
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="expert_profile"
    )
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("professional title"), max_length=16, choices=Title.choices)
    employer = models.CharField(_("employer"), max_length=200)
    region = models.CharField(_("region"), max_length=60, blank=True, db_index=True)
    qualifications = models.TextField(_("qualifications"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    # Lower-cased keywords joined by "|" so that a keyword search is one LIKE on any database.
    keywords_text = models.TextField(editable=False, blank=True, default="")
    committees = models.JSONField(_("committees"), default=list, blank=True)
    avoid_orgs = models.JSONField(_("organisations to avoid (回避单位)"), default=list, blank=True)
    conflicts = models.JSONField(_("declared conflicts"), default=list, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=20, blank=True)
    id_number = EncryptedCharField(_("ID number"), max_length=18, blank=True)
    nominated_by = models.CharField(_("nominating organisation"), max_length=200, blank=True)
    # PIPL: when the person agreed that the office keeps and uses these data for draws.
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.keywords_text = "|".join(k.strip().lower() for k in self.keywords if k.strip())
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "keywords" in update_fields:
            ExpertKeyword.sync(self)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("talent:experts:detail", args=[self.pk])

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def draw_id(self) -> str:
        """The expert's id in draw pools and records (`E` + primary key)."""
        return f"E{self.pk}"


class ExpertField(models.Model):
    """One declared field of expertise: an ICS or CCS code."""

    class Scheme(models.TextChoices):
        ICS = "ics", "ICS"
        CCS = "ccs", "CCS"

    expert = models.ForeignKey(Expert, models.CASCADE, related_name="fields")
    scheme = models.CharField(max_length=3, choices=Scheme.choices)
    code = models.CharField(_("code"), max_length=20, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "scheme", "code"], name="talent_expert_field_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme.upper()} {self.code}"


class ExpertKeyword(models.Model):
    """One normalised keyword of an expert (indexed, so matching finds keyword hits fast)."""

    expert = models.ForeignKey(Expert, models.CASCADE, related_name="keyword_rows")
    position = models.PositiveSmallIntegerField()
    keyword = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["keyword", "expert"], name="talent_expert_keyword_idx")]

    def __str__(self) -> str:
        return self.keyword

    @classmethod
    def rows_for(cls, expert: Expert) -> list[ExpertKeyword]:
        return [
            cls(expert_id=expert.pk, position=n, keyword=k.strip().lower()[:200])
            for n, k in enumerate(expert.keywords or [])
            if isinstance(k, str) and k.strip()
        ]

    @classmethod
    def sync(cls, expert: Expert) -> None:
        """Replace the expert's keyword rows with those of `expert.keywords`."""
        cls.objects.filter(expert_id=expert.pk).delete()
        cls.objects.bulk_create(cls.rows_for(expert))


class WorkHistory(models.Model):
    """One position in an expert's work history."""

    expert = models.ForeignKey(Expert, models.CASCADE, related_name="work_history")
    employer = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-start", "pk"]

    def __str__(self) -> str:
        return f"{self.employer} {self.position}".strip()


class ExpertStandard(models.Model):
    """A catalogue standard the expert drafted or reviewed (evidence for matching)."""

    class Role(models.TextChoices):
        DRAFTED = "drafted", _("drafted")
        REVIEWED = "reviewed", _("reviewed")

    expert = models.ForeignKey(Expert, models.CASCADE, related_name="standards")
    standard = models.ForeignKey("catalog.Standard", models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "standard", "role"], name="talent_expert_standard_unique"
            )
        ]
        # Matching reads the links of the standards a topic matches without visiting the rows.
        indexes = [
            models.Index(fields=["standard", "role", "expert"], name="talent_expstd_evidence_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.standard_id}"


class CreditEventQuerySet(RestrictedQuerySet):
    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(expert__user=user) if user.is_authenticated else None

    def update(self, **kwargs):
        raise TypeError("credit events are immutable")

    def delete(self):
        raise TypeError("credit events are immutable")


class CreditEvent(models.Model):
    """One immutable entry of an expert's credit record (served, declined, no-show, rating)."""

    class Kind(models.TextChoices):
        SERVED = "served", _("served on a panel")
        DECLINED = "declined", _("declined")
        NO_SHOW = "no_show", _("no-show")
        RATING = "rating", _("rating")

    expert = models.ForeignKey(Expert, models.PROTECT, related_name="credit_events")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"), default=datetime.date.today, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    draw = models.ForeignKey(
        "talent.ExpertDraw", models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CreditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("credit events are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("credit events are immutable")
