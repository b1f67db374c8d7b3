"""Who may be drawn: the exclusion rules over the whole pool, their reasons in words, and the
refusal of an impossible draw (docs/draws.md §1)."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from talent.services.draws.model import DrawImpossible, DrawRequest, Expert
from talent.services.draws.selection import quota_bits

# Exclusion codes in the order they are tested; an expert is reported under the first.
REASONS = ("suspended", "no_show", "org", "avoid", "conflict", "recent", "overused", "field")


def _reason_texts(request: DrawRequest) -> dict[str, str]:
    """The reason of each exclusion code, translated once per draw (not once per expert)."""
    return {
        "suspended": _("suspended"),
        "no_show": _("%(count)d no-shows within a year (limit %(limit)d)"),
        "org": _("same organisation as a party: %(org)s"),
        "avoid": _("avoids %(orgs)s"),
        "conflict": _("declared a conflict of interest"),
        "recent": _("served within the last %(days)d days (%(date)s)"),
        "overused": _("already on %(count)d panels this year (limit %(limit)d)"),
        "field": _("none of the required fields"),
    }


def exclusion_labels() -> dict[str, str]:
    """A short name of each exclusion rule, by code (the breakdown of a refusal, the record)."""
    return {
        "suspended": _("suspended"),
        "no_show": _("no-shows"),
        "org": _("same organisation"),
        "avoid": _("avoidance list"),
        "conflict": _("declared conflict"),
        "recent": _("served recently"),
        "overused": _("panels this year"),
        # "field" alone is a form or data field in other apps' catalogues.
        "field": pgettext("draw exclusion", "field"),
    }


def _reason(code: str, text: str, expert: Expert, request: DrawRequest) -> str:
    if code == "org":
        return text % {"org": expert.org}
    if code == "avoid":
        return text % {"orgs": ", ".join(sorted(request.exclude_orgs.intersection(expert.avoid)))}
    if code == "recent":
        served = expert.last_served.isoformat() if expert.last_served else ""
        return text % {"days": request.served_within_days, "date": served}
    if code == "no_show":
        return text % {"count": expert.no_shows, "limit": request.max_no_shows}
    if code == "overused":
        return text % {"count": expert.panels_this_year, "limit": request.max_panels_per_year}
    return text


def exclusion_reasons(
    experts: list[Expert], request: DrawRequest, codes: dict[str, str] | None = None
) -> dict[str, str]:
    """Each excluded expert's id with the reason in words, in pool order."""
    texts = _reason_texts(request)
    codes = screen(experts, request)[1] if codes is None else codes
    return {
        e.id: _reason(codes[e.id], texts[codes[e.id]], e, request) for e in experts if e.id in codes
    }


def screen(experts: list[Expert], request: DrawRequest) -> tuple[list[Expert], dict[str, str]]:
    """The eligible experts, and the code of the first rule that keeps each other one out.

    One loop with the rules' values held in locals: it runs over the whole pool (100,000
    experts) on every draw, so it avoids a function call per expert.
    """
    orgs = request.exclude_orgs
    parties = orgs | ({request.object_id} if request.object_id else frozenset())
    cutoff = (
        request.as_of - datetime.timedelta(days=request.served_within_days)
        if request.served_within_days is not None
        else None
    )
    limit = request.max_panels_per_year
    no_shows = request.max_no_shows
    wanted_fields = frozenset(request.quotas)
    eligible: list[Expert] = []
    codes: dict[str, str] = {}
    for expert in experts:
        if expert.suspended:
            codes[expert.id] = "suspended"
        elif no_shows is not None and expert.no_shows >= no_shows:
            codes[expert.id] = "no_show"
        elif expert.org and expert.org in orgs:
            codes[expert.id] = "org"
        elif expert.avoid and not orgs.isdisjoint(expert.avoid):
            codes[expert.id] = "avoid"
        elif expert.conflicts and not parties.isdisjoint(expert.conflicts):
            codes[expert.id] = "conflict"
        elif cutoff is not None and expert.last_served is not None and expert.last_served >= cutoff:
            codes[expert.id] = "recent"
        elif limit is not None and expert.panels_this_year >= limit:
            codes[expert.id] = "overused"
        elif wanted_fields and wanted_fields.isdisjoint(expert.fields):
            codes[expert.id] = "field"
        else:
            eligible.append(expert)
    return eligible, codes


