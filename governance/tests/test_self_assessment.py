"""The self-assessment tells the base's decisions and its contracts as of the evaluation date."""

import datetime

from django.utils import timezone

from governance.services import bases, changes, contracts, evaluations
from governance.services.documents import store_document
from governance.tests.conftest import pdf_file

D = datetime.date


def test_self_assessment_reads_the_base_decisions_and_the_contracts(gov):
    base, office, worker, contract = gov["base"], gov["office"], gov["worker"], gov["contract"]
    store_document(base, pdf_file("申报书.pdf"), kind="application", stage="applied", user=office)
    bases.advance_base(base, "appraisal", office, decided_on=D(2026, 1, 5), decision="受理申报")
    t1 = contracts.add_task(contract, title="建成验证实验室", due_on=D(2026, 6, 30), actor=office)
    t2 = contracts.add_task(contract, title="完成10项验证", due_on=D(2026, 7, 31), actor=office)
    contracts.add_budget_line(contract, name="设备购置", amount="300", actor=office)
    ms = contracts.add_milestone(
        contract, title="一期", amount="200", due_on=D(2026, 12, 31), tasks=[t1], actor=office
    )
    contracts.sign_contract(contract, office, signed_on=D(2026, 1, 10))
    contracts.submit_task(t1, worker)
    contracts.accept_task(t1, office, completion=100)
    contracts.verify_milestone(ms, office)
    change = changes.request_change(
        contract, worker, reason="设备到货推迟", task=t2, new_due_on=D(2026, 9, 30)
    )
    changes.decide_change(change, office, approve=False, comment="已验收")
    today = timezone.localdate()

    now = evaluations.create_evaluation(
        base, kind="midterm", title="中期评估", as_of=today, actor=office
    )
    lines = evaluations.draft_self_assessment(now).splitlines()
    assert lines[2:5] == ["阶段与决定：", "2026-01-05 申报 → 论证: 受理申报", "任务书："]
    # 1 of 2 tasks accepted, the other late (due 2026-07-31); 200 released (100 %), none paid.
    assert lines[5] == (
        "ZLX-2026-01 验证中心建设任务书（河南省计量测试科学研究院）：执行中，2026-01-10 签订；"
        "2 项任务中已验收 1 项，逾期 1 项；预算 300.00 万元，已核定拨付 200.00 万元，"
        "已支付 0.00 万元。 变更申请：0 项批准，1 项驳回。"
    )

    # Before the contract was signed and before the decision: as the records stood then.
    early = evaluations.create_evaluation(
        base, kind="midterm", title="早期评估", as_of=D(2026, 1, 8), actor=office
    )
    text = evaluations.draft_self_assessment(early)
    assert "2026-01-05 申报 → 论证: 受理申报" in text
    line = next(x for x in text.splitlines() if x.startswith("ZLX-2026-01"))
    assert line == (
        "ZLX-2026-01 验证中心建设任务书（河南省计量测试科学研究院）：草稿；"
        "2 项任务中已验收 0 项，逾期 0 项；预算 300.00 万元，已核定拨付 0.00 万元，"
        "已支付 0.00 万元。"
    )
    earliest = evaluations.create_evaluation(
        base, kind="midterm", title="更早", as_of=D(2026, 1, 1), actor=office
    )
    assert "受理申报" not in evaluations.draft_self_assessment(earliest)
