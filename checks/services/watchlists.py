"""Watch lists: create and share them, add standards one by one, from a check, or by rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from audit.services import log_action
from catalog.designations import try_parse
from catalog.editions import resolve_reference
from catalog.editions.explain import join_sentences
from catalog.models import Standard, Tier
from checks.models import Check, Verdict, WatchItem, WatchList, WatchRule
from core.exceptions import DomainError


class WatchListError(DomainError):
    """A watch list change that is not allowed or not possible."""

    code = "watchlist_invalid"


def _require(watchlist: WatchList, user, action: str) -> None:
    if not WatchList.objects.restrict(user, action).filter(pk=watchlist.pk).exists():
        raise WatchListError(_("You may not change this watch list."), code="forbidden")


def create_watchlist(
    user,
    name: str,
    *,
    description: str = "",
    organization=None,
    org_access: str = WatchList.Access.VIEW,
    request=None,
) -> WatchList:
    """A new watch list owned by a person, optionally shared with one of their organisations."""
    name = (name or "").strip()
    if not name:
        raise WatchListError(_("Give the watch list a name."))
    if organization is not None and not organization.memberships.filter(user=user).exists():
        raise WatchListError(_("You can only share with an organisation you belong to."))
    try:
        with transaction.atomic():
            watchlist = WatchList.objects.create(
                owner=user,
                name=name[:120],
                description=description,
                organization=organization,
                org_access=org_access,
            )
    except IntegrityError as exc:
        raise WatchListError(_("You already have a watch list with this name.")) from exc
    log_action(
        "checks.watchlist.created",
        actor=user,
        obj=watchlist,
        request=request,
        after={
            "name": watchlist.name,
            "organization": getattr(organization, "pk", None),
            "org_access": org_access,
        },
    )
    return watchlist


def share_watchlist(
    watchlist: WatchList, user, organization, org_access: str, request=None
) -> WatchList:
    """Share a list with an organisation (view or edit) or, with None, make it personal."""
    if watchlist.owner_id != user.pk:
        raise WatchListError(_("Only the owner can share a watch list."), code="forbidden")
    if organization is not None and not organization.memberships.filter(user=user).exists():
        raise WatchListError(_("You can only share with an organisation you belong to."))
    before = {"organization": watchlist.organization_id, "org_access": watchlist.org_access}
    watchlist.organization, watchlist.org_access = organization, org_access
    watchlist.save(update_fields=["organization", "org_access", "updated_at"])
    log_action(
        "checks.watchlist.shared",
        actor=user,
        obj=watchlist,
        request=request,
        before=before,
        after={"organization": getattr(organization, "pk", None), "org_access": org_access},
    )
    return watchlist


def delete_watchlist(watchlist: WatchList, user, request=None) -> None:
    """Delete a watch list (owner only)."""
    if watchlist.owner_id != user.pk:
        raise WatchListError(_("Only the owner can delete a watch list."), code="forbidden")
    log_action(
        "checks.watchlist.deleted",
        actor=user,
        obj=watchlist,
        request=request,
        before={"name": watchlist.name},
    )
    watchlist.delete()


@dataclass(frozen=True)
class WatchAdvice:
    """What adding a standard to a watch list did, and editions in force worth watching."""

    message: str
    offers: list[str] = field(default_factory=list)


def add_standard(watchlist: WatchList, user, designation: str, request=None) -> WatchItem:
    """Watch one standard (every edition of its number) by its designation."""
    _require(watchlist, user, "change")
    parsed = try_parse(designation or "")
    if parsed is None:
        raise WatchListError(
            _("“%(text)s” is not a standard designation.") % {"text": (designation or "")[:60]}
        )
    # The edition shown for the number: the one an undated reference means (catalog.editions).
    meant = resolve_reference(parsed.with_year(None)).standard
    std = Standard.objects.filter(pk=meant.pk).first() if meant else None
    item, created = WatchItem.objects.get_or_create(
        watchlist=watchlist,
        series_key=parsed.series_key,
        defaults={
            "designation": std.designation if std else parsed.canonical,
            "standard": std,
            "added_by": user,
        },
    )
    if created:
        log_action(
            "checks.watchlist.item_added",
            actor=user,
            obj=watchlist,
            request=request,
            after={"series_key": item.series_key},
        )
    return item


def watch_advice(item: WatchItem) -> WatchAdvice:
    """Say what was added and offer the editions in force when the number is superseded.

    Adding "iso712" watches every edition of ISO 712, whose latest (ISO 712:2009) is
    replaced by ISO 712-1:2024, a different number the list would not follow by itself.
    """
    resolution = resolve_reference(item.designation)
    message = _(
        "Added %(series)s to the watch list: every edition of this number is watched "
        "(latest in the catalogue: %(edition)s)."
    ) % {"series": item.series_key, "edition": item.designation}
    if resolution.verdict in (Verdict.CURRENT, Verdict.UPCOMING, Verdict.NOT_FOUND):
        return WatchAdvice(message)
    watched = set(item.watchlist.items.values_list("series_key", flat=True))
    offers = []
    for name in resolution.use_instead:
        parsed = try_parse(name)
        if parsed is not None and parsed.series_key not in watched:
            offers.append(name)
    return WatchAdvice(join_sentences([message, resolution.explanation]), offers)


def watch_instead(
    watchlist: WatchList, user, item_id: int, designation: str, request=None
) -> WatchItem:
    """Watch an edition in force in place of a superseded number (one click after adding)."""
    _require(watchlist, user, "change")
    with transaction.atomic():
        new = add_standard(watchlist, user, designation, request=request)
        if watchlist.items.filter(pk=item_id).exclude(pk=new.pk).exists():
            remove_item(watchlist, user, item_id, request=request)
    return new


def add_from_check(watchlist: WatchList, user, check: Check, request=None) -> int:
    """Watch every standard a check found, and the current editions that replace them."""
    _require(watchlist, user, "change")
    names: set[str] = set()
    for designation, status, current in check.items.values_list("designation", "status", "current"):
        if status != Verdict.NOT_FOUND:
            names.add(designation)
        names.update(current or [])
    series: dict[str, str] = {}
    for name in sorted(names):
        parsed = try_parse(name)
        if parsed is not None:
            series.setdefault(parsed.series_key, parsed.canonical)
    existing = set(watchlist.items.values_list("series_key", flat=True))
    editions = {s.designation: s for s in Standard.objects.filter(designation__in=names)}
    new = [
        WatchItem(
            watchlist=watchlist,
            series_key=key,
            designation=name,
            standard=editions.get(name),
            origin=WatchItem.Origin.CHECK,
            added_by=user,
        )
        for key, name in series.items()
        if key not in existing
    ]
    WatchItem.objects.bulk_create(new, ignore_conflicts=True)
    log_action(
        "checks.watchlist.items_added_from_check",
        actor=user,
        obj=watchlist,
        request=request,
        after={"check": check.pk, "added": len(new)},
    )
    return len(new)


def add_rule(watchlist: WatchList, user, field: str, value: str, request=None) -> WatchRule:
    """Watch every standard that matches a classification, committee, publisher, tier or word."""
    _require(watchlist, user, "change")
    value = (value or "").strip()
    if field not in WatchRule.Field.values:
        raise WatchListError(_("Unknown rule field."))
    if not value:
        raise WatchListError(_("Give a value for the rule."))
    if field == WatchRule.Field.TIER and value not in Tier.values:
        raise WatchListError(_("Unknown tier: %(value)s") % {"value": value})
    if field in (WatchRule.Field.ICS, WatchRule.Field.CCS):
        value = value.upper()
    rule, created = WatchRule.objects.get_or_create(
        watchlist=watchlist, field=field, value=value[:200]
    )
    if created:
        log_action(
            "checks.watchlist.rule_added",
            actor=user,
            obj=watchlist,
            request=request,
            after={"field": field, "value": rule.value},
        )
    return rule


def remove_item(watchlist: WatchList, user, item_id: int, request=None) -> None:
    """Stop watching one standard."""
    _require(watchlist, user, "change")
    deleted, _count = watchlist.items.filter(pk=item_id).delete()
    if deleted:
        log_action(
            "checks.watchlist.item_removed",
            actor=user,
            obj=watchlist,
            request=request,
            before={"item": item_id},
        )


def remove_rule(watchlist: WatchList, user, rule_id: int, request=None) -> None:
    """Delete a rule from a watch list."""
    _require(watchlist, user, "change")
    deleted, _count = watchlist.rules.filter(pk=rule_id).delete()
    if deleted:
        log_action(
            "checks.watchlist.rule_removed",
            actor=user,
            obj=watchlist,
            request=request,
            before={"rule": rule_id},
        )


def rule_q(rule: WatchRule) -> Q:
    """The standards a rule matches, as a query condition on Standard."""
    v = rule.value
    return {
        WatchRule.Field.ICS: lambda: Q(ics__code__startswith=v),
        WatchRule.Field.CCS: lambda: Q(ccs__code__startswith=v),
        WatchRule.Field.COMMITTEE: lambda: Q(committee__icontains=v),
        WatchRule.Field.PUBLISHER: lambda: (
            Q(publisher__code__iexact=v)
            | Q(publisher__name_zh__icontains=v)
            | Q(publisher__name_en__icontains=v)
        ),
        WatchRule.Field.TIER: lambda: Q(tier=v),
        WatchRule.Field.KEYWORD: lambda: Q(title_zh__icontains=v) | Q(title_en__icontains=v),
    }[rule.field]()


def watched_standards(watchlist: WatchList) -> QuerySet[Standard]:
    """Every catalogue edition a watch list covers: its numbers and its rules' matches."""
    condition = Q(series_key__in=watchlist.items.values("series_key"))
    for rule in watchlist.rules.all():
        condition |= rule_q(rule)
    ids = Standard.objects.filter(condition).values("pk")
    return Standard.objects.filter(pk__in=ids).select_related("publisher")
