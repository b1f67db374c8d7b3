"""The whole path over HTTP: contract → plan tasks → progress → KPI → evaluation → dossier."""

import datetime

from django.test import Client

from accounts.tests.conftest import PASSWORD
from governance import roles
from governance.models import Contract, Evaluation, KpiValue, PlanTask, Rectification
from governance.services import bases
from governance.tests.conftest import pdf_file

D = datetime.date


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def panel_experts(gov, make_expert, count: int = 3) -> list:
    """Approved experts of the talent database, on the base's expert committee."""
    people = []
    for n in range(count):
        expert = make_expert(f"panel{n}", employer=f"高校{n}")
        bases.add_person(gov["base"], expert.user, roles.EXPERT_COMMITTEE, actor=gov["office"])
        people.append(expert.user)
    return people


def walk_whole_path(gov, make_expert) -> dict:
    """The office and the builder unit walk the path over HTTP; returns what they made."""
    office, worker, base = _client(gov["office"]), _client(gov["worker"]), gov["base"]
    year = datetime.date.today().year
    r = office.post(
        f"/governance/bases/{base.pk}/contracts/new/",
        {
            "number": "ZLX-HTTP-1",
            "title": "平台建设",
            "centre": gov["centre"].pk,
            "builder": gov["builder"].pk,
            "starts_on": f"{year}-01-01",
            "ends_on": f"{year + 2}-12-31",
            "rule": "steps",
            "steps": "90:100, 60:50",
        },
    )
    contract = Contract.objects.get(number="ZLX-HTTP-1")
    assert r.status_code == 302 and contract.funding_rule["kind"] == "steps"
    office.post(
        f"/governance/contracts/{contract.pk}/add/",
        {"what": "task", "title": "建成平台", "due_on": f"{year}-12-31"},
    )
    office.post(
        f"/governance/contracts/{contract.pk}/add/",
        {"what": "budget", "name": "开发", "amount": "100"},
    )
    task = contract.tasks.get()
    office.post(
        f"/governance/contracts/{contract.pk}/add/",
        {
            "what": "milestone",
            "title": "一期",
            "amount": "100",
            "due_on": f"{year}-12-31",
            "tasks": [task.pk],
        },
    )
    office.post(
        f"/governance/contracts/{contract.pk}/action/", {"action": "sign", "on": f"{year}-01-05"}
    )
    contract.refresh_from_db()
    assert contract.state == "signed"
    office.post(f"/governance/bases/{base.pk}/plans/new/", {"year": year, "title": "年度计划"})
    plan = base.plans.get()
    office.post(
        f"/governance/plans/{plan.pk}/add/",
        {
            "what": "task",
            "title": "平台上线",
            "unit": gov["builder"].pk,
            "starts_on": f"{year}-01-01",
            "due_on": f"{year}-12-31",
        },
    )
    office.post(f"/governance/plans/{plan.pk}/add/", {"what": "approved"})
    plan_task = PlanTask.objects.get(plan=plan)
    worker.post(
        f"/governance/tasks/{plan_task.pk}/report/",
        {"period": f"{year}-01", "percent": "100", "text": "上线", "evidence": pdf_file()},
    )
    plan_task.refresh_from_db()
    assert plan_task.completed_on is not None and plan_task.reports.get().evidence
    office.post(
        f"/governance/bases/{base.pk}/indicators/new/",
        {
            "code": "1",
            "name": "按期完成率",
            "weight": "1",
            "target": "100",
            "source": "governance.plan_tasks_on_time",
        },
    )
    office.post(f"/governance/bases/{base.pk}/compute/")
    value = KpiValue.objects.get(indicator__code="1")
    page = office.get(f"/governance/bases/{base.pk}/dashboard/").content.decode()
    assert value.computed and str(value.value) in page
    api = office.get(f"/api/v1/governance/bases/{base.pk}/dashboard/").json()
    assert api["rows"][0]["code"] == "1"
    # A change request by the unit, approved by the office, shown in the contract's history.
    worker.post(
        f"/governance/contracts/{contract.pk}/action/",
        {"action": "change", "target": f"task:{task.pk}", "deliverable": "平台及用户手册",
         "reason": "补充交付物"},
    )  # fmt: skip
    change = contract.change_requests.get()
    office.post(
        f"/governance/contracts/{contract.pk}/action/", {"action": "approve", "change": change.pk}
    )
    task.refresh_from_db()
    assert task.deliverable == "平台及用户手册"
    assert "平台及用户手册" in office.get(f"/governance/contracts/{contract.pk}/").content.decode()
    # The talent centre's expert database: the panel is drawn from it.
    experts = panel_experts(gov, make_expert)
    office.post(
        f"/governance/bases/{base.pk}/evaluations/new/",
        {
            "title": "中期评估",
            "kind": "midterm",
            "as_of": datetime.date.today().isoformat(),
            "panel_size": "3",
            "excellent": "90",
            "good": "80",
            "pass": "60",
        },
    )
    ev = Evaluation.objects.get()
    for action in ("assess", "draw", "scoring"):
        office.post(f"/governance/evaluations/{ev.pk}/action/", {"action": action})
    ev.refresh_from_db()
    assert ev.draw.object_ref == f"governance.evaluation:{ev.pk}" and ev.draw.state == "drawn"
    assert {m.expert_id for m in ev.panel.all()} == {u.pk for u in experts}
    indicator = ev.base.indicators.get(code="1")
    for person in experts:
        _client(person).post(
            f"/governance/evaluations/{ev.pk}/action/",
            {"action": "score", f"score-{indicator.pk}": "85"},
        )
    office.post(f"/governance/evaluations/{ev.pk}/action/", {"action": "grade"})
    ev.refresh_from_db()
    assert ev.grade == "good" and ev.state == "graded"
    office.post(
        f"/governance/evaluations/{ev.pk}/action/", {"action": "finding", "text": "档案不全"}
    )
    finding = ev.findings.get()
    office.post(
        f"/governance/evaluations/{ev.pk}/action/",
        {
            "action": "rectification",
            "finding": finding.pk,
            "title": "补齐档案",
            "unit": gov["builder"].pk,
            "due_on": f"{year}-12-31",
        },
    )
    rect = Rectification.objects.get()
    assert worker.get(f"/governance/evaluations/{ev.pk}/").status_code == 200
    worker.post(
        f"/governance/rectifications/{rect.pk}/",
        {"action": "submit", "result": "已补齐", "evidence": pdf_file()},
    )
    office.post(f"/governance/rectifications/{rect.pk}/", {"action": "closed"})
    office.post(f"/governance/evaluations/{ev.pk}/action/", {"action": "closed"})
    ev.refresh_from_db()
    assert ev.state == "closed"
    return {"office": office, "contract": contract, "plan": plan, "evaluation": ev}


def test_office_and_unit_walk_the_whole_path(gov, make_expert):
    made = walk_whole_path(gov, make_expert)
    office, ev = made["office"], made["evaluation"]
    dossier = office.get(f"/governance/evaluations/{ev.pk}/dossier.docx")
    assert dossier.status_code == 200 and dossier.content[:2] == b"PK"
    assert _client(gov["outsider"]).get(f"/governance/evaluations/{ev.pk}/").status_code == 404
    assert office.get("/api/v1/governance/evaluations/").json()["results"][0]["grade"] == "good"
