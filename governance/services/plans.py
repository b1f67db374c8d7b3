"""Annual plans: tasks with responsible units, progress with evidence, overdue warnings."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import log_action
from governance.exceptions import GovernanceError
from governance.models import AnnualPlan, PlanTask, ProgressReport, ReportingPeriod
from governance.services.access import is_unit_member, may, require
from governance.services.funding import _percent

OVERDUE_EVENT = "governance.task_overdue"
LATE_REPORT_EVENT = "governance.report_missing"


def register_events() -> None:
    """Declare the notification the overdue warning sends."""
    from notifications.registry import EventType, register_event_type

    register_event_type(
        EventType(
            OVERDUE_EVENT, gettext_lazy("Plan tasks overdue"), default_channels=frozenset({"email"})
        )
    )
    register_event_type(
        EventType(
            LATE_REPORT_EVENT,
            gettext_lazy("Progress reports missing"),
            default_channels=frozenset({"email"}),
        )
    )


def create_plan(
    base,
    *,
    year: int,
    title: str,
    targets: str = "",
    reporting: str = ReportingPeriod.MONTHLY,
    actor,
    request=None,
) -> AnnualPlan:
    """Draw up the annual work plan of a year, its units reporting monthly or quarterly."""
    require(actor, "add_annualplan", base)
    reporting = reporting or ReportingPeriod.MONTHLY
    if reporting not in ReportingPeriod.values:
        raise GovernanceError(_("Progress is reported monthly or quarterly."))
    if AnnualPlan.objects.filter(base=base, year=year).exists():
        raise GovernanceError(
            _("%(base)s already has a plan for %(year)d.") % {"base": base, "year": year}
        )
    with transaction.atomic():
        plan = AnnualPlan.objects.create(
            base=base,
            year=year,
            title=title.strip(),
            targets=targets.strip(),
            reporting=reporting,
            created_by=actor,
        )
        log_action(
            "governance.plan.created",
            actor=actor,
            obj=plan,
            after={"year": year, "title": plan.title, "reporting": reporting},
            request=request,
        )
    return plan


def add_plan_task(
    plan: AnnualPlan,
    *,
    title: str,
    unit,
    starts_on,
    due_on,
    centre=None,
    contract_task=None,
    actor,
    request=None,
) -> PlanTask:
    """Add a task of the year with its responsible unit and dates."""
    require(actor, "add_plantask", plan.base)
    if plan.state == "closed":
        raise GovernanceError(_("The plan is closed."))
    if due_on < starts_on:
        raise GovernanceError(_("A task is due after it starts."))
    if due_on.year != plan.year and starts_on.year != plan.year:
        raise GovernanceError(
            _("A task of the %(year)d plan falls within %(year)d.") % {"year": plan.year}
        )
    if not (title or "").strip():
        raise GovernanceError(_("Describe the task."))
    if centre is not None and centre.parent_id != plan.base.body_id:
        raise GovernanceError(_("The centre does not belong to %(base)s.") % {"base": plan.base})
    with transaction.atomic():
        task = PlanTask.objects.create(
            plan=plan,
            title=title.strip(),
            unit=unit,
            centre=centre,
            starts_on=starts_on,
            due_on=due_on,
            contract_task=contract_task,
        )
        log_action(
            "governance.plan.task_added",
            actor=actor,
            obj=plan,
            after={"task": task.title, "unit": str(unit), "due_on": due_on.isoformat()},
            request=request,
        )
    return task


def period_start(plan: AnnualPlan, day: datetime.date) -> datetime.date:
    """The first day of the reporting period (month, or quarter) holding the day."""
    if plan.reporting == ReportingPeriod.QUARTERLY:
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return day.replace(day=1)


def _next_period(plan: AnnualPlan, start: datetime.date) -> datetime.date:
    step = 3 if plan.reporting == ReportingPeriod.QUARTERLY else 1
    month = start.month - 1 + step
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def period_label(plan: AnnualPlan, start: datetime.date) -> str:
    """ "2026-03" for a month, "2026 Q1" for a quarter."""
    if plan.reporting == ReportingPeriod.QUARTERLY:
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return f"{start:%Y-%m}"


def report_periods(task: PlanTask, today: datetime.date) -> list[tuple[datetime.date, str]]:
    """The periods a unit may report on, from the task's start up to today's, newest first."""
    plan = task.plan
    start, last = period_start(plan, task.starts_on), period_start(plan, today)
    out = []
    while start <= last:
        out.append((start, period_label(plan, start)))
        start = _next_period(plan, start)
    return out[::-1]


def late_report(task: PlanTask, today: datetime.date, reported: set | None = None):
    """The last closed period the open task was running in and has no report for, or None.

    `reported` is the set of the task's reported periods when the caller already has them.
    """
    if task.completed_on or task.plan.state != "approved":
        return None
    plan = task.plan
    current = period_start(plan, today)
    previous = period_start(plan, current - datetime.timedelta(days=1))
    if task.starts_on >= current or task.due_on < previous:
        return None
    if reported is None:
        reported = set(task.reports.values_list("period", flat=True))
    return None if previous in reported else previous


def may_report(user, task: PlanTask) -> bool:
    """The responsible unit's members and the office report progress on a task."""
    return is_unit_member(user, task.unit) or may(user, "change_plantask", task.plan.base)


