"""Dynamic monitoring (动态监测): KPIs against targets month by month, per centre, exported."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.writers import Column, Sheet, write_csv, write_xlsx
from governance.exceptions import GovernanceError
from governance.models import Indicator, KpiValue
from governance.services.kpi_sources import on_time_share
from governance.services.kpis import ScoredIndicator, flatten, month_end, score_tree

LIGHT_LABELS = {"green": "●", "amber": "◐", "red": "○", "none": "–"}


def months_back(until: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months ending with the month of `until`, oldest first."""
    year, month = until.year, until.month
    out = []
    for _i in range(count):
        out.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


@dataclass
class Row:
    """One indicator on the dashboard: its series, latest score and light, and its trend."""

    indicator: Indicator
    series: list[Decimal | None]
    scores: list[Decimal | None]
    latest: ScoredIndicator | None = None
    trend: str = "flat"


@dataclass
class Dashboard:
    """What the monitoring page and its export show."""

    months: list[datetime.date]
    rows: list[Row]
    totals: list[Decimal | None]
    centres: list[dict] = field(default_factory=list)


# The sources counting plan or contract tasks: on a unit's dashboard they count its tasks only.
PLAN_TASKS_SOURCE = "governance.plan_tasks_on_time"
CONTRACT_TASKS_SOURCE = "governance.contract_tasks_accepted"
TASK_SOURCES = {PLAN_TASKS_SOURCE, CONTRACT_TASKS_SOURCE}


def builder_units(base, user=None):
    """The units responsible for the base's contracts or plan tasks, by name.

    With `user`, only the units of the contracts and plan tasks that person may see.
    """
    from accounts.models import Organization
    from governance.models import Contract, PlanTask

    contracts, tasks = Contract.objects.all(), PlanTask.objects.all()
    if user is not None:
        contracts, tasks = contracts.restrict(user, "view"), tasks.restrict(user, "view")
    contracts = contracts.filter(base=base).values("builder")
    tasks = tasks.filter(plan__base=base).values("unit")
    return Organization.objects.filter(Q(pk__in=contracts) | Q(pk__in=tasks)).order_by("name")


