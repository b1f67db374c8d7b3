"""Training in a real browser: enrol by keyboard, the certificate's QR page, valid then revoked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.pdf.qr import qr_matrix
from core.tests.test_registry_browser import sign_in
from talent.models import Enrolment
from talent.services import certificates as certs
from talent.services import training as svc
from talent.tests import fixtures_training as fx
from talent.tests.fixtures_training import hold

# Fixtures of the training tests (no conftest.py: the expert-database tests keep theirs).
_roles, _fast_hashing, _fresh_rate_limits = fx._roles, fx._fast_hashing, fx._fresh_rate_limits
make_user, make_org, training = fx.make_user, fx.make_org, fx.training

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enrol_then_the_certificate_qr_page_shows_valid_and_then_revoked(
    page, browser, live_server, training, make_user
):
    session, staff = training["session"], training["staff"]
    make_user("learner", display_name="赵六一")
    sign_in(page, live_server, "learner")
    page.goto(f"{live_server.url}/talent/training/")
    page.get_by_test_id("sessions").get_by_role("link", name="标准化基础").click()
    panel = page.get_by_test_id("enrol-panel")
    expect(panel).to_contain_text("已占名额 0 / 2")
    page.get_by_test_id("enrol").focus()
    page.keyboard.press("Enter")  # htmx swaps the panel in place
    expect(panel).to_contain_text("报名成功，名额已确认")
    expect(panel).to_contain_text("已占名额 1 / 2")
    expect(page).to_have_url(re.compile(rf"/talent/training/sessions/{session.pk}/$"))

    enrolment = Enrolment.objects.get(person__username="learner")
    hold(session, staff)
    svc.record_attendance(staff, session, [enrolment.pk])
    svc.record_exam_score(staff, enrolment, 92)
    cert = certs.issue_certificates(staff, session)[0]

    page.goto(f"{live_server.url}/talent/training/mine/")
    expect(page.get_by_test_id("training-hours")).to_contain_text("培训学时：16.0")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # The QR code of the PDF encodes the verification URL; open it as an anonymous visitor.
    report = certs.certificate_report(cert, live_server.url)
    assert qr_matrix(report.verification.url)  # what the renderer draws
    assert report.verification.url == f"{live_server.url}/talent/training/verify/{cert.code}/"
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(report.verification.url)
    expect(visitor.get_by_test_id("verdict")).to_contain_text("这是一份真实有效的培训证书")
    facts = visitor.get_by_test_id("certificate")
    expect(facts).to_contain_text(cert.number)
    expect(facts).to_contain_text("赵**")
    expect(facts).to_contain_text("标准化基础")
    expect(facts).to_contain_text("16.0")
    assert "赵六一" not in visitor.content()

    certs.revoke_certificate(staff, cert, "培训记录有误")
    visitor.reload()
    expect(visitor.get_by_test_id("verdict")).to_contain_text("该证书已于")
    expect(visitor.get_by_test_id("verdict")).to_contain_text("培训记录有误")
    visitor.get_by_label("验证码").fill("AAAAA-BBBBB-CCCCC-DDDDD")
    visitor.get_by_label("验证码").press("Enter")
    expect(visitor.get_by_test_id("verdict")).to_contain_text("没有与该验证码对应的证书")
    visitor.context.close()