def report_progress(
    task: PlanTask,
    user,
    *,
    period: datetime.date,
    percent,
    text: str,
    evidence=None,
    upload=None,
    request=None,
) -> ProgressReport:
    """Report a task's progress for a month (or quarter) with evidence; 100 % completes it."""
    if not may_report(user, task):
        raise GovernanceError(_("Only the responsible unit reports on this task."))
    if task.plan.state != "approved":
        raise GovernanceError(_("Progress is reported on an approved plan."))
    done = _percent(percent, _("The progress"))
    if not (text or "").strip():
        raise GovernanceError(_("Say what was done."))
    if done >= 100 and evidence is None and upload is None:
        raise GovernanceError(_("A finished task needs its evidence."))
    period = period_start(task.plan, period)
    with transaction.atomic():
        if upload is not None:
            from governance.services.documents import store_document

            evidence = store_document(
                task.plan.base, upload, kind="evidence", user=user, unit=task.unit, request=request
            )
        report = ProgressReport.objects.create(
            task=task,
            period=period,
            percent=done,
            text=text.strip(),
            evidence=evidence,
            reported_by=user,
        )
        task.progress = done
        task.completed_on = timezone.localdate() if done >= 100 else None
        task.save(update_fields=["progress", "completed_on"])
        log_action(
            "governance.plan.progress_reported",
            actor=user,
            obj=task,
            after={
                "period": period.isoformat(),
                "percent": str(done),
                "evidence": getattr(evidence, "pk", None),
            },
            request=request,
        )
    return report


def expected_progress(task: PlanTask, today: datetime.date) -> Decimal:
    """Where a task should be by now if the work were spread evenly between its dates."""
    if today >= task.due_on:
        return Decimal(100)
    if today <= task.starts_on:
        return Decimal(0)
    span = (task.due_on - task.starts_on).days or 1
    return (Decimal((today - task.starts_on).days) * 100 / span).quantize(Decimal("0.1"))


def _unit_members(tasks) -> dict[int, list[int]]:
    """The user ids of each responsible unit of the tasks, in one query."""
    from accounts.models import Membership

    members: dict[int, list[int]] = {}
    rows = Membership.objects.filter(organization__in={t.unit_id for t in tasks})
    for unit_id, user_id in rows.values_list("organization_id", "user_id"):
        members.setdefault(unit_id, []).append(user_id)
    return members


def warn_overdue(today: datetime.date | None = None) -> int:
    """Warn the responsible units (and the base office) of tasks past due; once a week each."""
    from notifications.services import Message, notify

    today = today or timezone.localdate()
    week_ago = today - datetime.timedelta(days=7)
    tasks = list(
        PlanTask.objects.overdue(today)
        .filter(plan__state="approved")
        .exclude(warned_on__gt=week_ago)
        .select_related("plan__base", "unit")
    )
    members = _unit_members(tasks)
    warned = 0
    for task in tasks:
        people = members.get(task.unit_id, [])
        days = (today - task.due_on).days
        message = Message(
            _("Overdue: %(task)s") % {"task": task.title},
            _("%(unit)s: the task was due on %(date)s (%(days)d days ago), progress %(p)s%%.")
            % {"unit": task.unit, "date": task.due_on, "days": days, "p": task.progress},
            task.get_absolute_url(),
        )
        with transaction.atomic():
            notify(
                OVERDUE_EVENT,
                people,
                task,
                message,
                data={"task": task.pk},
                dedupe_key=f"governance-overdue:{task.pk}:{today.isoformat()}",
            )
            PlanTask.objects.filter(pk=task.pk).update(warned_on=today)
            log_action(
                "governance.plan.overdue_warned",
                actor=None,
                obj=task,
                after={"days": days, "recipients": len(people)},
            )
        warned += 1
    return warned


