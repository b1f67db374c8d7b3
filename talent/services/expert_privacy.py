"""Personal data of experts (PIPL): audited access to the full values, export and erasure."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from talent.models import Expert
from talent.services.experts import ExpertError

PERSONAL_FIELDS = ("phone", "id_number")


def _may_see(actor, expert: Expert) -> bool:
    return Expert.objects.restrict(actor, "change").filter(pk=expert.pk).exists()


def reveal_personal_data(actor, expert: Expert, *, purpose: str = "", request=None) -> dict:
    """The unmasked phone and ID number, for the expert or the office; each access is audited."""
    if not actor.is_authenticated or not _may_see(actor, expert):
        raise ExpertError(_("You may not see this expert's personal data."))
    log_action(
        "talent.expert.personal_viewed", actor=actor, obj=expert,
        detail=purpose.strip()[:500], request=request,
    )  # fmt: skip
    return {name: getattr(expert, name) for name in PERSONAL_FIELDS}


def expert_data(expert: Expert) -> dict:
    """Everything the expert database stores about the person, JSON-ready."""
    return {
        "name": expert.name,
        "title": expert.title,
        "employer": expert.employer,
        "region": expert.region,
        "qualifications": expert.qualifications,
        "keywords": expert.keywords,
        "committees": expert.committees,
        "avoid_orgs": expert.avoid_orgs,
        "conflicts": expert.conflicts,
        "phone": expert.phone,
        "id_number": expert.id_number,
        "nominated_by": expert.nominated_by,
        "state": expert.state,
        "term_start": expert.term_start.isoformat() if expert.term_start else None,
        "term_end": expert.term_end.isoformat() if expert.term_end else None,
        "consent_at": expert.consent_at.isoformat() if expert.consent_at else None,
        "fields": [f"{f.scheme}:{f.code}" for f in expert.fields.all()],
        "work_history": [
            {
                "employer": w.employer,
                "position": w.position,
                "start": w.start.isoformat() if w.start else None,
                "end": w.end.isoformat() if w.end else None,
            }
            for w in expert.work_history.all()
        ],  # fmt: skip
        "standards": [
            {"designation": s.standard.designation, "role": s.role}
            for s in expert.standards.select_related("standard")
        ],
        "credit": [
            {"kind": c.kind, "date": c.date.isoformat(), "reason": c.reason, "rating": c.rating}
            for c in expert.credit_events.all()
        ],
    }


def export_expert_data(user, *, request=None) -> dict:
    """The signed-in person's own expert data for download (audited)."""
    expert = Expert.objects.filter(user=user).first() if user.is_authenticated else None
    if expert is None:
        raise ExpertError(_("You have no expert profile."))
    log_action("talent.expert.personal_exported", actor=user, obj=expert, request=request)
    return expert_data(expert)


def erase_expert(expert: Expert, *, actor=None, request=None) -> None:
    """Blank the expert's personal fields and take them out of the pool; the record stays."""
    with transaction.atomic():
        Expert.objects.filter(pk=expert.pk).update(
            name=_("Deleted expert"), phone="", id_number="", qualifications="",
            region="", keywords=[], keywords_text="", committees=[], conflicts=[],
            nominated_by="",
            state="expired" if expert.state in ("active", "suspended") else expert.state,
        )  # fmt: skip
        expert.work_history.all().delete()
        expert.keyword_rows.all().delete()
        log_action("talent.expert.erased", actor=actor, obj=expert, request=request)


def erase_on_anonymisation(sender, instance, **kwargs) -> None:
    """Signal receiver: an anonymised account's expert profile is erased too."""
    if getattr(instance, "anonymized_at", None) is None:
        return
    expert = Expert.objects.filter(user=instance).exclude(name=_("Deleted expert")).first()
    if expert is not None:
        erase_expert(expert)
