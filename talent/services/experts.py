"""Expert database services: apply, review, credit record, search and topic matching."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from catalog.designations import try_parse
from catalog.models import Standard
from core.exceptions import DomainError
from talent.models import CreditEvent, Expert, ExpertField, ExpertStandard, Title, WorkHistory
from workflows.services import transition

ICS_CODE = re.compile(r"^\d{2}(\.\d{3}(\.\d{2})?)?$")
CCS_CODE = re.compile(r"^[A-Z](\d{2})?$")
MAX_LIST = 50


class ExpertError(DomainError):
    """An expert application or profile change that cannot be made."""

    code = "expert_invalid"


@dataclass
class Profile:
    """What an application or a profile edit says about the expert."""

    name: str
    title: str
    employer: str
    region: str = ""
    qualifications: str = ""
    ics: list[str] = field(default_factory=list)
    ccs: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    committees: list[str] = field(default_factory=list)
    avoid_orgs: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    phone: str = ""
    id_number: str = ""
    nominated_by: str = ""
    # (employer, position, start, end) tuples
    work_history: list[tuple[str, str, datetime.date | None, datetime.date | None]] = field(
        default_factory=list
    )
    # (designation, "drafted" | "reviewed")
    standards: list[tuple[str, str]] = field(default_factory=list)
    # PIPL: the applicant agrees that the office keeps and uses these data for panels.
    consent: bool = False


def _clean_list(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen.append(value[:200])
    return seen[:MAX_LIST]


def _check(profile: Profile) -> list[Standard]:
    if not profile.name.strip() or not profile.employer.strip():
        raise ExpertError(_("Name and employer are required."))
    if profile.title not in Title.values:
        raise ExpertError(_("Choose a professional title: 正高, 副高 or 中级."))
    bad = [c for c in profile.ics if not ICS_CODE.match(c)] + [
        c for c in profile.ccs if not CCS_CODE.match(c)
    ]
    if bad:
        raise ExpertError(_("Not an ICS or CCS code: %(codes)s.") % {"codes": ", ".join(bad)})
    if not profile.ics and not profile.ccs:
        raise ExpertError(_("Give at least one field of expertise (an ICS or CCS code)."))
    return _standards_of(profile.standards)


def _standards_of(pairs: list[tuple[str, str]]) -> list[Standard]:
    """The catalogue records of the designations, each parsed; unknown ones are refused."""
    found = []
    for designation, role in pairs:
        if role not in ExpertStandard.Role.values:
            raise ExpertError(_("A standard is either drafted or reviewed."))
        parsed = try_parse(designation)
        standard = Standard.objects.filter(designation=parsed.canonical).first() if parsed else None
        if standard is None:
            raise ExpertError(
                _("%(designation)s is not in the catalogue.") % {"designation": designation}
            )
        found.append((standard, role))
    return found


def _write_profile(expert: Expert, profile: Profile, standards) -> None:
    for name in ("name", "title", "employer", "region", "qualifications", "phone", "id_number",
                 "nominated_by"):  # fmt: skip
        setattr(expert, name, getattr(profile, name).strip())
    for name in ("keywords", "committees", "avoid_orgs", "conflicts"):
        setattr(expert, name, _clean_list(getattr(profile, name)))
    expert.full_clean(exclude=["user", "state"])
    expert.save()
    expert.fields.all().delete()
    ExpertField.objects.bulk_create(
        [ExpertField(expert=expert, scheme="ics", code=c) for c in _clean_list(profile.ics)]
        + [ExpertField(expert=expert, scheme="ccs", code=c) for c in _clean_list(profile.ccs)]
    )
    expert.work_history.all().delete()
    WorkHistory.objects.bulk_create(
        WorkHistory(expert=expert, employer=e[:200], position=p[:200], start=s, end=t)
        for e, p, s, t in profile.work_history
        if e.strip()
    )
    expert.standards.all().delete()
    ExpertStandard.objects.bulk_create(
        {
            (s.pk, r): ExpertStandard(expert=expert, standard=s, role=r) for s, r in standards
        }.values()
    )


def apply_as_expert(user, profile: Profile, *, request=None) -> Expert:
    """File the person's application to the expert pool (or an organisation's nomination)."""
    if not user.is_authenticated:
        raise ExpertError(_("Please sign in first."))
    standards = _check(profile)
    if not profile.consent:
        raise ExpertError(
            _("Please agree that the office keeps and uses your data for expert panels.")
        )
    with transaction.atomic():
        if Expert.objects.filter(user=user).exists():
            raise ExpertError(_("You already have an expert profile."))
        expert = Expert(user=user, consent_at=timezone.now())
        _write_profile(expert, profile, standards)
        log_action("talent.expert.applied", actor=user, obj=expert, request=request)
    return expert


def update_profile(actor, expert: Expert, profile: Profile, *, request=None) -> Expert:
    """Change an expert's profile: the expert themself or the office."""
    if not Expert.objects.restrict(actor, "change").filter(pk=expert.pk).exists():
        raise ExpertError(_("You may not change this profile."))
    standards = _check(profile)
    # The form never shows the stored personal fields: left empty, they are kept.
    profile.phone = profile.phone or expert.phone
    profile.id_number = profile.id_number or expert.id_number
    with transaction.atomic():
        _write_profile(expert, profile, standards)
        log_action("talent.expert.updated", actor=actor, obj=expert, request=request)
    return expert