def eligible_experts(experts: list[Expert], request: DrawRequest) -> list[Expert]:
    """The experts `screen` keeps, by the same rules applied one after the other as filters.

    Eligibility is all rules passing, so filtering rule by rule keeps the same experts in the
    same order whatever the order of the rules: the one that removes most (fields) and the
    cheap ones go first, and rules the request does not set are skipped. The draw needs only
    the eligible experts; the reasons of the others are worked out by `screen` when the
    record is shown. A test holds the two to the same result.
    """
    kept = experts
    if request.quotas:
        misses = frozenset(request.quotas).isdisjoint
        kept = [e for e in kept if not misses(e.fields)]
    if request.max_panels_per_year is not None:
        limit = request.max_panels_per_year
        kept = [e for e in kept if e.panels_this_year < limit]
    if request.max_no_shows is not None:
        no_shows = request.max_no_shows
        kept = [e for e in kept if e.no_shows < no_shows]
    if request.served_within_days is not None:
        cutoff = request.as_of - datetime.timedelta(days=request.served_within_days)
        kept = [e for e in kept if e.last_served is None or e.last_served < cutoff]
    orgs = request.exclude_orgs
    parties = orgs | ({request.object_id} if request.object_id else frozenset())
    party_orgs = orgs - {""}  # an expert without an organisation shares it with no party
    avoids_none = orgs.isdisjoint
    conflicts_none = parties.isdisjoint
    return [
        e
        for e in kept
        if not e.suspended
        and e.org not in party_orgs
        and (not e.avoid or avoids_none(e.avoid))
        and (not e.conflicts or conflicts_none(e.conflicts))
    ]


def count_codes(codes: dict[str, str]) -> dict[str, int]:
    """How many experts each exclusion code removed, in rule order (zero counts left out)."""
    removed = Counter(codes.values())
    return {code: removed[code] for code in REASONS if removed[code]}


def check_possible(
    eligible: list[dict[str, Any]],
    masks: dict[str, int],
    request: DrawRequest,
    experts: list[Expert],
    *,
    codes: dict[str, str] | None = None,
) -> None:
    """Refuse a draw that cannot be completed, before any number is drawn."""
    wanted = request.need + request.alternates
    if len(eligible) < wanted:
        raise _impossible(
            _(
                "Only %(eligible)d of %(pool)d experts are eligible but %(wanted)d are needed "
                "(panel %(need)d, alternates %(alternates)d); nothing was drawn. "
                "Excluded: %(breakdown)s."
            ),
            {
                "eligible": len(eligible),
                "pool": len(experts),
                "wanted": wanted,
                "need": request.need,
                "alternates": request.alternates,
            },
            eligible,
            request,
            experts,
            codes,
        )
    fields = sorted(f for f, count in request.quotas.items() if count > 0)
    if not fields:
        return
    bit = quota_bits(request.quotas)
    supply = Counter(masks.values())
    for subset in range(1, 1 << len(fields)):
        group = [f for i, f in enumerate(fields) if subset >> i & 1]
        union = sum(bit[f] for f in group)
        have = sum(n for mask, n in supply.items() if mask & union)
        demand = sum(request.quotas[f] for f in group)
        if have < demand:
            raise _impossible(
                _(
                    "The fields %(fields)s need %(demand)d experts but only %(have)d eligible "
                    "experts cover them; nothing was drawn. Excluded: %(breakdown)s."
                ),
                {"fields": _(", ").join(group), "demand": demand, "have": have},
                eligible,
                request,
                experts,
                codes,
            )


def _impossible(
    text: str,
    values: dict[str, Any],
    eligible: list[dict[str, Any]],
    request: DrawRequest,
    experts: list[Expert],
    codes: dict[str, str] | None = None,
) -> DrawImpossible:
    """The refusal, with how many experts each exclusion rule removed."""
    removed = count_codes(codes if codes is not None else screen(experts, request)[1])
    labels = exclusion_labels()
    breakdown = _(", ").join(
        _("%(label)s %(count)d") % {"label": labels[code], "count": count}
        for code, count in removed.items()
    ) or _("none")
    return DrawImpossible(
        text % {**values, "breakdown": breakdown}, eligible=len(eligible), removed=removed
    )
