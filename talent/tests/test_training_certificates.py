"""Certificates: only to those who attended and passed, verifiable, revocable, hours accumulate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from audit.models import AuditEntry
from talent.models import Certificate
from talent.services import certificates as certs
from talent.services import training as svc
from talent.tests import fixtures_training as fx
from talent.tests.fixtures_training import hold

# Fixtures of the training tests (no conftest.py: the expert-database tests keep theirs).
_roles, _fast_hashing, _fresh_rate_limits = fx._roles, fx._fast_hashing, fx._fresh_rate_limits
make_user, make_org, training = fx.make_user, fx.make_org, fx.training

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(training, make_user):
    """A held session: 甲 passed (80), 乙 failed (50), 丙 absent, 丁 attended without a score."""
    session, staff = training["session"], training["staff"]
    svc.set_capacity(staff, session, 4)
    people = [
        make_user(f"p{i}", display_name=n) for i, n in enumerate(["甲一", "乙二", "丙三", "丁四"])
    ]
    rows = [svc.enrol(session, p) for p in people]
    hold(session, staff)
    svc.record_attendance(staff, session, [rows[0].pk, rows[1].pk, rows[3].pk])
    for row in rows:
        row.refresh_from_db()
    svc.record_exam_score(staff, rows[0], 80)
    svc.record_exam_score(staff, rows[1], 50)
    return {**training, "people": people, "rows": rows}


def test_certificates_go_only_to_those_who_attended_and_passed(held):
    issued = certs.issue_certificates(held["staff"], held["session"])
    assert [c.holder for c in issued] == [held["people"][0]]
    cert = issued[0]
    assert cert.number.startswith("PX") and cert.hours == Decimal("16.0")
    assert cert.course_title == "标准化基础" and cert.holder_name == "甲一"
    assert certs.issue_certificates(held["staff"], held["session"]) == []  # none twice
    for row, reason in zip(
        held["rows"][1:], ["低于及格分60", "未出席", "没有考试成绩"], strict=True
    ):
        with pytest.raises(svc.TrainingError, match=reason):
            certs.issue_certificate(held["staff"], row)
    with pytest.raises(svc.TrainingError, match="已有证书"):
        certs.issue_certificate(held["staff"], held["rows"][0])
    assert AuditEntry.objects.filter(action="talent.certificate.issued").count() == 1


def test_a_course_without_exam_certifies_every_attendee(training, make_user):
    session, staff = training["session"], training["staff"]
    type(training["course"]).objects.filter(pk=training["course"].pk).update(pass_mark=None)
    a, b = make_user("a"), make_user("b")
    ea, _eb = svc.enrol(session, a), svc.enrol(session, b)
    hold(session, staff)
    svc.record_attendance(staff, session, [ea.pk])
    assert [c.holder for c in certs.issue_certificates(staff, session)] == [a]


def test_no_certificates_before_the_session_is_held_nor_by_another_centre(held, make_user):
    from bodies.services import add_member

    stranger = make_user("stranger")
    add_member(held["other"], "centre_staff", user=stranger, actor=held["office"])
    with pytest.raises(svc.TrainingError, match="培训管理"):
        certs.issue_certificates(stranger, held["session"])
    with pytest.raises(svc.TrainingError, match="培训管理"):
        certs.issue_certificates(held["people"][0], held["session"])
    assert not Certificate.objects.exists()


def test_verification_reports_valid_revoked_tampered_and_unknown(held):
    cert = certs.issue_certificates(held["staff"], held["session"])[0]
    found, intact = certs.verify_certificate(cert.code.lower().replace("-", " "))
    assert found == cert and intact
    assert certs.verify_certificate("AAAAA-BBBBB-CCCCC-DDDDD") == (None, False)
    assert certs.verify_certificate("short") == (None, False)
    Certificate.objects.filter(pk=cert.pk).update(hours=Decimal("160"))
    assert certs.verify_certificate(cert.code) == (cert, False)
    Certificate.objects.filter(pk=cert.pk).update(hours=Decimal("16"))
    with pytest.raises(svc.TrainingError, match="理由"):
        certs.revoke_certificate(held["staff"], cert, "  ")
    with pytest.raises(svc.TrainingError, match="培训管理"):
        certs.revoke_certificate(held["people"][0], cert, "自己撤销")
    certs.revoke_certificate(held["staff"], cert, "考试作弊")
    found, intact = certs.verify_certificate(cert.code)
    assert intact and found.revoked and found.revocation_reason == "考试作弊"
    entry = AuditEntry.objects.get(action="talent.certificate.revoked")
    assert entry.detail == "考试作弊" and entry.actor_id == held["staff"].pk
    with pytest.raises(svc.TrainingError, match="已被撤销"):
        certs.revoke_certificate(held["staff"], cert, "再次")


def test_training_hours_sum_valid_certificates(held, make_user):
    person = held["people"][0]
    assert svc.training_hours(person) == 0
    cert = certs.issue_certificates(held["staff"], held["session"])[0]
    assert svc.training_hours(person) == Decimal("16.0")
    assert svc.training_hours(held["people"][1]) == 0
    certs.revoke_certificate(held["office"], cert, "信息有误")
    assert svc.training_hours(person) == 0


@pytest.mark.parametrize(
    ("name", "masked"), [("张三", "张*"), ("欧阳修文", "欧***"), ("A", "A"), ("Alice Wang", "A***")]
)
def test_names_are_masked_on_the_public_page(name, masked):
    assert certs.mask_name(name) == masked


def test_the_pdf_carries_the_code_and_a_qr_link(held):
    cert = certs.issue_certificates(held["staff"], held["session"])[0]
    pdf = certs.certificate_pdf(cert, "https://stdbase.example/")
    assert pdf.startswith(b"%PDF")
    report = certs.certificate_report(cert, "https://stdbase.example/")
    assert report.verification.code == cert.code
    assert report.verification.url == f"https://stdbase.example/talent/training/verify/{cert.code}/"
    assert ("证书编号", cert.number) in report.metadata
    assert ("培训学时", "16.0") in report.metadata
