"""Proposals: writing, submitting with the novelty check, review, the project they become."""

from __future__ import annotations

import pytest

from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.models import Project
from development.services.proposals import create_proposal, update_proposal
from notifications.models import Notification
from workflows.exceptions import TransitionRefused
from workflows.services import history, transition

pytestmark = pytest.mark.django_db


def _proposal(world, **fields):
    values = {
        "title": "信息技术 数字孪生 第1部分：通用要求",
        "scope": "本文件规定了制造业数字孪生系统的通用要求。",
        "reasons": "企业急需统一的数字孪生系统要求。",
        "ics": "35.240.50",
        "ccs": "L70",
        "drafting_units": "郑州机械研究所有限公司\n河南大学",
        "adopted_designation": "ISO 23247-1:2021",
        "adoption_degree": "MOD",
        "track": "fast",
    }
    values.update(fields)
    return create_proposal(world.a, author=world.author, **values)


def test_submission_runs_the_novelty_check_against_the_catalogue(world, catalogue):
    proposal = _proposal(world)
    transition(proposal, "submitted", world.author)
    proposal.refresh_from_db()
    novelty = proposal.novelty
    assert "GB/T 43441.1-2023" in [r["designation"] for r in novelty["titles"]]
    assert [r["designation"] for r in novelty["adoptions"]] == ["GB/T 43441.1-2023"]
    assert novelty["ics"]["count"] == 1
    assert any("ISO 23247-1:2021" in line for line in novelty["summary"])
    assert proposal.novelty_checked_at is not None
    # The secretariat hears about it.
    assert Notification.objects.filter(recipient=world.sec_a, event_type__contains="proposal")


def test_no_overlap_says_so(world, catalogue):
    proposal = _proposal(
        world,
        title="碳纤维复合材料 回收 技术规范",
        ics="",
        ccs="",
        adopted_designation="",
        adoption_degree="",
        track="normal",
    )
    transition(proposal, "submitted", world.author)
    proposal.refresh_from_db()
    assert proposal.novelty["hits"] == 0
    assert len(proposal.novelty["summary"]) == 1 and not proposal.novelty["titles"]


def test_approval_makes_a_numbered_project(world, catalogue):
    proposal = _proposal(world)
    transition(proposal, "submitted", world.author)
    transition(proposal, "approved", world.sec_a, "同意立项")
    project = Project.objects.get(proposal=proposal)
    assert project.number.startswith("HNXX-") and project.number.endswith("-001")
    assert project.state == "10.99" and project.track == "fast"
    assert project.adopted_designation == "ISO 23247-1:2021"
    assert project.target_date and project.limit_date
    second = _proposal(world, title="信息技术 数字孪生 第2部分：参考架构")
    transition(second, "submitted", world.author)
    transition(second, "approved", world.sec_a)
    assert second.project.number.endswith("-002")
    assert [e.transition for e in history(proposal)] == ["submit", "approve"]
    assert Notification.objects.filter(recipient=world.author, subject_id=str(project.pk))


def test_only_members_propose_and_only_the_secretariat_of_the_body_approves(world, catalogue):
    with pytest.raises(DevelopmentPermissionError):
        create_proposal(world.a, author=world.member_b, title="x", scope="y", reasons="z")
    proposal = _proposal(world)
    transition(proposal, "submitted", world.author)
    for who in (world.member_b, world.author, world.outsider):
        with pytest.raises(TransitionRefused):
            transition(proposal, "approved", who)
    assert not Project.objects.exists()


def test_bad_input_is_refused_with_a_reason(world):
    with pytest.raises(DevelopmentError, match="ICS"):
        _proposal(world, ics="35-240")
    with pytest.raises(DevelopmentError, match="IDT"):
        _proposal(world, adoption_degree="")
    with pytest.raises(DevelopmentError):
        _proposal(world, track="revision")  # names no revised standard
    with pytest.raises(DevelopmentError):
        _proposal(world, title="  ")


def test_submit_needs_scope_and_only_drafts_change(world):
    proposal = _proposal(world, scope="")
    with pytest.raises(TransitionRefused):
        transition(proposal, "submitted", world.author)
    update_proposal(proposal, user=world.author, scope="范围")
    transition(proposal, "submitted", world.author)
    with pytest.raises(DevelopmentError):
        update_proposal(proposal, user=world.author, scope="改")
