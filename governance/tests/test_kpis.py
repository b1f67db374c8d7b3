"""KPIs computed from the platform, checked against the records they count; scores and totals."""

import datetime
from decimal import Decimal

import pytest

from audit.models import AuditEntry
from bodies.services import create_body
from catalog.models import Status
from catalog.tests.factories import StandardFactory
from governance.exceptions import GovernanceError
from governance.models import KpiValue, PlanTask
from governance.services import kpis, plans
from governance.tests.conftest import pdf_file
from workflows.services import transition

D = datetime.date


@pytest.fixture
def records(gov):
    """Published and unpublished alliance projects, a conformity report, current standards."""
    from development.models import Project
    from verification.models.conformity import ConformityTest

    office, centre = gov["office"], gov["centre"]
    alliance = create_body(
        kind="alliance", name="智能装备产业标准创新联盟", parent=centre, actor=office
    )
    elsewhere = create_body(kind="alliance", name="基地外联盟", actor=office)
    mk = Project.objects.create
    mk(body=alliance, number="P1", title="一", published_on=D(2026, 2, 10))
    mk(body=alliance, number="P2", title="二", published_on=D(2026, 5, 3))
    mk(body=alliance, number="P3", title="三")  # not yet published
    mk(body=elsewhere, number="P4", title="外", published_on=D(2026, 1, 5))  # outside the base
    vc = create_body(kind="verification_centre", name="验证分中心", parent=centre, actor=office)
    standard = StandardFactory(designation="GB/T 1-2020", status=Status.CURRENT)
    StandardFactory(designation="GB/T 2-2000", status=Status.WITHDRAWN)
    for n, (state, tested) in enumerate(
        [("reported", D(2026, 3, 1)), ("draft", D(2026, 3, 2)), ("reported", D(2026, 7, 1))]
    ):
        ConformityTest.objects.create(
            standard=standard,
            centre=vc,
            product=f"样品{n}",
            tested_on=tested,
            state=state,
            report_number=f"R{n}",
            created_by=office,
        )
    return {"alliance": alliance, "standard": standard}


@pytest.fixture
def tree(gov, records):
    office, base = gov["office"], gov["base"]
    l1 = kpis.add_indicator(base, code="1", name="标准研制", weight="60", actor=office)
    l2 = kpis.add_indicator(base, code="1.1", name="团体标准", parent=l1, actor=office)
    published = kpis.add_indicator(
        base,
        code="1.1.1",
        name="发布团体标准",
        parent=l2,
        target="4",
        source="development.group_standards",
        actor=office,
    )
    reports = kpis.add_indicator(
        base,
        code="1.1.2",
        name="验证报告",
        parent=l2,
        target="2",
        weight="1",
        source="verification.conformity_reports",
        actor=office,
    )
    l1b = kpis.add_indicator(base, code="2", name="服务", weight="40", actor=office)
    manual = kpis.add_indicator(
        base, code="2.1", name="服务企业数", parent=l1b, target="100", actor=office
    )
    catalogue = kpis.add_indicator(
        base,
        code="2.2",
        name="标准库规模",
        parent=l1b,
        target="1",
        source="catalog.current_standards",
        actor=office,
    )
    return {
        "published": published,
        "reports": reports,
        "manual": manual,
        "catalogue": catalogue,
        "l1": l1,
        "l1b": l1b,
    }


def test_computed_values_count_the_records_in_scope_up_to_the_month(gov, tree):
    kpis.compute_values(gov["base"], D(2026, 6, 30), actor=gov["office"])
    value = KpiValue.objects.get(indicator=tree["published"], period=D(2026, 6, 1))
    assert value.value == 2 and value.computed  # P1, P2; not P3 (unpublished), not P4 (outside)
    assert {r["label"].split()[0] for r in value.records} == {"P1", "P2"}
    assert "2026-06-30" in value.method
    reports = KpiValue.objects.get(indicator=tree["reports"], period=D(2026, 6, 1))
    assert reports.value == 1  # reported by June; the draft and the July report are not
    assert KpiValue.objects.get(indicator=tree["catalogue"]).value == 1  # withdrawn not counted
    kpis.compute_values(gov["base"], D(2026, 3, 31))
    march = KpiValue.objects.get(indicator=tree["published"], period=D(2026, 3, 1))
    assert march.value == 1
    assert AuditEntry.objects.filter(action="governance.kpi.computed").count() == 2


