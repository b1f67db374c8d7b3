"""Applicability questionnaires: validation, single-use links, aggregation, digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from verification.models import Invitation
from verification.services.applicability import (
    InvitationError,
    QuestionnaireError,
    add_question,
    create_questionnaire,
    free_text_digest,
    frequent_terms,
    invitation_for,
    invite,
    questionnaire_scores,
    scores_by,
    submit_response,
)
from verification.tests.evaluation_fixtures import *  # noqa: F403
from workflows.services import transition

pytestmark = pytest.mark.django_db


def build(world):
    """A questionnaire of the alliance's secretariat with weighted questions, opened."""
    user = world["secretary"]
    q = create_questionnaire(user=user, standard=world["standard"], title="适用性评价",
                             body=world["alliance"])  # fmt: skip
    clarity = add_question(q, user=user, dimension="clarity", kind="score", text="条文清晰",
                           weight="2")  # fmt: skip
    operability = add_question(q, user=user, dimension="operability", kind="score",
                               text="易于操作", weight="1")  # fmt: skip
    choice = add_question(q, user=user, dimension="gaps", kind="choice", text="是否需要修订",
                          choices="需要\n不需要")  # fmt: skip
    text = add_question(q, user=user, dimension="gaps", kind="text", text="意见",
                        required=False)  # fmt: skip
    transition(q, "open", user, "")
    return q, {"clarity": clarity, "operability": operability, "choice": choice, "text": text}


def answers(qs, clarity, operability, choice="需要", text=""):
    return {str(qs["clarity"].pk): str(clarity), str(qs["operability"].pk): str(operability),
            str(qs["choice"].pk): choice, str(qs["text"].pk): text}  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"dimension": "clarity", "kind": "choice", "text": "x", "choices": "唯一"},
         "至少需要两个选项"),
        ({"dimension": "clarity", "kind": "score", "text": "x", "weight": "0"}, "权重"),
        ({"dimension": "clarity", "kind": "score", "text": "x", "weight": "abc"}, "权重"),
        ({"dimension": "nonsense", "kind": "score", "text": "x"}, "请选择维度"),
        ({"dimension": "clarity", "kind": "score", "text": " "}, "请填写题目"),
    ],
)  # fmt: skip
def test_question_validation(world, fields, message):
    q = create_questionnaire(user=world["secretary"], standard=world["standard"], title="t",
                             body=world["alliance"])  # fmt: skip
    with pytest.raises(QuestionnaireError) as error:
        add_question(q, user=world["secretary"], **fields)
    assert message in error.value.message


def test_only_the_body_s_people_change_it_and_open_needs_questions(world):
    from workflows.exceptions import TransitionRefused

    q = create_questionnaire(user=world["secretary"], standard=world["standard"], title="t",
                             body=world["alliance"])  # fmt: skip
    with pytest.raises(QuestionnaireError):
        add_question(q, user=world["outsider"], dimension="clarity", kind="score", text="x")
    with pytest.raises(TransitionRefused):
        transition(q, "open", world["secretary"], "")
    with pytest.raises(QuestionnaireError):
        create_questionnaire(user=world["outsider"], standard=world["standard"], title="t",
                             body=world["alliance"])  # fmt: skip


def test_invitation_link_is_single_use_and_notifies(world, settings):
    q, qs = build(world)
    person = world["make_user"]("adopter_person")
    invitation, token = invite(q, user=world["secretary"], organization=world["adopter"],
                               recipient=person, link_for=lambda t: f"/x/{t}/")  # fmt: skip
    assert invitation.alliance == world["alliance"]  # the organisation's one alliance
    assert invitation.token_hash != token and token not in invitation.token_hash
    assert Notification.objects.filter(recipient=person).count() == 1
    submit_response(token, answers(qs, 4, 2))
    with pytest.raises(InvitationError) as error:
        submit_response(token, answers(qs, 5, 5))
    assert "已用于提交答卷" in error.value.message
    assert q.responses.count() == 1


