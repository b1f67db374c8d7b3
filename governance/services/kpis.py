"""The KPI tree: indicators, values computed from the platform or entered with evidence, scores."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from governance.exceptions import GovernanceError
from governance.models import Indicator, KpiValue
from governance.services.access import require
from governance.sources import get_source, measure

MANUAL = "manual"
GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"
# Share of the target reached for each traffic light.
GREEN_AT, AMBER_AT = Decimal("0.9"), Decimal("0.6")


def month_end(day: datetime.date) -> datetime.date:
    """The last day of the month of `day`."""
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _decimal(value, what: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise GovernanceError(_("%(what)s must be a number.") % {"what": what}) from None
    if not number.is_finite():
        raise GovernanceError(_("%(what)s must be a number.") % {"what": what})
    return number


def add_indicator(
    base,
    *,
    code: str,
    name: str,
    actor,
    parent: Indicator | None = None,
    weight="1",
    target=None,
    unit: str = "",
    source: str = MANUAL,
    params: dict | None = None,
    centre=None,
    request=None,
) -> Indicator:
    """Add an indicator (一级 without a parent, 二级/三级 beneath one) with its data source."""
    require(actor, "add_indicator", base)
    level = parent.level + 1 if parent else 1
    if parent is not None and parent.base_id != base.pk:
        raise GovernanceError(_("The parent indicator belongs to another base."))
    if level > 3:
        raise GovernanceError(_("The KPI tree has three levels."))
    if source != MANUAL and get_source(source) is None:
        raise GovernanceError(_("Unknown data source %(s)s.") % {"s": source})
    weight = _decimal(weight, _("The weight"))
    if weight <= 0:
        raise GovernanceError(_("A weight is positive."))
    target = _decimal(target, _("The target")) if target not in (None, "") else None
    if Indicator.objects.filter(base=base, code=code.strip()).exists():
        raise GovernanceError(_("Another indicator has the code %(c)s.") % {"c": code})
    if centre is not None and centre.parent_id != base.body_id:
        raise GovernanceError(_("The centre does not belong to %(base)s.") % {"base": base})
    with transaction.atomic():
        indicator = Indicator.objects.create(
            base=base,
            parent=parent,
            level=level,
            code=code.strip(),
            name=name.strip(),
            weight=weight,
            target=target,
            unit=unit or getattr(get_source(source), "unit", ""),
            source=source,
            params=params or {},
            centre=centre,
        )
        log_action(
            "governance.indicator.added",
            actor=actor,
            obj=indicator,
            after={
                "code": indicator.code,
                "level": level,
                "source": source,
                "weight": str(weight),
                "target": str(target),
            },
            request=request,
        )
    return indicator


def leaves(base):
    """The indicators that carry values: those without children."""
    return Indicator.objects.filter(base=base, children__isnull=True)


def compute_values(base, as_of: datetime.date, *, actor=None, request=None) -> list[KpiValue]:
    """Compute the month's value of every leaf with a data source and keep how it was computed."""
    require(actor, "change_kpivalue", base)
    period = as_of.replace(day=1)
    end = min(month_end(as_of), as_of)
    stored = []
    with transaction.atomic():
        for indicator in leaves(base).exclude(source=MANUAL).select_related("base"):
            result = measure(indicator, end)
            value, _created = KpiValue.objects.update_or_create(
                indicator=indicator,
                period=period,
                defaults={
                    "value": result.value,
                    "computed": True,
                    "method": result.method,
                    "records": result.records,
                    "entered_by": None,
                    "evidence": None,
                },
            )
            stored.append(value)
        log_action(
            "governance.kpi.computed",
            actor=actor,
            obj=base,
            after={"period": period.isoformat(), "values": len(stored)},
            request=request,
        )
    return stored


