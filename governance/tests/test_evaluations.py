"""Evaluations: self-assessment, drawn panel, scores, aggregation, grade, rectification, dossier."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from governance import roles
from governance.exceptions import GovernanceError, GovernancePermissionError
from governance.models import KpiValue, Rectification
from governance.services import bases, evaluations, kpis
from governance.services.dossier import dossier_report
from governance.services.reports import render_docx
from governance.services.scoring import grade_of, mean_of, parse_thresholds
from governance.tests.conftest import pdf_file
from talent.models import ExpertDraw
from talent.services.draw_requests import export_record
from talent.services.draws import DrawImpossible, verify_draw
from workflows.exceptions import TransitionRefused
from workflows.services import transition

D = datetime.date


@pytest.mark.parametrize(
    ("score", "grade"),
    [("90", "excellent"), ("89.99", "good"), ("80", "good"), ("60", "pass"), ("59.99", "fail")],
)
def test_grade_thresholds_are_inclusive(score, grade):
    assert grade_of(Decimal(score), {"excellent": 90, "good": 80, "pass": 60}) == grade


def test_extremes_are_dropped_only_when_three_remain_to_drop_from():
    assert mean_of([Decimal(s) for s in ("50", "80", "82", "99")], True) == Decimal("81.00")
    assert mean_of([Decimal(s) for s in ("50", "99")], True) == Decimal("74.50")
    assert mean_of([Decimal(s) for s in ("50", "80", "82", "99")], False) == Decimal("77.75")
    with pytest.raises(GovernanceError):
        parse_thresholds({"excellent": 80, "good": 80, "pass": 60})


@pytest.fixture
def evaluation(gov, make_org, make_expert):
    office, base = gov["office"], gov["base"]
    kpis.add_indicator(base, code="1", name="建设任务", weight="70", actor=office)
    kpis.add_indicator(base, code="2", name="服务成效", weight="30", actor=office)
    experts = []
    for n in range(5):
        expert = make_expert(f"expert{n}", employer=f"高校{n}", name=f"专家{n}")
        # The committee role gives them the base's pages; the draw reads the expert database.
        bases.add_person(base, expert.user, roles.EXPERT_COMMITTEE, actor=office)
        experts.append(expert.user)
    # An expert employed by the evaluated builder unit: a party, kept out of the draw.
    insider = make_expert("insider", employer=gov["builder"].name)
    evaluation = evaluations.create_evaluation(
        base,
        kind="acceptance",
        title="验收评估",
        as_of=D(2028, 12, 31),
        panel_size=3,
        drop_extremes=True,
        actor=office,
    )
    return {"evaluation": evaluation, "experts": experts, "insider": insider}


def test_the_panel_is_drawn_by_the_talent_centre_without_the_evaluated_units_staff(gov, evaluation):
    ev = evaluation["evaluation"]
    draw = evaluations.draw_panel(ev, gov["office"])
    ev.refresh_from_db()
    # The talent draw has the evaluation as its object and is verifiable.
    assert ev.draw == draw and draw.state == "drawn" and draw.purpose == "acceptance"
    assert draw.object_type == "governance.evaluation"
    assert draw.object_ref == f"governance.evaluation:{ev.pk}" and draw.object_title == "验收评估"
    assert draw.party_orgs == [gov["builder"].name]
    assert evaluation["insider"].draw_id in export_record(draw)["excluded"]
    assert ev.draw_record["commitment"] == draw.commitment
    assert verify_draw(export_record(draw)).valid
    # The panel members are the experts the draw seated, in its order.
    seated = {i.expert.user_id: i.seat for i in draw.invitations.select_related("expert")}
    members = {m.expert_id: m.alternate for m in ev.panel.all()}
    assert members == {uid: seat == "alternate" for uid, seat in seated.items()}
    assert list(members.values()).count(False) == 3 and list(members.values()).count(True) == 1
    assert set(members) <= {u.pk for u in evaluation["experts"]}
    assert AuditEntry.objects.filter(action="governance.evaluation.panel_drawn").exists()
    with pytest.raises(GovernanceError):
        evaluations.draw_panel(ev, gov["office"])


def test_a_pool_too_small_draws_nothing(gov, evaluation):
    ev = evaluation["evaluation"]
    ev.panel_size = 6
    ev.save()
    with pytest.raises(DrawImpossible):
        evaluations.draw_panel(ev, gov["office"])
    assert not ev.panel.exists() and not ExpertDraw.objects.exists()


def test_a_pool_without_a_spare_draws_the_panel_without_alternate(gov, evaluation):
    ev = evaluation["evaluation"]
    ev.panel_size = 5
    ev.save()
    draw = evaluations.draw_panel(ev, gov["office"])
    assert draw.alternates == 0 and ev.panel.filter(alternate=False).count() == 5
    assert ExpertDraw.objects.count() == 1


def test_only_the_draw_right_runs_the_draw(gov, evaluation, make_user):
    """A base's own office staff (body role) manage the evaluation but need talent's right."""
    ev = evaluation["evaluation"]
    staff = make_user("staff")
    bases.add_person(gov["base"], staff, roles.OFFICE, actor=gov["office"])
    with pytest.raises(GovernancePermissionError):
        evaluations.draw_panel(ev, staff)
    assert not ev.panel.exists()


def _score_all(ev, sheet_scores):
    members = list(ev.panel.filter(alternate=False).select_related("expert"))
    sheet = evaluations.sheet(ev)
    for member, scores in zip(members, sheet_scores, strict=True):
        for indicator, score in zip(sheet, scores, strict=True):
            evaluations.record_score(ev, member.expert, indicator, score)
    return members


def test_scores_aggregate_to_a_grade_and_rectification_closes_the_evaluation(gov, evaluation):
    office, ev = gov["office"], evaluation["evaluation"]
    evaluations.save_self_assessment(ev, office)
    assert "验收评估" not in ev.self_assessment and "郑洛新" in ev.self_assessment
    evaluations.draw_panel(ev, office)
    transition(ev, "scoring", office, "")
    ev.refresh_from_db()
    outsider = gov["outsider"]
    with pytest.raises(GovernanceError):
        evaluations.record_score(ev, outsider, evaluations.sheet(ev)[0], 90)
    members = _score_all(ev, [(95, 70), (85, 80), ("60", 90)])
    with pytest.raises(GovernanceError):
        evaluations.record_score(ev, members[0].expert, evaluations.sheet(ev)[0], "101")
    # 1: 95, 85, 60 → extremes dropped → 85; 2: 70, 80, 90 → 80; total 85×.7 + 80×.3 = 83.5
    evaluations.grade_evaluation(ev, office)
    ev.refresh_from_db()
    assert ev.score == Decimal("83.50") and ev.grade == "good" and ev.state == "graded"
    finding = evaluations.add_finding(ev, office, "验证能力不足")
    task = evaluations.add_rectification(
        finding, office, title="补充验证设备", unit=gov["builder"], due_on=D(2029, 3, 31)
    )
    with pytest.raises(TransitionRefused):
        transition(ev, "closed", office, "")
    with pytest.raises(TransitionRefused):  # no evidence yet
        transition(task, "submitted", gov["worker"], "")
    evaluations.submit_rectification(task, gov["worker"], result="已购置", upload=pdf_file())
    with pytest.raises(TransitionRefused):  # the unit cannot close its own rectification
        transition(task, "closed", gov["worker"], "")
    transition(task, "closed", office, "")
    transition(ev, "closed", office, "")
    assert Rectification.objects.get(pk=task.pk).state == "closed"
    with pytest.raises(GovernanceError):  # a closed evaluation takes no new finding
        evaluations.add_finding(ev, office, "又一问题")
    with pytest.raises(GovernanceError):
        evaluations.add_rectification(
            finding, office, title="再次整改", unit=gov["builder"], due_on=D(2029, 3, 31)
        )
    assert finding.rectifications.count() == 1
    evaluations.record_opinion(ev, members[0].expert, "建设任务基本完成")
    report = dossier_report(ev)
    import docx

    document = docx.Document(io.BytesIO(render_docx(report)))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert {"验证能力不足", "补充验证设备", "83.50"} <= cells
    assert any("建设任务基本完成" in p.text for p in document.paragraphs)
    from core.pdf import render_pdf

    assert render_pdf(report).startswith(b"%PDF")


def test_grading_waits_for_every_score(gov, evaluation):
    office, ev = gov["office"], evaluation["evaluation"]
    evaluations.draw_panel(ev, office)
    transition(ev, "scoring", office, "")
    ev.refresh_from_db()
    member = ev.panel.filter(alternate=False).first()
    evaluations.record_score(ev, member.expert, evaluations.sheet(ev)[0], 90)
    with pytest.raises(GovernanceError) as error:
        evaluations.grade_evaluation(ev, office)
    assert "5" in error.value.message


def test_panels_drawn_kpi_counts_the_talent_centres_draws(gov, evaluation):
    office, ev = gov["office"], evaluation["evaluation"]
    indicator = kpis.add_indicator(
        ev.base, code="9", name="抽取专家组次数", target="4", source="talent.panels_drawn",
        actor=office,
    )  # fmt: skip
    today = timezone.localdate()
    kpis.compute_values(ev.base, today)
    assert KpiValue.objects.get(indicator=indicator).value == 0
    evaluations.draw_panel(ev, office)
    kpis.compute_values(ev.base, today)
    value = KpiValue.objects.get(indicator=indicator, period=today.replace(day=1))
    ev.refresh_from_db()
    assert value.computed and value.value == 1
    assert value.records == [{"label": str(ev.draw), "url": f"/talent/experts/draws/{ev.draw.pk}/"}]


def test_panels_drawn_kpi_counts_only_the_draws_of_its_scope(gov, evaluation):
    from bodies.services import create_body
    from development.models import Project

    office, ev, centre = gov["office"], evaluation["evaluation"], gov["centre"]
    base = ev.base
    whole = kpis.add_indicator(
        base, code="9", name="抽取专家组次数", target="4", source="talent.panels_drawn",
        actor=office,
    )  # fmt: skip
    mine = kpis.add_indicator(
        base, code="8", name="中心抽取次数", target="2", source="talent.panels_drawn",
        centre=centre, actor=office,
    )  # fmt: skip
    evaluations.draw_panel(ev, office)  # the base's own evaluation
    inside = create_body(kind="alliance", name="基地内联盟", parent=centre, actor=office)
    outside = create_body(kind="alliance", name="基地外联盟", actor=office)
    Project.objects.create(body=inside, number="IN-1", title="基地内项目")
    Project.objects.create(body=outside, number="OUT-1", title="基地外项目")
    other_base = bases.create_base(code="else", name="另一基地", actor=office)
    other_ev = evaluations.create_evaluation(
        other_base, kind="midterm", title="他处中期评估", as_of=D(2026, 6, 30), actor=office
    )
    now = timezone.now()
    for object_type, ref in (
        ("project", "IN-1"),  # a project of an alliance under the centre: counted
        ("project", "OUT-1"),  # a project of a body outside the base
        ("project", "NOWHERE-7"),  # a project no body in scope has
        ("governance.evaluation", f"governance.evaluation:{other_ev.pk}"),  # another base's
        ("other", "IN-1"),  # the same reference for another kind of object
    ):
        ExpertDraw.objects.create(
            purpose="review", object_type=object_type, object_ref=ref, object_title=ref,
            need=3, operator=office, state="drawn", drawn_at=now,
        )  # fmt: skip
    ExpertDraw.objects.create(  # not drawn (yet): never counted
        purpose="review", object_type="project", object_ref="IN-1", object_title="待抽取",
        need=3, operator=office,
    )  # fmt: skip
    today = timezone.localdate()
    kpis.compute_values(base, today)
    period = today.replace(day=1)
    ev.refresh_from_db()
    counted = KpiValue.objects.get(indicator=whole, period=period)
    assert counted.value == 2
    in_project = ExpertDraw.objects.get(object_ref="IN-1", object_type="project", state="drawn")
    assert {r["url"] for r in counted.records} == {
        f"/talent/experts/draws/{ev.draw.pk}/",
        f"/talent/experts/draws/{in_project.pk}/",
    }
    # The centre's indicator counts its projects' panels, not the base's evaluation.
    assert KpiValue.objects.get(indicator=mine, period=period).value == 1
    # Before the draws' day nothing is counted.
    from governance.sources import measure

    assert measure(whole, today - datetime.timedelta(days=1)).value == 0
    assert measure(whole, today).value == 2
