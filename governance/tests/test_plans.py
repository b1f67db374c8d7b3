"""Annual plans: tasks, progress with evidence, overdue warnings and the bulletin."""

import datetime
import io
from decimal import Decimal

import pytest

from governance.exceptions import GovernanceError
from governance.models import PlanTask
from governance.services import plans
from governance.services.documents import store_document
from governance.services.reports import bulletin_report, render_docx
from governance.tests.conftest import pdf_file
from workflows.services import transition

D = datetime.date


@pytest.fixture
def plan(gov):
    office = gov["office"]
    plan = plans.create_plan(gov["base"], year=2026, title="年度工作计划", actor=office)
    a = plans.add_plan_task(
        plan,
        title="发布团体标准5项",
        unit=gov["builder"],
        centre=gov["centre"],
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 3, 31),
        actor=office,
    )
    b = plans.add_plan_task(
        plan,
        title="开展验证10项",
        unit=gov["builder"],
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 12, 31),
        actor=office,
    )
    transition(plan, "approved", office, "")
    plan.refresh_from_db()
    return plan, a, b


def test_unit_reports_progress_and_finishing_needs_evidence(gov, plan):
    _plan, a, _b = plan
    worker = gov["worker"]
    with pytest.raises(GovernanceError):
        plans.report_progress(a, gov["outsider"], period=D(2026, 2, 1), percent=30, text="x")
    plans.report_progress(a, worker, period=D(2026, 2, 9), percent=40, text="完成3项立项")
    with pytest.raises(GovernanceError):
        plans.report_progress(a, worker, period=D(2026, 3, 1), percent=100, text="完成")
    evidence = store_document(gov["base"], pdf_file(), kind="evidence", user=worker, unit=a.unit)
    report = plans.report_progress(
        a, worker, period=D(2026, 3, 20), percent=100, text="完成", evidence=evidence
    )
    a.refresh_from_db()
    assert report.period == D(2026, 3, 1) and a.progress == Decimal("100.0") and a.completed_on
    assert list(PlanTask.objects.restrict(worker, "view").order_by("pk")) == [a, _b]


def test_task_dates_are_checked(gov, plan):
    p, _a, _b = plan
    with pytest.raises(GovernanceError):
        plans.add_plan_task(
            p,
            title="x",
            unit=gov["builder"],
            starts_on=D(2026, 5, 1),
            due_on=D(2026, 4, 1),
            actor=gov["office"],
        )
    with pytest.raises(GovernanceError):
        plans.add_plan_task(
            p,
            title="x",
            unit=gov["builder"],
            starts_on=D(2025, 1, 1),
            due_on=D(2025, 4, 1),
            actor=gov["office"],
        )


def test_overdue_warning_reaches_the_unit_once_a_week(gov, plan):
    from notifications.models import Notification

    _p, a, b = plan
    assert plans.warn_overdue(D(2026, 4, 10)) == 1  # only a is past due
    note = Notification.objects.get(recipient=gov["worker"])
    assert "发布团体标准5项" in note.title
    assert plans.warn_overdue(D(2026, 4, 12)) == 0  # warned two days ago
    assert plans.warn_overdue(D(2026, 4, 18)) == 1  # a week later, again
    b.refresh_from_db()
    assert b.warned_on is None


def test_bulletin_counts_tasks_and_renders_docx_and_pdf(gov, plan):
    import docx

    from core.pdf import render_pdf

    p, a, b = plan
    plans.report_progress(b, gov["worker"], period=D(2026, 6, 1), percent=10, text="启动")
    summary = plans.plan_summary(p, D(2026, 7, 1))
    assert summary["counts"] == {"done": 0, "on_track": 0, "behind": 1, "overdue": 1}
    report = bulletin_report(p, summary)
    text = "\n".join(par.text for par in docx.Document(io.BytesIO(render_docx(report))).paragraphs)
    assert "工作进度通报" in text
    cells = [
        c.text
        for t in docx.Document(io.BytesIO(render_docx(report))).tables
        for r in t.rows
        for c in r.cells
    ]
    assert "发布团体标准5项" in cells and "河南省计量测试科学研究院" in cells
    assert render_pdf(report).startswith(b"%PDF")


