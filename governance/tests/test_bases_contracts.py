"""Bases through their life cycle, organisation, contracts with milestones and changes."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from audit.models import AuditEntry
from governance import roles
from governance.exceptions import GovernanceError
from governance.models import Base, Contract
from governance.services import bases, contracts
from governance.services.documents import store_document
from governance.tests.conftest import pdf_file
from workflows.exceptions import TransitionRefused
from workflows.services import history

D = datetime.date


def test_leaving_a_stage_needs_its_documents_a_date_and_a_decision(gov):
    base, office = gov["base"], gov["office"]
    with pytest.raises(GovernanceError):
        bases.advance_base(base, "appraisal", office, decided_on=None, decision="受理")
    with pytest.raises(TransitionRefused) as refused:
        bases.advance_base(base, "appraisal", office, decided_on=D(2026, 1, 5), decision="受理")
    assert "条件" in refused.value.message or "condition" in refused.value.message
    store_document(base, pdf_file("申报书.pdf"), kind="application", stage="applied", user=office)
    bases.advance_base(base, "appraisal", office, decided_on=D(2026, 1, 5), decision="受理")
    base.refresh_from_db()
    assert base.state == "appraisal" and base.applied_on == D(2026, 1, 5)
    events = list(history(base))
    assert events[-1].data["decided_on"] == "2026-01-05" and events[-1].comment == "受理"
    assert AuditEntry.objects.filter(action="governance.base.appraise").exists()
    client = Client()
    client.force_login(office)
    page = client.get(f"/governance/bases/{base.pk}/").content.decode()
    assert "申报 → 论证: 受理 (2026-01-05)" in page  # the stages' names, not their codes


def test_construction_runs_three_years_from_its_start(gov):
    base, office = gov["base"], gov["office"]
    for stage, kinds, target in (
        ("applied", ["application"], "appraisal"),
        ("appraisal", ["appraisal"], "approved"),
        ("approved", ["approval", "construction_plan"], "construction"),
    ):
        for kind in kinds:
            store_document(base, pdf_file(), kind=kind, stage=stage, user=office)
        bases.advance_base(base, target, office, decided_on=D(2026, 3, 1), decision="同意")
    base.refresh_from_db()
    assert base.state == "construction"
    assert base.construction_ends == D(2029, 3, 1)


def test_outsiders_cannot_move_a_base_or_upload(gov):
    base, outsider = gov["base"], gov["outsider"]
    with pytest.raises(GovernanceError):
        store_document(base, pdf_file(), kind="application", stage="applied", user=outsider)
    assert Base.objects.restrict(outsider, "view").count() == 0


def test_organisation_lists_units_groups_and_builders(gov, make_user, make_org):
    base, office = gov["base"], gov["office"]
    expert = make_user("expert1")
    bases.add_person(base, expert, roles.EXPERT_COMMITTEE, actor=office)
    bases.add_unit(base, make_org("河南省市场监督管理局"), roles.ORGANISING_UNIT, actor=office)
    org = bases.organisation_of(base)
    assert [m.user for m in org["roles"][roles.EXPERT_COMMITTEE]] == [expert]
    assert org["centres"][0]["builders"][0].organization == gov["builder"]
    assert bases.expert_committee(base) == [expert]
    with pytest.raises(GovernanceError):
        bases.add_unit(base, make_org("某单位"), roles.BUILDER_UNIT, actor=office)  # no centre
    with pytest.raises(GovernanceError):
        bases.add_person(base, expert, roles.BUILDER_UNIT, actor=office)


def _signed(gov):
    contract, office = gov["contract"], gov["office"]
    t1 = contracts.add_task(contract, title="建成验证实验室", due_on=D(2026, 6, 30), actor=office)
    t2 = contracts.add_task(contract, title="完成10项验证", due_on=D(2026, 12, 31), actor=office)
    contracts.add_budget_line(contract, name="设备购置", amount="300", actor=office)
    with pytest.raises(GovernanceError):  # over the budget
        contracts.add_milestone(
            contract, title="一期", amount="400", due_on=D(2026, 7, 31), tasks=[t1], actor=office
        )
    ms = contracts.add_milestone(
        contract, title="一期", amount="200", due_on=D(2026, 12, 31), tasks=[t1, t2], actor=office
    )
    contracts.sign_contract(contract, office, signed_on=D(2026, 1, 10))
    contract.refresh_from_db()
    return contract, t1, t2, ms


def test_milestone_releases_by_the_contract_rule_on_verified_completion(gov):
    contract, t1, t2, ms = _signed(gov)
    office, worker = gov["office"], gov["worker"]
    contracts.submit_task(t1, worker)
    contracts.accept_task(t1, office, completion=100)
    contracts.accept_task(t2, office, completion="60")
    # Mean completion 80 % → step 70 % → 80 % of 200 万元.
    contracts.verify_milestone(ms, office)
    ms.refresh_from_db()
    assert ms.completion == Decimal("80.0") and ms.released == Decimal("160.00")
    contracts.record_payment(ms, office, paid_on=D(2027, 1, 5))
    status = contracts.contract_status(contract, today=D(2027, 1, 6))
    assert status["paid"] == Decimal("160.00") and status["budget"] == Decimal("300.00")
    assert AuditEntry.objects.filter(action="governance.contract.milestone_verified").exists()


def test_an_unaccepted_task_counts_zero_and_signed_contracts_are_frozen(gov):
    contract, t1, t2, ms = _signed(gov)
    office = gov["office"]
    contracts.accept_task(t1, office, completion=90)
    contracts.verify_milestone(ms, office)
    ms.refresh_from_db()
    assert ms.completion == Decimal("45.0") and ms.released == Decimal("0.00")  # below 50 %
    with pytest.raises(GovernanceError):
        contracts.add_task(contract, title="新增", due_on=D(2026, 5, 1), actor=office)
    status = contracts.contract_status(contract, today=D(2026, 7, 15))
    assert status["late"] == [] and [t.pk for t in status["accepted"]] == [t1.pk]


def test_payment_before_verification_is_refused(gov):
    _contract, _t1, _t2, ms = _signed(gov)
    with pytest.raises(GovernanceError):
        contracts.record_payment(ms, gov["office"], paid_on=D(2027, 1, 1))


def test_builder_unit_sees_its_contract_and_no_other(gov, make_org):
    worker, outsider = gov["worker"], gov["outsider"]
    assert list(Contract.objects.restrict(worker, "view")) == [gov["contract"]]
    assert Contract.objects.restrict(worker, "change").count() == 0
    assert Contract.objects.restrict(outsider, "view").count() == 0
