"""Invitations (single-use links, substitutes, timeouts), score sheets, PIPL access."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from jobs.models import Job
from talent.models import CreditEvent, Invitation, InvitationEvent
from talent.services import draws as core
from talent.services.draw_requests import DrawRequestError, create_draw_request, export_record
from talent.services.expert_privacy import (
    erase_expert,
    export_expert_data,
    reveal_personal_data,
)
from talent.services.experts import ExpertError
from talent.services.invitations import (
    InvitationError,
    answer_invitation,
    time_out_invitations,
)
from talent.services.reviews import (
    ReviewError,
    close_scoring,
    create_score_sheet,
    declare_conflict,
    sheet_result,
    submit_scores,
)
from talent.tests.experts.conftest import token_of

pytestmark = pytest.mark.django_db


def _seats(draw):
    return list(draw.invitations.select_related("expert__user").order_by("position"))


def test_a_decline_brings_in_the_first_alternate_and_the_link_works_once(drawn):
    first, second, alt1, alt2 = _seats(drawn)
    assert [s.status for s in (first, second, alt1, alt2)] == [
        "invited", "invited", "waiting", "waiting"
    ]  # fmt: skip
    token = token_of(first)
    with pytest.raises(InvitationError):  # someone else's link changes nothing
        answer_invitation(second.expert.user, token, accept=True)
    with pytest.raises(InvitationError):  # a decline needs its reason
        answer_invitation(first.expert.user, token, accept=False)
    answer_invitation(first.expert.user, token, accept=False, reason="出差")
    with pytest.raises(InvitationError):  # used twice
        answer_invitation(first.expert.user, token, accept=True)
    first.refresh_from_db()
    alt1.refresh_from_db()
    alt2.refresh_from_db()
    assert first.status == "declined" and first.reason == "出差"
    assert alt1.status == "invited" and alt1.replaces_id == first.pk
    assert alt2.status == "waiting"
    assert CreditEvent.objects.filter(expert=first.expert, kind="declined").count() == 1
    kinds = list(InvitationEvent.objects.filter(invitation=first).values_list("kind", flat=True))
    assert kinds == ["invited", "declined", "substituted"]
    record = export_record(drawn)
    assert core.verify_draw(record).valid  # substitutions leave the draw itself verifiable
    substitute = {"id": alt1.expert.draw_id, "seat": "alternate", "position": 3,
                  "status": "invited", "replaces": first.expert.draw_id}  # fmt: skip
    assert substitute in record["invitations"]


def test_an_expired_link_changes_nothing_and_the_timeout_job_counts_it_as_declined(drawn):
    first, second, alt1, _alt2 = _seats(drawn)
    later = timezone.now() + datetime.timedelta(days=drawn.response_days, minutes=1)
    with pytest.raises(InvitationError):
        answer_invitation(first.expert.user, token_of(first), accept=True, now=later)
    first.refresh_from_db()
    assert first.status == "invited"
    assert time_out_invitations(now=later) == 2
    assert time_out_invitations(now=later) == 0  # a second run changes nothing
    statuses = [s.status for s in drawn.invitations.order_by("position")]
    assert statuses == ["timed_out", "timed_out", "invited", "invited"]
    alt1.refresh_from_db()
    assert alt1.replaces_id == first.pk


def test_the_periodic_timeout_runs_as_a_job(drawn):
    from talent.tasks import TIMEOUT_JOB, invitation_timeout_job, time_out_invitations

    Invitation.objects.filter(status="invited").update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    time_out_invitations.call_local()
    job = Job.objects.get(kind=TIMEOUT_JOB)
    assert job.state == "succeeded", job.error
    assert drawn.invitations.filter(status="timed_out").count() == 2
    assert callable(invitation_timeout_job)


def test_entry_point_refuses_unknown_criteria_and_impossible_draws_save_nothing(
    office, make_expert
):
    make_expert()
    values = {"purpose": "evaluation", "size": 3, "object_type": "evaluation",
              "object_ref": "E-1", "object_title": "中期评估"}  # fmt: skip
    with pytest.raises(DrawRequestError) as error:
        create_draw_request(office, criteria={"colour": "red"}, **values)
    assert "colour" in error.value.message
    with pytest.raises(core.DrawImpossible):
        create_draw_request(office, criteria={}, commit=True, **values)
    from talent.models import ExpertDraw

    assert not ExpertDraw.objects.exists()


def _confirm_all(draw):
    for seat in _seats(draw):
        if seat.status == "invited":
            answer_invitation(seat.expert.user, token_of(seat), accept=True)


def test_the_panel_scores_with_weights_and_a_conflict_removes_the_expert(drawn, office):
    _confirm_all(drawn)
    first, second, *_ = _seats(drawn)
    with pytest.raises(ReviewError):
        create_score_sheet(office, drawn, [{"label": "技术", "weight": "0"}])
    sheet = create_score_sheet(
        office, drawn, [{"label": "技术先进性", "weight": "60"}, {"label": "经济", "weight": 40}]
    )
    with pytest.raises(ReviewError) as error:
        submit_scores(first.expert.user, sheet, {"c1": "101", "c2": "80"})
    assert "技术先进性" in error.value.message
    score = submit_scores(first.expert.user, sheet, {"c1": "90", "c2": "80"}, {"c1": "好"})
    assert str(score.total) == "86.00"
    with pytest.raises(ReviewError):  # once only
        submit_scores(first.expert.user, sheet, {"c1": "90", "c2": "80"})
    with pytest.raises(ReviewError):  # only the confirmed panel
        submit_scores(office, sheet, {"c1": "90", "c2": "80"})
    declare_conflict(second.expert.user, sheet, "曾参与该项目起草")
    second.refresh_from_db()
    assert second.status == "conflict"
    assert AuditEntry.objects.filter(action="talent.review.conflict").count() == 1
    assert sheet_result(sheet) == {"count": 1, "criteria": {"c1": "90.00", "c2": "80.00"},
                                   "total": "86.00"}  # fmt: skip
    close_scoring(office, sheet)
    with pytest.raises(ReviewError):
        declare_conflict(first.expert.user, sheet, "x")


def test_personal_data_is_shown_to_the_office_audited_exported_and_erased(
    make_expert, office, make_user
):
    expert = make_expert(phone="13812345678", id_number="11010519491231002X")
    with pytest.raises(ExpertError):
        reveal_personal_data(make_user("stranger"), expert)
    data = reveal_personal_data(office, expert, purpose="联系评审")
    assert data["phone"] == "13812345678"
    entry = AuditEntry.objects.get(action="talent.expert.personal_viewed")
    assert "13812345678" not in str(entry.__dict__)
    exported = export_expert_data(expert.user)
    assert exported["phone"] == "13812345678" and exported["consent_at"]
    erase_expert(expert, actor=office)
    expert.refresh_from_db()
    assert expert.phone == "" and expert.id_number == "" and expert.state == "expired"


def test_anonymising_the_account_erases_the_expert_profile(make_expert):
    from accounts.services.privacy import anonymize_user

    expert = make_expert(phone="13812345678")
    anonymize_user(expert.user)
    expert.refresh_from_db()
    assert expert.phone == "" and expert.state == "expired"