def decide_expert(
    actor, expert: Expert, step: str, comment: str = "", *, term_years: int = 3, request=None
) -> Expert:
    """Approve for a term, reject, suspend, reinstate, renew or expire an expert."""
    targets = {"approve": "active", "reject": "rejected", "suspend": "suspended",
               "reinstate": "active", "renew": "active", "expire": "expired",
               "withdraw": "rejected"}  # fmt: skip
    if step not in targets:
        raise ExpertError(_("Unknown decision."))
    if not 1 <= term_years <= 5:
        raise ExpertError(_("A term lasts one to five years."))
    with transaction.atomic():
        data = {}
        if step in ("approve", "renew"):
            start = timezone.localdate()
            expert.term_start = start
            expert.term_end = start.replace(year=start.year + term_years)
            Expert.objects.filter(pk=expert.pk).update(
                term_start=expert.term_start, term_end=expert.term_end
            )
            data = {"term_end": expert.term_end.isoformat()}
        transition(expert, targets[step], actor, comment, data=data, request=request)
    return expert


def expire_terms(today: datetime.date | None = None) -> int:
    """Move active experts whose term has ended to expired (a periodic job); returns how many."""
    today = today or timezone.localdate()
    done = 0
    for expert in Expert.objects.filter(state="active", term_end__lt=today):
        with transaction.atomic():
            Expert.objects.filter(pk=expert.pk).update(state="expired")
            log_action(
                "talent.expert.expired", actor=None, obj=expert,
                before={"state": "active"}, after={"state": "expired"},
            )  # fmt: skip
            done += 1
    return done


def record_credit(
    actor, expert: Expert, kind: str, *, reason: str = "", rating: int | None = None,
    date: datetime.date | None = None, draw=None, request=None,
) -> CreditEvent:  # fmt: skip
    """Add an entry to the expert's credit record (served, declined, no-show, rating)."""
    if actor is not None and not actor.has_perm("talent.add_creditevent"):
        raise ExpertError(_("Only the office keeps the credit record."))
    if kind not in CreditEvent.Kind.values:
        raise ExpertError(_("Unknown kind of credit entry."))
    if kind == CreditEvent.Kind.RATING and (rating is None or not 1 <= rating <= 5):
        raise ExpertError(_("A rating is a number from 1 to 5."))
    if kind == CreditEvent.Kind.DECLINED and not reason.strip():
        raise ExpertError(_("A decline needs a reason."))
    with transaction.atomic():
        event = CreditEvent.objects.create(
            expert=expert, kind=kind, reason=reason.strip()[:2000],
            rating=rating if kind == CreditEvent.Kind.RATING else None,
            date=date or timezone.localdate(), draw=draw, recorded_by=actor,
        )  # fmt: skip
        log_action(
            f"talent.credit.{kind}", actor=actor, obj=expert,
            after={"event": event.pk, "reason": event.reason, "rating": event.rating},
            request=request,
        )  # fmt: skip
    return event


def credit_summary(expert: Expert, today: datetime.date | None = None) -> dict:
    """Counts of the credit record, total and within the last year, and the mean rating."""
    today = today or timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    events = list(expert.credit_events.all())
    ratings = [e.rating for e in events if e.rating]
    return {
        "served": sum(e.kind == "served" for e in events),
        "declined": sum(e.kind == "declined" for e in events),
        "no_shows": sum(e.kind == "no_show" for e in events),
        "no_shows_last_year": sum(e.kind == "no_show" and e.date > year_ago for e in events),
        "rating": round(sum(ratings) / len(ratings), 1) if ratings else None,
    }


def search_experts(
    user, *, field: str = "", title: str = "", region: str = "", keyword: str = "",
    states: tuple[str, ...] = ("active",),
) -> QuerySet[Expert]:  # fmt: skip
    """Experts the user may see, by field code (and beneath it), title, region and keyword."""
    rows = Expert.objects.restrict(user, "view").filter(state__in=states)
    if field := field.strip():
        rows = rows.filter(Q(fields__code=field) | Q(fields__code__startswith=f"{field}."))
    if title:
        rows = rows.filter(title=title)
    if region := region.strip():
        rows = rows.filter(region__icontains=region)
    if keyword := keyword.strip().lower():
        rows = rows.filter(
            Q(keywords_text__contains=keyword) | Q(name__icontains=keyword)
            | Q(committees__icontains=keyword)
        )  # fmt: skip
    return rows.distinct().order_by("name", "pk")


def terms_ending(rows: QuerySet[Expert], within_days: int = 90) -> QuerySet[Expert]:
    """Active experts whose term ends within the coming days (the office renews them)."""
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return rows.filter(state="active", term_end__lte=horizon).order_by("term_end", "pk")


def profile_initial(expert: Expert) -> dict:
    """The expert's profile as the profile form shows it (personal fields left empty)."""
    codes = {"ics": [], "ccs": []}
    for item in expert.fields.all():
        codes[item.scheme].append(item.code)
    standards = {"drafted": [], "reviewed": []}
    for link in expert.standards.select_related("standard"):
        standards[link.role].append(link.standard.designation)
    history = [
        ", ".join([w.employer, w.position, str(w.start.year) if w.start else "",
                   str(w.end.year) if w.end else ""]).rstrip(", ")
        for w in expert.work_history.all()
    ]  # fmt: skip
    return {
        "name": expert.name, "title": expert.title, "employer": expert.employer,
        "region": expert.region, "qualifications": expert.qualifications,
        "nominated_by": expert.nominated_by, "ics": ", ".join(codes["ics"]),
        "ccs": ", ".join(codes["ccs"]), "keywords": ", ".join(expert.keywords),
        "committees": ", ".join(expert.committees), "avoid_orgs": ", ".join(expert.avoid_orgs),
        "conflicts": ", ".join(expert.conflicts),
        "standards_drafted": ", ".join(standards["drafted"]),
        "standards_reviewed": ", ".join(standards["reviewed"]),
        "work_history": "\n".join(history), "consent": expert.consent_at is not None,
    }  # fmt: skip
