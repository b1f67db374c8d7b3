"""Draw requests (专家抽取), their frozen pools and records, invitations and their events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import EncryptedCharField
from core.querysets import RestrictedQuerySet
from workflows.models import StatefulModel
from workflows.processes import Process, Roles, Transition, register_process

DRAW = register_process(
    Process(
        code="talent.draw",
        label=_("Expert draw"),
        states={
            "draft": _("Draft"),
            "committed": _("Pool frozen, seed committed"),
            "drawn": _("Drawn"),
            "cancelled": _("Cancelled"),
        },
        initial="draft",
        transitions=[
            Transition(
                "commit", _("Freeze the pool and commit"), sources=("draft",),
                target="committed", allowed=(Roles("base_office"),),
            ),
            Transition(
                "draw", _("Draw"), sources=("committed",), target="drawn",
                allowed=(Roles("base_office"),),
            ),
            Transition(
                "cancel", _("Cancel"), sources=("draft", "committed"), target="cancelled",
                allowed=(Roles("base_office"),), comment_required=True,
            ),
        ],
    )
)  # fmt: skip


class Purpose(models.TextChoices):
    APPROVAL = "approval", _("project approval")
    REVIEW = "review", _("technical review of a draft")
    EVALUATION = "evaluation", _("mid-term evaluation")
    ACCEPTANCE = "acceptance", _("acceptance")
    OTHER = "other", _("other")


# The names of the objects other apps draw panels for; any other type is shown as entered.
OBJECT_TYPES = {
    "project": pgettext_lazy("draw object", "project"),
    "ballot": pgettext_lazy("draw object", "ballot"),
    "evaluation": pgettext_lazy("draw object", "evaluation"),
    "governance.evaluation": pgettext_lazy("draw object", "base evaluation"),
}


class ExpertDrawQuerySet(RestrictedQuerySet):
    """Draws: the office (global permission) sees all, an operator the draws they run."""

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(operator=user) if user.is_authenticated else None


class ExpertDraw(StatefulModel):
    """A draw request and, once drawn, its verifiable record (docs/draws.md)."""

    process = DRAW
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    object_type = models.CharField(_("object type"), max_length=40)
    object_ref = models.CharField(_("object reference"), max_length=100)
    object_title = models.CharField(pgettext_lazy("draw", "object"), max_length=300)
    # Applicant, drafting units and the object's parties: their people are kept out.
    party_orgs = models.JSONField(_("parties' organisations"), default=list, blank=True)
    quotas = models.JSONField(_("fields with counts"), default=dict, blank=True)
    need = models.PositiveSmallIntegerField(_("panel size"))
    alternates = models.PositiveSmallIntegerField(_("alternates"), default=0)
    served_within_days = models.PositiveSmallIntegerField(
        _("exclude who served within N days"), null=True, blank=True
    )
    max_panels_per_year = models.PositiveSmallIntegerField(
        _("exclude who sat on more than K panels this year"), null=True, blank=True
    )
    max_no_shows = models.PositiveSmallIntegerField(
        _("exclude after this many no-shows in a year"), default=2
    )
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    supervisor = models.CharField(_("supervisor"), max_length=100, blank=True)
    response_days = models.PositiveSmallIntegerField(_("days to answer an invitation"), default=3)
    # Frozen at commit time: the candidates and the eligible pool (in `DrawPool`, a row of
    # its own so that the draw's updates never rewrite them), the pool's hash, the commitment.
    as_of = models.DateField(null=True, blank=True, editable=False)
    pool_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    eligible_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    candidate_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    exclusion_counts = models.JSONField(default=dict, blank=True, editable=False)
    commitment = models.CharField(max_length=64, blank=True, editable=False)
    seed = EncryptedCharField(max_length=64, blank=True, editable=False)  # shown once drawn
    public_value = models.CharField(_("public value"), max_length=200, blank=True)
    record = models.JSONField(default=dict, blank=True, editable=False)
    committed_at = models.DateTimeField(null=True, blank=True, editable=False)
    drawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExpertDrawQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("expert draw")
        verbose_name_plural = _("expert draws")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.object_title}"

    @property
    def object_type_label(self) -> str:
        """The object type in words where it is a known one (project, ballot, evaluation)."""
        return str(OBJECT_TYPES.get(self.object_type, self.object_type))

    @property
    def pool_size(self) -> int:
        """How many candidates the frozen pool was screened from."""
        return self.candidate_count or 0

    @property
    def candidates(self) -> list[dict]:
        """Every candidate as the draw core saw them at the commitment ([] before)."""
        return _frozen(self, "candidates")

    @property
    def frozen_pool_rows(self) -> list[dict]:
        """The frozen eligible pool: the id-sorted snapshot whose SHA-256 is `pool_sha256`."""
        return _frozen(self, "pool")

    @property
    def revealed_seed(self) -> str:
        """The seed, only once the draw is made (before, only its commitment is public)."""
        return self.seed if self.state == "drawn" else ""


def _frozen(draw: ExpertDraw, name: str) -> list:
    """One column of the draw's frozen pool, read on its own ([] when not frozen)."""
    if draw.pk is None:
        return []
    rows = DrawPool.objects.filter(draw=draw).values_list(name, flat=True)
    return next(iter(rows), [])


