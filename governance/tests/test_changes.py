"""Change requests on a contract in force: tasks, deliverables, amounts; decided once, audited."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from audit.models import AuditEntry
from governance.exceptions import GovernanceError, GovernancePermissionError
from governance.models import ChangeRequest
from governance.services import changes
from governance.tests.test_bases_contracts import _signed
from workflows.exceptions import TransitionError

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_deadline_and_deliverable_change_is_applied_once_approved(gov):
    contract, t1, _t2, _ms = _signed(gov)
    worker, office = gov["worker"], gov["office"]
    with pytest.raises(GovernanceError):  # no reason
        changes.request_change(contract, worker, reason="", task=t1, new_due_on=D(2026, 9, 30))
    with pytest.raises(GovernanceError):  # nothing to change
        changes.request_change(contract, worker, reason="延迟", task=t1)
    change = changes.request_change(
        contract,
        worker,
        reason="设备到货延迟",
        task=t1,
        new_due_on=D(2026, 9, 30),
        new_deliverable="验证实验室及其认可证书",
    )
    with pytest.raises(GovernancePermissionError):  # the builder cannot approve its own change
        changes.decide_change(change, worker, approve=True)
    t1.refresh_from_db()
    assert t1.due_on == D(2026, 6, 30)  # nothing applied before the decision
    changes.decide_change(change, office, approve=True, comment="同意")
    t1.refresh_from_db()
    change.refresh_from_db()
    assert t1.due_on == D(2026, 9, 30) and t1.deliverable == "验证实验室及其认可证书"
    assert change.state == "approved"
    assert change.previous == {"due_on": "2026-06-30", "deliverable": ""}
    applied = AuditEntry.objects.get(action="governance.change_request.applied")
    assert AuditEntry.objects.filter(action="governance.change_request.created").count() == 1
    assert applied.object_id == str(change.pk)


def test_a_milestone_amount_change_is_capped_by_the_budget(gov):
    contract, _t1, _t2, ms = _signed(gov)  # budget 300, milestone 200
    worker, office = gov["worker"], gov["office"]
    too_much = changes.request_change(
        contract, worker, reason="追加", milestone=ms, new_amount="350"
    )
    with pytest.raises(GovernanceError):
        changes.decide_change(too_much, office, approve=True)
    too_much.refresh_from_db()
    ms.refresh_from_db()
    assert too_much.state == "requested" and ms.amount == Decimal("200.00")
    changes.decide_change(too_much, office, approve=False, comment="超出预算")
    line = contract.budget_lines.get()
    more_budget = changes.request_change(
        contract, office, reason="增加预算", budget_line=line, new_amount="400"
    )
    changes.decide_change(more_budget, office, approve=True)
    fits = changes.request_change(contract, worker, reason="追加", milestone=ms, new_amount="350")
    changes.decide_change(fits, office, approve=True)
    ms.refresh_from_db()
    assert ms.amount == Decimal("350.00")
    history = changes.change_history(contract)
    assert [h["change"].state for h in history] == ["approved", "approved", "rejected"]
    rejected = history[-1]
    assert rejected["decision"].comment == "超出预算" and rejected["target"] == "一期"


def test_a_request_is_decided_once(gov):
    contract, t1, _t2, _ms = _signed(gov)
    office = gov["office"]
    change = changes.request_change(
        contract, office, reason="改名", task=t1, new_title="建成实验室"
    )
    stale = ChangeRequest.objects.get(pk=change.pk)
    changes.decide_change(change, office, approve=True)
    with pytest.raises(TransitionError):  # a second approval from a stale page
        changes.decide_change(stale, office, approve=True)
    with pytest.raises(TransitionError):
        changes.decide_change(stale, office, approve=False, comment="晚了")
    assert AuditEntry.objects.filter(action="governance.change_request.applied").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_concurrent_approvals_apply_the_change_once(gov):
    contract, _t1, _t2, ms = _signed(gov)
    office = gov["office"]
    change = changes.request_change(contract, office, reason="调整", milestone=ms, new_amount="250")
    barrier, outcomes = threading.Barrier(2), []

    def approve():
        try:
            copy = ChangeRequest.objects.get(pk=change.pk)
            barrier.wait()
            changes.decide_change(copy, office, approve=True)
            outcomes.append("ok")
        except TransitionError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert AuditEntry.objects.filter(action="governance.change_request.applied").count() == 1
