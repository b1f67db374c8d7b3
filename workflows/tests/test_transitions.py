"""Processes through the one service: guards, immutable events, audit in the same transaction."""

from __future__ import annotations

import pytest
from django.db import transaction as db_transaction

from accounts.models import RoleCode
from audit.models import AuditEntry
from bodies.roles import BODY_MEMBER
from bodies.services import add_member, create_body
from workflows.exceptions import TransitionError, TransitionRefused
from workflows.models import ProcessEvent, ProcessEventError
from workflows.services import available_transitions, history, transition
from workflows.tests.example import PROPOSAL, ExampleProposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    office = make_user("office", roles=[RoleCode.BASE_OFFICE])
    a = create_body(kind="alliance", name="联盟甲", actor=office)
    b = create_body(kind="alliance", name="联盟乙", actor=office)
    secretary, author = make_user("secretary"), make_user("author")
    add_member(a, RoleCode.SECRETARIAT, user=secretary, actor=office)
    add_member(b, BODY_MEMBER, user=secretary, actor=office)
    proposal = ExampleProposal.objects.create(body=a, author=author, title="电动自行车", scope="")
    return {"a": a, "b": b, "secretary": secretary, "author": author, "proposal": proposal}


def test_a_proposal_runs_from_draft_to_approved(world):
    proposal, author, secretary = world["proposal"], world["author"], world["secretary"]
    assert proposal.state == "draft" and proposal.state_label == "草稿"
    proposal.scope = "整车安全要求"
    proposal.save()
    transition(proposal, "submitted", author, "请审查")
    event = transition(proposal, "approved", secretary, "同意立项", data={"number": "2026-01"})
    proposal.refresh_from_db()
    assert proposal.state == "approved"
    assert [(e.from_state, e.to_state, e.actor, e.comment) for e in history(proposal)] == [
        ("draft", "submitted", author, "请审查"),
        ("submitted", "approved", secretary, "同意立项"),
    ]
    assert event.data == {"number": "2026-01"} and event.transition == "approve"
    audit = AuditEntry.objects.filter(action__startswith="example.proposal.").order_by("sequence")
    assert [(a.action, a.before, a.after["state"], a.detail) for a in audit] == [
        ("example.proposal.submit", {"state": "draft"}, "submitted", "请审查"),
        ("example.proposal.approve", {"state": "submitted"}, "approved", "同意立项"),
    ]
    assert PROPOSAL.final_states == {"approved", "rejected"}


def test_refusals_name_the_failed_guard_in_chinese_and_change_nothing(world):
    proposal, author, secretary = world["proposal"], world["author"], world["secretary"]
    with pytest.raises(TransitionRefused) as refused:
        transition(proposal, "submitted", secretary, "")
    assert refused.value.message == "您不能执行“提交”：需要提案人。"
    with pytest.raises(TransitionRefused) as refused:
        transition(proposal, "submitted", author, "")
    assert refused.value.message == "不能执行“提交”：条件“已填写范围”不满足。"
    with pytest.raises(TransitionError) as wrong:
        transition(proposal, "approved", secretary, "")
    assert wrong.value.message == "“草稿”不能转为“已批准”；可转为：已提交、已驳回。"
    proposal.refresh_from_db()
    assert proposal.state == "draft" and not history(proposal).exists()
    denied = AuditEntry.objects.filter(action="example.proposal.submit", result="denied")
    assert denied.count() == 2


def test_body_scoped_role_decides_who_may_approve(world, make_user):
    proposal, author = world["proposal"], world["author"]
    proposal.scope = "范围"
    proposal.save()
    transition(proposal, "submitted", author)
    # Secretariat of A approves A's proposals; a member of B, or B's secretariat, may not.
    other = make_user("other_secretary")
    add_member(world["b"], RoleCode.SECRETARIAT, user=other, actor=None)
    with pytest.raises(TransitionRefused) as refused:
        transition(proposal, "approved", other, "")
    assert "联盟秘书处" in refused.value.message
    assert [s.name for s in available_transitions(proposal, other)] == []
    assert {s.name for s in available_transitions(proposal, world["secretary"])} == {
        "approve",
        "reject",
    }
    # Rejection needs its reason.
    with pytest.raises(TransitionRefused, match="理由"):
        transition(proposal, "rejected", world["secretary"], "  ")
    transition(proposal, "rejected", world["secretary"], "与现行标准重复")
    proposal.refresh_from_db()
    assert proposal.state == "rejected"


def test_event_and_audit_entry_roll_back_together(world, monkeypatch):
    proposal, author = world["proposal"], world["author"]
    proposal.scope = "范围"
    proposal.save()
    import workflows.services as services

    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(services, "log_action", broken_audit)
    with pytest.raises(RuntimeError):
        transition(proposal, "submitted", author)
    proposal.refresh_from_db()
    assert proposal.state == "draft" and not ProcessEvent.objects.exists()


def test_events_are_immutable(world):
    proposal = world["proposal"]
    proposal.scope = "范围"
    proposal.save()
    event = transition(proposal, "submitted", world["author"])
    event.comment = "改写"
    with pytest.raises(ProcessEventError):
        event.save()
    with pytest.raises(ProcessEventError):
        event.delete()
    with pytest.raises(ProcessEventError), db_transaction.atomic():
        ProcessEvent.objects.filter(pk=event.pk).update(comment="x")
    with pytest.raises(ProcessEventError):
        ProcessEvent.objects.all().delete()


def test_the_state_is_reread_under_lock(world):
    proposal, author = world["proposal"], world["author"]
    ExampleProposal.objects.filter(pk=proposal.pk).update(scope="范围", state="submitted")
    stale = proposal  # still says "draft" in memory
    with pytest.raises(TransitionError):
        transition(stale, "submitted", author)
    transition(stale, "rejected", author, "撤回")  # withdraw works from submitted
    assert history(stale).get().from_state == "submitted"