def unit_of(base, pk, user=None):
    """One of the base's builder units (that `user` may see), or a GovernanceError."""
    try:
        unit = builder_units(base, user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        unit = None
    if unit is None:
        raise GovernanceError(_("This unit has no contract or plan task in this base."))
    return unit


def _subtree(indicators: list[Indicator], centre_id: int) -> list[Indicator]:
    return _with_ancestors(indicators, lambda i: i.centre_id == centre_id)


def _with_ancestors(indicators: list[Indicator], keep) -> list[Indicator]:
    parents = {i.pk: i.parent_id for i in indicators}
    ids = set()
    for i in indicators:
        if keep(i):
            pk = i.pk
            ids.add(pk)
            while parents.get(pk):
                pk = parents[pk]
                ids.add(pk)
    return [i for i in indicators if i.pk in ids]


def _trend(series: list[Decimal | None]) -> str:
    known = [v for v in series if v is not None]
    if len(known) < 2 or known[-1] == known[-2]:
        return "flat"
    return "up" if known[-1] > known[-2] else "down"


def _unit_centres(base, unit) -> set[int]:
    from governance.models import Contract, PlanTask

    centres = set(Contract.objects.filter(base=base, builder=unit).values_list("centre", flat=True))
    centres |= set(
        PlanTask.objects.filter(plan__base=base, unit=unit).values_list("centre", flat=True)
    )
    return {pk for pk in centres if pk}


def _unit_task_values(base, unit, indicators, periods, by_month) -> None:
    """Replace the task-counting indicators' values by the same counts over the unit's tasks.

    The rules are those of kpi_sources.plan_tasks_on_time and contract_tasks_accepted, applied
    to two queries' rows in memory so that a long series stays cheap.
    """
    from governance.models import ContractTask, PlanTask

    counted = [i for i in indicators if i.source in TASK_SOURCES]
    if not counted:
        return
    plan_rows = list(
        PlanTask.objects.filter(plan__base=base, unit=unit).values_list(
            "centre_id", "due_on", "completed_on"
        )
    )
    accepted = list(
        ContractTask.objects.filter(
            contract__base=base, contract__builder=unit, status="accepted"
        ).values_list("contract__centre_id", "accepted_on")
    )
    for period in periods:
        as_of = month_end(period)
        for i in counted:
            if i.source == PLAN_TASKS_SOURCE:
                due = [
                    row
                    for row in plan_rows
                    if row[1] <= as_of and (i.centre_id is None or row[0] == i.centre_id)
                ]
                done = sum(1 for _c, due_on, completed in due if completed and completed <= due_on)
                value = on_time_share(done, len(due))
            else:
                value = sum(
                    1
                    for centre_id, on in accepted
                    if on and on <= as_of and (i.centre_id is None or centre_id == i.centre_id)
                )
            by_month[period][i.pk] = KpiValue(
                indicator_id=i.pk, period=period, value=Decimal(value), computed=True
            )


def dashboard(base, *, until: datetime.date, months: int = 12, centre=None, unit=None) -> Dashboard:
    """The base's, one centre's or one builder unit's indicators over the months up to `until`.

    A unit's dashboard shows the indicators of the centres it builds or has plan tasks in, and
    the base-wide task indicators, whose values count that unit's tasks only.
    """
    periods = months_back(until, months)
    indicators = list(Indicator.objects.filter(base=base).select_related("centre").order_by("code"))
    if centre is not None:
        indicators = _subtree(indicators, centre.pk)
    if unit is not None:
        centres = _unit_centres(base, unit)
        indicators = _with_ancestors(
            indicators,
            lambda i: i.centre_id in centres or (i.centre_id is None and i.source in TASK_SOURCES),
        )
    by_month: dict[datetime.date, dict[int, KpiValue]] = {p: {} for p in periods}
    values = KpiValue.objects.filter(
        indicator__base=base, period__gte=periods[0], period__lte=periods[-1]
    ).only("indicator_id", "period", "value", "computed")
    for value in values:
        by_month[value.period][value.indicator_id] = value
    if unit is not None:
        _unit_task_values(base, unit, indicators, periods, by_month)
    series: dict[int, list] = {i.pk: [] for i in indicators}
    scores: dict[int, list] = {i.pk: [] for i in indicators}
    totals, latest = [], {}
    for period in periods:
        roots, total = score_tree(indicators, by_month[period])
        totals.append(total)
        for node in flatten(roots):
            series[node.indicator.pk].append(node.value.value if node.value else None)
            scores[node.indicator.pk].append(node.score)
            latest[node.indicator.pk] = node
    rows = []
    for i in indicators:
        values_known = any(v is not None for v in series[i.pk])
        trend = _trend(series[i.pk] if values_known else scores[i.pk])
        rows.append(Row(i, series[i.pk], scores[i.pk], latest.get(i.pk), trend))
    board = Dashboard(periods, rows, totals)
    if centre is None and unit is None:
        all_centres = {i.centre_id: i.centre for i in indicators if i.centre_id}
        for centre_id, body in sorted(all_centres.items(), key=lambda kv: kv[1].name):
            _roots, total = score_tree(_subtree(indicators, centre_id), by_month[periods[-1]])
            board.centres.append({"centre": body, "total": total})
    return board


def export_rows(board: Dashboard) -> tuple[list[Column], list[list]]:
    """The dashboard as a table: one row per indicator, one column per month."""
    columns = [
        Column(pgettext("governance", "Code"), 10),
        Column(_("Indicator"), 30),
        Column(_("Target"), 10),
        Column(pgettext("governance", "Unit of measure"), 8),
        Column(_("Latest score"), 10),
        Column(_("Light"), 8),
    ]
    columns += [Column(p.strftime("%Y-%m"), 10) for p in board.months]
    rows = []
    for row in board.rows:
        node = row.latest
        rows.append(
            [
                row.indicator.code,
                row.indicator.name,
                row.indicator.target,
                row.indicator.unit,
                node.score if node else None,
                _light_text(node.light if node else "none"),
                *row.series,
            ]
        )
    rows.append(
        [
            "",
            _("Weighted total"),
            "",
            "",
            board.totals[-1] if board.totals else None,
            "",
            *board.totals,
        ]
    )
    return columns, rows


def _light_text(light: str) -> str:
    return {"green": _("green"), "amber": _("amber"), "red": _("red")}.get(light, "")


def export_dashboard(board: Dashboard, fmt: str) -> bytes:
    """The dashboard as xlsx or CSV through the shared safe-cell writer."""
    columns, rows = export_rows(board)
    if fmt == "csv":
        return write_csv(columns, rows)
    return write_xlsx([Sheet(_("Monitoring"), rows, columns)])