def enter_value(
    indicator: Indicator,
    *,
    period: datetime.date,
    value,
    note: str,
    user,
    evidence=None,
    upload=None,
    request=None,
) -> KpiValue:
    """Enter the month's value of a manual indicator with its evidence."""
    from governance.services.documents import store_document

    require(user, "change_kpivalue", indicator.base)
    if indicator.source != MANUAL:
        raise GovernanceError(_("This indicator is computed from the platform; it is not entered."))
    if indicator.children.exists():
        raise GovernanceError(_("Values are entered on the lowest indicators."))
    number = _decimal(value, _("The value"))
    if not (note or "").strip():
        raise GovernanceError(_("Say where the value comes from."))
    if evidence is None and upload is None:
        raise GovernanceError(_("A value entered by hand needs its evidence."))
    period = period.replace(day=1)
    with transaction.atomic():
        if upload is not None:
            evidence = store_document(
                indicator.base, upload, kind="evidence", user=user, request=request
            )
        previous = KpiValue.objects.filter(indicator=indicator, period=period).first()
        kept, _created = KpiValue.objects.update_or_create(
            indicator=indicator,
            period=period,
            defaults={
                "value": number,
                "computed": False,
                "method": note.strip(),
                "records": [{"label": evidence.filename, "url": evidence.get_absolute_url()}],
                "evidence": evidence,
                "entered_by": user,
            },
        )
        log_action(
            "governance.kpi.entered",
            actor=user,
            obj=indicator,
            before={"value": str(previous.value)} if previous else None,
            after={"period": period.isoformat(), "value": str(number), "evidence": evidence.pk},
            request=request,
        )
    return kept


def light_of(ratio: Decimal | None) -> str:
    """The traffic light of a share of the target reached."""
    if ratio is None:
        return NONE
    if ratio >= GREEN_AT:
        return GREEN
    return AMBER if ratio >= AMBER_AT else RED


@dataclass
class ScoredIndicator:
    """An indicator with its value, its score (0–100) and its light in one month."""

    indicator: Indicator
    value: KpiValue | None = None
    score: Decimal | None = None
    ratio: Decimal | None = None
    light: str = NONE
    children: list[ScoredIndicator] = field(default_factory=list)


def _leaf_score(
    indicator: Indicator, value: KpiValue | None
) -> tuple[Decimal | None, Decimal | None]:
    if value is None or not indicator.target:
        return None, None
    ratio = (value.value / indicator.target).quantize(Decimal("0.0001"))
    return min(ratio, Decimal(1)) * 100, ratio


def _weighted(items: list[ScoredIndicator]) -> Decimal | None:
    scored = [i for i in items if i.score is not None]
    weights = sum((i.indicator.weight for i in scored), Decimal(0))
    if not scored or not weights:
        return None
    return (sum(i.score * i.indicator.weight for i in scored) / weights).quantize(Decimal("0.01"))


def score_tree(
    indicators: list[Indicator], values: dict[int, KpiValue]
) -> tuple[list[ScoredIndicator], Decimal | None]:
    """Score every indicator: leaves by value/target (capped at 100), parents by weighted mean."""
    by_parent: dict[int | None, list[Indicator]] = {}
    for indicator in indicators:
        by_parent.setdefault(indicator.parent_id, []).append(indicator)

    def build(indicator: Indicator) -> ScoredIndicator:
        node = ScoredIndicator(indicator, values.get(indicator.pk))
        node.children = [build(child) for child in by_parent.get(indicator.pk, [])]
        if node.children:
            node.score = _weighted(node.children)
            node.ratio = node.score / 100 if node.score is not None else None
        else:
            node.score, node.ratio = _leaf_score(indicator, node.value)
            if node.score is not None:
                node.score = node.score.quantize(Decimal("0.01"))
        node.light = light_of(node.ratio)
        return node

    roots = [build(i) for i in by_parent.get(None, [])]
    return roots, _weighted(roots)


def scores_at(base, period: datetime.date, centre=None):
    """The scored tree and the weighted total of a base (or one centre's indicators) in a month."""
    indicators = list(Indicator.objects.filter(base=base).order_by("code"))
    if centre is not None:
        keep = {i.pk for i in indicators if i.centre_id == centre.pk}
        ids = set(keep)
        parents = {i.pk: i.parent_id for i in indicators}
        for pk in keep:
            while parents.get(pk):
                pk = parents[pk]
                ids.add(pk)
        indicators = [i for i in indicators if i.pk in ids]
    values = {
        v.indicator_id: v
        for v in KpiValue.objects.filter(indicator__base=base, period=period.replace(day=1))
    }
    return score_tree(indicators, values)


def flatten(nodes: list[ScoredIndicator]) -> list[ScoredIndicator]:
    """The tree in reading order (an indicator, then its children)."""
    out = []
    for node in nodes:
        out.append(node)
        out.extend(flatten(node.children))
    return out