def test_email_only_invitation_sends_a_mail(world, django_capture_on_commit_callbacks):
    q, _qs = build(world)
    with django_capture_on_commit_callbacks(execute=True):
        invite(q, user=world["secretary"], email="qa@example.cn", link_for=lambda t: f"/x/{t}/")
    assert mail.outbox[0].to == ["qa@example.cn"] and "/x/" in mail.outbox[0].body


def test_expired_unknown_and_closed_links_are_refused(world):
    q, qs = build(world)
    _invitation, token = invite(q, user=world["secretary"], email="a@example.cn")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(InvitationError, match="已过期"):
        invitation_for(token)
    with pytest.raises(InvitationError, match="无效"):
        invitation_for("nonsense")
    Invitation.objects.update(expires_at=timezone.now() + timedelta(days=1))
    transition(q, "closed", world["secretary"], "")
    with pytest.raises(InvitationError, match="不接受答卷"):
        invitation_for(token)


def test_bad_answers_save_nothing_and_keep_the_link(world):
    q, qs = build(world)
    _invitation, token = invite(q, user=world["secretary"], email="a@example.cn")
    with pytest.raises(QuestionnaireError, match="1 至 5"):
        submit_response(token, answers(qs, 6, 2))
    with pytest.raises(QuestionnaireError, match="请从选项中选择"):
        submit_response(token, answers(qs, 3, 2, choice="也许"))
    with pytest.raises(QuestionnaireError, match="请回答"):
        submit_response(token, {str(qs["clarity"].pk): "3"})
    assert q.responses.count() == 0
    invitation_for(token)  # still usable


def test_weighted_scores_per_dimension_and_groupings(world):
    q, qs = build(world)
    for clarity, operability in ((4, 2), (2, 5)):
        _i, token = invite(q, user=world["secretary"], organization=world["adopter"])
        submit_response(token, answers(qs, clarity, operability))
    scores = questionnaire_scores(q)
    assert scores.responses == 2
    assert scores.dimensions == {"clarity": 3.0, "operability": 3.5}
    # Overall: (2·4 + 1·2 + 2·2 + 1·5) / (2 + 1 + 2 + 1) = 19 / 6.
    assert scores.overall == pytest.approx(19 / 6)
    by_alliance = scores_by("alliance", world["secretary"])
    assert [(label, s.responses) for label, s in by_alliance] == [("智能制造产业联盟", 2)]
    assert scores_by("ics", world["office"])[0][0] == "29"
    assert scores_by("standard", world["outsider"]) == []


def test_digest_groups_free_text_and_counts_cjk_bigrams(world):
    q, qs = build(world)
    texts = ["检验方法不够清楚", "检验方法需要补充示例", "建议补充示例"]
    for text in texts:
        _i, token = invite(q, user=world["secretary"], email="a@example.cn")
        submit_response(token, answers(qs, 3, 3, text=text))
    [group] = free_text_digest(q)
    assert group.question == qs["text"] and len(group.texts) == 3
    terms = dict(group.terms)
    assert terms["检验"] == 2 and terms["方法"] == 2 and terms["示例"] == 2
    assert "的" not in "".join(terms)
    assert dict(frequent_terms(["the method is unclear", "method"]))["method"] == 2


def test_an_email_of_an_account_is_invited_in_app(world):
    q, _qs = build(world)
    person = world["make_user"]("quality", email="quality@example.cn")
    invitation, _token = invite(q, user=world["secretary"], email="Quality@example.cn")
    assert invitation.recipient == person
    assert Notification.objects.filter(recipient=person).count() == 1


def test_the_standard_set_covers_every_dimension(world):
    from verification.models import Dimension
    from verification.services.applicability import add_standard_questions

    q = create_questionnaire(user=world["secretary"], standard=world["standard"], title="t",
                             body=world["alliance"])  # fmt: skip
    questions = add_standard_questions(q, user=world["secretary"])
    assert {x.dimension for x in questions} == set(Dimension.values)
    assert {x.kind for x in questions} == {"score", "choice", "text"}
    assert [x.position for x in questions] == list(range(1, len(questions) + 1))
