"""Expert applications, the office's review process, PIPL fields, credit, search, matching."""

from __future__ import annotations

import datetime

import pytest

from audit.models import AuditEntry
from talent.models import CreditEvent, Expert
from talent.services.experts import (
    ExpertError,
    Profile,
    apply_as_expert,
    credit_summary,
    decide_expert,
    expire_terms,
    record_credit,
    search_experts,
)
from talent.services.matching import match_experts
from workflows.exceptions import TransitionRefused

pytestmark = pytest.mark.django_db


def test_application_links_catalogue_standards_and_encrypts_personal_fields(
    make_user, make_standard
):
    standard = make_standard("GB/T 19001-2016")
    user = make_user("applicant")
    expert = apply_as_expert(
        user,
        Profile(
            name="张三", title="associate", employer="甲研究院", ics=["03.120.10"], ccs=["A00"],
            keywords=["质量管理", " 质量管理 "], phone="13812345678",
            id_number="11010519491231002X",
            standards=[("gb/t19001-2016", "drafted")], avoid_orgs=["乙公司"],
            work_history=[("丙大学", "教授", datetime.date(2010, 1, 1), None)],
            consent=True,
        ),
    )  # fmt: skip
    assert expert.state == "applied"
    assert expert.keywords == ["质量管理"]
    assert [s.standard for s in expert.standards.all()] == [standard]
    assert sorted(str(f) for f in expert.fields.all()) == ["CCS A00", "ICS 03.120.10"]
    assert expert.masked_phone != "13812345678" and expert.masked_phone.startswith("138")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM talent_expert WHERE id = %s", [expert.pk])
        assert "13812345678" not in cursor.fetchone()[0]
    assert AuditEntry.objects.filter(action="talent.expert.applied").count() == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": "教授"}, "职称"),
        ({"ics": ["13-020"]}, "13-020"),
        ({"ics": [], "ccs": []}, "ICS"),
        ({"standards": [("GB/T 99999-2099", "drafted")]}, "GB/T 99999-2099"),
        ({"consent": False}, "同意"),
    ],
)
def test_bad_application_is_refused_in_chinese_and_saves_nothing(make_user, changes, message):
    values = {"name": "李四", "title": "senior", "employer": "甲", "ics": ["13.020"],
              "consent": True, **changes}  # fmt: skip
    with pytest.raises(ExpertError) as error:
        apply_as_expert(make_user(), Profile(**values))
    assert message in error.value.message
    assert not Expert.objects.exists()


def test_office_approves_for_a_term_suspends_renews_and_terms_expire(
    make_expert, office, make_user
):
    expert = make_expert(state="applied")
    with pytest.raises(TransitionRefused):
        decide_expert(make_user("nobody"), expert, "approve")
    decide_expert(office, expert, "approve", term_years=3)
    expert.refresh_from_db()
    assert expert.state == "active"
    assert expert.term_end.year == expert.term_start.year + 3
    with pytest.raises(TransitionRefused):
        decide_expert(office, expert, "suspend", "")  # a suspension needs its reason
    decide_expert(office, expert, "suspend", "两次未到会")
    decide_expert(office, expert, "reinstate")
    assert expire_terms(today=expert.term_end + datetime.timedelta(days=1)) == 1
    expert.refresh_from_db()
    assert expert.state == "expired"
    decide_expert(office, expert, "renew")
    expert.refresh_from_db()
    assert expert.state == "active"


def test_credit_record_is_immutable_and_summarised(make_expert, office, make_user):
    expert = make_expert()
    with pytest.raises(ExpertError):
        record_credit(make_user("outsider"), expert, "no_show")
    with pytest.raises(ExpertError):
        record_credit(office, expert, "declined")  # no reason
    record_credit(office, expert, "served")
    record_credit(office, expert, "no_show")
    record_credit(office, expert, "rating", rating=4)
    record_credit(office, expert, "rating", rating=5)
    event = CreditEvent.objects.filter(expert=expert).first()
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        CreditEvent.objects.filter(expert=expert).delete()
    summary = credit_summary(expert)
    assert summary == {"served": 1, "declined": 0, "no_shows": 1, "no_shows_last_year": 1,
                       "rating": 4.5}  # fmt: skip


def test_search_by_field_title_region_keyword_and_visibility(make_expert, make_user, office):
    a = make_expert(ics=["13.020.10"], title="senior", region="北京", keywords=["环境管理"])
    b = make_expert(ics=["91.100"], title="intermediate", region="上海")
    make_expert(state="applied", ics=["13.020"])
    assert list(search_experts(office, field="13.020")) == [a]
    assert list(search_experts(office, field="13")) == [a]  # a field finds the codes beneath it
    assert list(search_experts(office, field="13.02")) == []
    assert list(search_experts(office, title="intermediate")) == [b]
    assert list(search_experts(office, region="上海")) == [b]
    assert list(search_experts(office, keyword="环境")) == [a]
    assert list(search_experts(make_user("stranger"))) == []
    assert list(search_experts(a.user)) == [a]  # one's own profile only


def test_match_score_explains_the_evidence(make_expert, make_standard, office):
    make_standard("GB/T 24001-2016", title_zh="环境管理体系 要求及使用指南", title_en="")
    make_standard("GB 17761-2024", title_zh="电动自行车安全技术规范", title_en="")
    drafter = make_expert(ics=["13.020.10"], standards=[("GB/T 24001-2016", "drafted")])
    reviewer = make_expert(ics=["91.100"], standards=[("GB/T 24001-2016", "reviewed")])
    keyworded = make_expert(ics=["03.120"], keywords=["环境管理体系"])
    make_expert(ics=["03.120"], standards=[("GB 17761-2024", "drafted")])  # no match
    matches = match_experts(office, "环境管理体系审核指南", "环境管理体系的审核", ["13.020.10"])
    # drafted + declared field > a keyword (1.5) > reviewed with 5 of 9 title terms (2 × 0.56)
    assert [m.expert for m in matches] == [drafter, keyworded, reviewer]
    assert matches[0].score > matches[1].score > matches[2].score > 0
    assert any("GB/T 24001-2016" in e for e in matches[0].evidence)
    assert any("13.020.10" in e for e in matches[0].evidence)
    assert any("环境管理体系" in e for e in matches[1].evidence)
    assert any("GB/T 24001-2016" in e and "56%" in e for e in matches[2].evidence)