class DrawPool(models.Model):
    """A committed draw's frozen data: candidates, eligible snapshot, excluded ids by rule."""

    draw = models.OneToOneField(ExpertDraw, models.CASCADE, related_name="frozen")
    candidates = models.JSONField(default=list)
    pool = models.JSONField(default=list)
    # The excluded ids grouped by exclusion code (the compact form of the reasons).
    excluded = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"pool of draw {self.draw_id}"


class InvitationQuerySet(RestrictedQuerySet):
    def object_filter(self, user, action: str) -> models.Q | None:
        if not user.is_authenticated:
            return None
        return models.Q(expert__user=user) | models.Q(draw__operator=user)


class Invitation(models.Model):
    """A drawn expert's seat (panel or alternate) and the invitation to take it."""

    class Seat(models.TextChoices):
        PANEL = "panel", _("panel")
        ALTERNATE = "alternate", _("alternate")

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting (alternate)")
        INVITED = "invited", _("invited")
        CONFIRMED = "confirmed", pgettext_lazy("invitation", "confirmed")
        DECLINED = "declined", _("declined")
        TIMED_OUT = "timed_out", _("no answer in time")
        CONFLICT = "conflict", _("withdrawn: conflict declared")

    draw = models.ForeignKey(ExpertDraw, models.CASCADE, related_name="invitations")
    expert = models.ForeignKey("talent.Expert", models.PROTECT, related_name="invitations")
    position = models.PositiveSmallIntegerField()  # draw order: panel first, then alternates
    seat = models.CharField(max_length=10, choices=Seat.choices)
    drawn_for = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    replaces = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "position"], name="talent_invitation_pos"),
            models.UniqueConstraint(fields=["draw", "expert"], name="talent_invitation_expert"),
        ]

    def __str__(self) -> str:
        return f"{self.draw_id}#{self.position} {self.expert}"


class InvitationEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("invitation events are immutable")

    def delete(self):
        raise TypeError("invitation events are immutable")


class InvitationEvent(models.Model):
    """One immutable step of an invitation: invited, confirmed, declined, timed out, replaced."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("invited")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        TIMED_OUT = "timed_out", _("timed out")
        SUBSTITUTED = "substituted", _("alternate brought in")
        NO_ALTERNATE = "no_alternate", _("no alternate left")
        CONFLICT = "conflict", _("conflict declared at scoring")

    invitation = models.ForeignKey(Invitation, models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    objects = InvitationEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.kind}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("invitation events are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("invitation events are immutable")