def test_a_centre_indicator_counts_only_beneath_its_centre(gov, records):
    office, base = gov["office"], gov["base"]
    other = create_body(kind="centre", name="协作创新中心", parent=base.body, actor=office)
    here = kpis.add_indicator(
        base,
        code="9",
        name="本中心",
        source="development.group_standards",
        centre=gov["centre"],
        actor=office,
    )
    there = kpis.add_indicator(
        base,
        code="8",
        name="他中心",
        source="development.group_standards",
        centre=other,
        actor=office,
    )
    kpis.compute_values(base, D(2026, 12, 31))
    assert KpiValue.objects.get(indicator=here).value == 2
    assert KpiValue.objects.get(indicator=there).value == 0


def test_manual_values_need_evidence_and_computed_ones_cannot_be_typed(gov, tree):
    office = gov["office"]
    with pytest.raises(GovernanceError):
        kpis.enter_value(tree["manual"], period=D(2026, 6, 1), value="80", note="台账", user=office)
    with pytest.raises(GovernanceError):
        kpis.enter_value(
            tree["published"],
            period=D(2026, 6, 1),
            value="9",
            note="x",
            user=office,
            upload=pdf_file(),
        )
    with pytest.raises(GovernanceError):
        kpis.enter_value(
            tree["manual"],
            period=D(2026, 6, 1),
            value="很多",
            note="台账",
            user=office,
            upload=pdf_file(),
        )
    value = kpis.enter_value(
        tree["manual"],
        period=D(2026, 6, 9),
        value="80",
        note="服务台账",
        user=office,
        upload=pdf_file("台账.pdf"),
    )
    assert value.period == D(2026, 6, 1) and not value.computed and value.evidence
    with pytest.raises(GovernanceError):
        kpis.enter_value(
            tree["manual"],
            period=D(2026, 6, 1),
            value="80",
            note="x",
            user=gov["outsider"],
            upload=pdf_file(),
        )


def test_scores_are_capped_and_weighted_up_the_tree(gov, tree):
    base, office = gov["base"], gov["office"]
    kpis.compute_values(base, D(2026, 6, 30))
    kpis.enter_value(
        tree["manual"],
        period=D(2026, 6, 1),
        value="50",
        note="台账",
        user=office,
        upload=pdf_file(),
    )
    roots, total = kpis.scores_at(base, D(2026, 6, 1))
    nodes = {n.indicator.code: n for n in kpis.flatten(roots)}
    assert nodes["1.1.1"].score == Decimal("50.00") and nodes["1.1.1"].light == "red"
    assert nodes["1.1.2"].score == Decimal("50.00")
    assert nodes["2.2"].score == Decimal("100.00") and nodes["2.2"].light == "green"
    assert nodes["2.1"].score == Decimal("50.00")
    assert nodes["1"].score == Decimal("50.00") and nodes["2"].score == Decimal("75.00")
    assert total == Decimal("60.00")  # (50×60 + 75×40) / 100


def test_plan_tasks_on_time_counts_the_tasks_it_names(gov):
    office, base = gov["office"], gov["base"]
    plan = plans.create_plan(base, year=2026, title="计划", actor=office)
    for n, due in enumerate([D(2026, 2, 1), D(2026, 3, 1), D(2026, 9, 1)]):
        plans.add_plan_task(
            plan,
            title=f"任务{n}",
            unit=gov["builder"],
            starts_on=D(2026, 1, 1),
            due_on=due,
            actor=office,
        )
    transition(plan, "approved", office, "")
    first = plan.tasks.order_by("due_on").first()
    PlanTask.objects.filter(pk=first.pk).update(completed_on=D(2026, 1, 20))
    indicator = kpis.add_indicator(
        base,
        code="3",
        name="按期完成率",
        target="90",
        source="governance.plan_tasks_on_time",
        actor=office,
    )
    kpis.compute_values(base, D(2026, 6, 30))
    value = KpiValue.objects.get(indicator=indicator)
    assert value.value == Decimal("50.0")  # 1 of the 2 due by June
    assert [r["label"].split()[0] for r in value.records] == ["任务1"]


def test_a_tree_has_three_levels_and_known_sources(gov, tree):
    base, office = gov["base"], gov["office"]
    with pytest.raises(GovernanceError):
        kpis.add_indicator(base, code="1.1.1.1", name="x", parent=tree["published"], actor=office)
    with pytest.raises(GovernanceError):
        kpis.add_indicator(base, code="7", name="x", source="nowhere", actor=office)
    with pytest.raises(GovernanceError):
        kpis.add_indicator(base, code="7", name="x", weight="0", actor=office)