def _reported_periods(reports) -> dict[int, set]:
    """The periods each task has a progress report on, from one query of `reports`."""
    reported: dict[int, set] = {}
    for task_id, period in reports.values_list("task_id", "period"):
        reported.setdefault(task_id, set()).add(period)
    return reported


def warn_late_reports(today: datetime.date | None = None) -> int:
    """Remind the units of open tasks without a report on the last closed period, once a period.

    The period follows the plan: last month on a monthly plan, last quarter on a quarterly one.
    """
    from notifications.services import Message, notify

    today = today or timezone.localdate()
    tasks = PlanTask.objects.filter(
        plan__state="approved", completed_on__isnull=True, starts_on__lte=today
    ).select_related("plan__base", "unit")
    reported = _reported_periods(ProgressReport.objects.filter(task__in=tasks))
    late = [
        (task, missing)
        for task in tasks
        if (missing := late_report(task, today, reported.get(task.pk, set()))) is not None
    ]
    members = _unit_members([task for task, _missing in late])
    warned = 0
    for task, missing in late:
        label = period_label(task.plan, missing)
        people = members.get(task.unit_id, [])
        message = Message(
            _("Progress report missing: %(task)s") % {"task": task.title},
            _("%(unit)s: no progress report on the task for %(period)s.")
            % {"unit": task.unit, "period": label},
            task.get_absolute_url(),
        )
        with transaction.atomic():
            sent = notify(
                LATE_REPORT_EVENT,
                people,
                task,
                message,
                data={"task": task.pk, "period": missing.isoformat()},
                dedupe_key=f"governance-report-missing:{task.pk}:{missing.isoformat()}",
            )
            if sent:
                log_action(
                    "governance.plan.report_missing_warned",
                    actor=None,
                    obj=task,
                    after={"period": missing.isoformat(), "recipients": len(people)},
                )
        warned += bool(sent)
    return warned


def plan_summary(plan: AnnualPlan, today: datetime.date | None = None) -> dict:
    """Counts for the plan page and the bulletin: done, on track, behind, overdue, by unit."""
    today = today or timezone.localdate()
    rows = []
    counts = {"done": 0, "on_track": 0, "behind": 0, "overdue": 0}
    by_unit: dict[str, dict] = {}
    reported = _reported_periods(ProgressReport.objects.filter(task__plan=plan))
    late_reports = 0
    for task in plan.tasks.select_related("unit", "centre"):
        task.plan = plan
        missing = late_report(task, today, reported.get(task.pk, set()))
        late_reports += missing is not None
        if task.completed_on:
            status = "done"
        elif task.due_on < today:
            status = "overdue"
        elif task.progress + 10 < expected_progress(task, today):
            status = "behind"
        else:
            status = "on_track"
        counts[status] += 1
        unit = by_unit.setdefault(
            task.unit.name,
            {"unit": task.unit.name, "done": 0, "on_track": 0, "behind": 0, "overdue": 0},
        )
        unit[status] += 1
        rows.append(
            {
                "task": task,
                "status": status,
                "expected": expected_progress(task, today),
                "late_report": period_label(plan, missing) if missing else "",
            }
        )
    return {
        "rows": rows,
        "counts": counts,
        "late_reports": late_reports,
        "reporting": plan.get_reporting_display(),
        "units": sorted(by_unit.values(), key=lambda u: u["unit"]),
        "today": today,
        "total": len(rows),
    }


#: How the plan page may sort its tasks; a leading "-" reverses the order.
TASK_SORTS = ("due", "title", "unit", "progress", "status")
TASK_STATUSES = ("done", "on_track", "behind", "overdue")


def _sort_key(key: str):
    return {
        "due": lambda r: (r["task"].due_on, r["task"].pk),
        "title": lambda r: (r["task"].title, r["task"].pk),
        "unit": lambda r: (r["task"].unit.name, r["task"].due_on, r["task"].pk),
        "progress": lambda r: (r["task"].progress, r["task"].due_on, r["task"].pk),
        "status": lambda r: (TASK_STATUSES.index(r["status"]), r["task"].due_on, r["task"].pk),
    }[key]


def select_task_rows(rows: list[dict], *, status: str = "", unit=None, sort: str = "due") -> list:
    """The plan summary's task rows with one status and one unit, in the order asked for."""
    if status:
        rows = [r for r in rows if r["status"] == status]
    if unit is not None:
        rows = [r for r in rows if r["task"].unit_id == unit]
    key = sort.lstrip("-")
    return sorted(rows, key=_sort_key(key if key in TASK_SORTS else "due"), reverse=sort[:1] == "-")