def test_a_quarterly_plan_reports_per_quarter_and_warns_of_a_missing_report(gov):
    from governance.models import ReportingPeriod

    office, worker = gov["office"], gov["worker"]
    with pytest.raises(GovernanceError):
        plans.create_plan(gov["base"], year=2027, title="x", reporting="weekly", actor=office)
    plan = plans.create_plan(
        gov["base"], year=2026, title="年度工作计划", reporting="quarterly", actor=office
    )
    assert plan.reporting == ReportingPeriod.QUARTERLY
    task = plans.add_plan_task(
        plan,
        title="开展验证10项",
        unit=gov["builder"],
        starts_on=D(2026, 2, 1),
        due_on=D(2026, 12, 31),
        actor=office,
    )
    transition(plan, "approved", office, "")
    task.refresh_from_db()
    assert plans.report_periods(task, D(2026, 5, 10)) == [
        (D(2026, 4, 1), "2026 Q2"),
        (D(2026, 1, 1), "2026 Q1"),
    ]
    # Q1 is closed on 10 May and has no report: the plan page's summary flags it.
    row = plans.plan_summary(task.plan, D(2026, 5, 10))["rows"][0]
    assert row["late_report"] == "2026 Q1"
    assert plans.plan_summary(task.plan, D(2026, 3, 10))["late_reports"] == 0  # Q1 still open
    report = plans.report_progress(task, worker, period=D(2026, 3, 15), percent=20, text="立项")
    assert report.period == D(2026, 1, 1)
    summary = plans.plan_summary(task.plan, D(2026, 5, 10))
    assert summary["late_reports"] == 0 and summary["rows"][0]["late_report"] == ""
    assert plans.plan_summary(task.plan, D(2026, 7, 2))["rows"][0]["late_report"] == "2026 Q2"


def test_a_monthly_plan_is_the_default_and_wants_last_months_report(gov, plan):
    _plan, _a, b = plan
    assert _plan.reporting == "monthly"
    assert plans.late_report(b, D(2026, 5, 10)) == D(2026, 4, 1)
    plans.report_progress(b, gov["worker"], period=D(2026, 4, 30), percent=30, text="进展")
    assert plans.late_report(b, D(2026, 5, 10)) is None
    assert plans.report_periods(b, D(2026, 2, 3)) == [
        (D(2026, 2, 1), "2026-02"),
        (D(2026, 1, 1), "2026-01"),
    ]


def test_the_plan_and_task_pages_follow_the_reporting_period(gov):
    from django.test import Client

    from accounts.tests.conftest import PASSWORD
    from governance.models import AnnualPlan

    office = Client()
    assert office.login(username=gov["office"].username, password=PASSWORD)
    base = gov["base"]
    response = office.post(
        f"/governance/bases/{base.pk}/plans/new/",
        {"year": "2026", "title": "季度计划", "reporting": "quarterly"},
    )
    assert response.status_code == 302
    plan = AnnualPlan.objects.get(base=base, year=2026)
    assert plan.reporting == "quarterly"
    task = plans.add_plan_task(
        plan,
        title="季度任务",
        unit=gov["builder"],
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 12, 31),
        actor=gov["office"],
    )
    transition(plan, "approved", gov["office"], "")
    page = office.get(f"/governance/tasks/{task.pk}/").content.decode()
    assert 'value="2026-01-01">2026 Q1</option>' in page
    office.post(
        f"/governance/tasks/{task.pk}/report/",
        {"period": "2026-02-01", "percent": "10", "text": "开工"},
    )
    assert task.reports.get().period == D(2026, 1, 1)
    assert "2026 Q1" in office.get(f"/governance/tasks/{task.pk}/").content.decode()


def test_missing_reports_are_warned_once_per_period_following_the_plan(gov, plan):
    from notifications.models import Notification

    _p, a, b = plan  # monthly; a is due 31 March, b runs the year
    assert plans.warn_late_reports(D(2026, 2, 10)) == 2  # nothing reported for January
    assert plans.warn_late_reports(D(2026, 2, 20)) == 0  # January already warned
    titles = set(
        Notification.objects.filter(recipient=gov["worker"]).values_list("title", flat=True)
    )
    assert {t for t in titles if "发布团体标准5项" in t or "开展验证10项" in t} and len(titles) == 2
    plans.report_progress(b, gov["worker"], period=D(2026, 2, 1), percent=10, text="进展")
    assert plans.warn_late_reports(D(2026, 3, 5)) == 1  # February: only a is missing
    quarterly = plans.create_plan(
        gov["base"], year=2027, title="季度计划", reporting="quarterly", actor=gov["office"]
    )
    plans.add_plan_task(
        quarterly,
        title="季度任务",
        unit=gov["builder"],
        starts_on=D(2027, 1, 1),
        due_on=D(2027, 12, 31),
        actor=gov["office"],
    )
    transition(quarterly, "approved", gov["office"], "")
    before = Notification.objects.count()
    plans.warn_late_reports(D(2027, 2, 10))  # Q1 of 2027 still open: nothing for it
    assert not Notification.objects.filter(pk__gt=0, title__contains="季度任务").exists()
    assert plans.warn_late_reports(D(2027, 4, 2)) >= 1
    assert Notification.objects.filter(title__contains="季度任务").count() == 1
    assert Notification.objects.count() > before
