"""Draft verification requests: items, plan, judged results, comments on the draft, report."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from core.exceptions import DomainError
from verification.services import requests as service
from verification.services.conformity import ItemInput
from verification.tests.centre_fixtures import *  # noqa: F403
from verification.tests.centre_fixtures import ITEM_LINES
from workflows.services import transition

pytestmark = pytest.mark.django_db


def entry(clause, value, unit="", row=2, indicator=""):
    return ItemInput(clause, indicator or "x", "-", value, unit, "", row)


def test_secretariat_requests_items_and_their_requirements_parse_into_limits(lab):  # noqa: F811
    req = service.request_verification(
        lab["draft"], user=lab["secretary"], centre=lab["profile"], title="",
        items=service.parse_item_lines(ITEM_LINES),
    )  # fmt: skip
    items = list(req.items.all())
    assert [(i.clause, i.method, i.comparison) for i in items] == [
        ("5.1", "experiment", ""), ("5.2", "experiment", ""), ("5.3", "trial", "rounded"),
    ]  # fmt: skip
    assert req.state == "requested" and req.project == lab["project"]
    assert service.limit_text(items[0].requirement) == "x ≤ 0.5 mg/kg"
    assert service.limit_text(items[2].requirement) == "x ≥ 30 MPa"
    assert "“符合要求”" in service.limit_text("符合要求")
    assert AuditEntry.objects.filter(action="verification.request.created").count() == 1


def test_only_the_projects_secretariat_may_request(lab):  # noqa: F811
    with pytest.raises(DomainError, match="秘书处|secretariat"):
        service.request_verification(
            lab["draft"], user=lab["engineer"], centre=lab["profile"], title="t",
            items=service.parse_item_lines(ITEM_LINES),
        )  # fmt: skip


def test_item_lines_are_refused_with_the_line_number(lab):  # noqa: F811
    with pytest.raises(DomainError) as caught:
        service.parse_item_lines("5.1 | 铅\n")
    assert "1" in caught.value.message
    with pytest.raises(DomainError) as caught:
        service.request_verification(
            lab["draft"], user=lab["secretary"], centre=lab["profile"], title="t",
            items=service.parse_item_lines("5.1|铅|≤0.5|试验\n\n5.2|容量|≥1|烹饪\n"),
        )  # fmt: skip
    assert "3" in caught.value.message


def test_centre_refuses_someone_elses_plan_and_accepts_its_own(lab):  # noqa: F811
    req = service.request_verification(
        lab["draft"], user=lab["secretary"], centre=lab["profile"], title="t",
        items=service.parse_item_lines(ITEM_LINES),
    )  # fmt: skip
    with pytest.raises(DomainError):
        transition(req, "accepted", lab["outsider"])
    transition(req, "accepted", lab["engineer"])
    with pytest.raises(DomainError):
        service.record_results(req, [entry("5.1", "0.3")], user=lab["outsider"])
    with pytest.raises(DomainError):
        transition(req, "planned", lab["engineer"])  # no samples or dates yet


def test_results_are_judged_with_the_rule_and_units_convert(planned):  # noqa: F811
    req = planned["req"]
    service.record_results(
        req, [entry("5.1", "0.00007", "%"), entry("5.2", "94.8"), entry("5.3", "29.96")],
        user=planned["engineer"],
    )  # fmt: skip
    verdicts = {i.clause: (i.verdict, i.rule) for i in req.items.all()}
    assert verdicts["5.1"][0] == "fail"  # 0.00007 % = 0.7 mg/kg > 0.5
    assert verdicts["5.2"][0] == "fail"
    assert verdicts["5.3"][0] == "pass"  # rounded to 30 per GB/T 8170
    assert "修约值" in verdicts["5.3"][1]


def test_a_bad_upload_saves_nothing_and_names_row_and_column(planned):  # noqa: F811
    req = planned["req"]
    text = (
        "条款,指标,要求,测定值,单位\n5.1,铅含量,≤ 0.5 mg/kg,0.2,mg/kg\n"
        "5.2,容量保持率,95 %~105 %,abc,%\n"
    )
    upload = SimpleUploadedFile("r.csv", text.encode("utf-8"))
    with pytest.raises(DomainError) as caught:
        service.record_results(req, service.read_results_file(upload), user=planned["engineer"])
    assert "3" in caught.value.message and "测定值" in caught.value.message
    assert not req.items.exclude(verdict="").exists()
    bad_unit = "条款,指标,要求,测定值,单位\n5.3,抗压强度,不低于 30 MPa,31,kg\n"
    with pytest.raises(DomainError) as caught:
        service.record_results(
            req, service.read_results_file(SimpleUploadedFile("r.csv", bad_unit.encode())),
            user=planned["engineer"],
        )  # fmt: skip
    assert "2" in caught.value.message
    unknown = "条款,指标,要求,测定值,单位\n9.9,无,≤1,0.5,\n"
    with pytest.raises(DomainError, match="9.9"):
        service.record_results(
            req, service.read_results_file(SimpleUploadedFile("r.csv", unknown.encode())),
            user=planned["engineer"],
        )  # fmt: skip


def test_the_template_round_trips(planned):  # noqa: F811
    from openpyxl import load_workbook

    req = planned["req"]
    book = load_workbook(io.BytesIO(service.results_template(req)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("条款", "指标", "要求", "测定值") and len(rows) == 4
    for r, value in zip(range(2, 5), ("0.12", "100.2", "31"), strict=True):
        sheet.cell(row=r, column=4, value=value)
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("filled.xlsx", out.getvalue())
    service.record_results(req, service.read_results_file(upload), user=planned["engineer"])
    assert set(req.items.values_list("verdict", flat=True)) == {"pass"}


def test_report_files_failed_and_inconclusive_items_as_comments_and_attaches_the_pdf(planned):  # noqa: F811
    from development.models import Comment

    req = planned["req"]
    with pytest.raises(DomainError):
        transition(req, "reported", planned["engineer"])  # items without results
    service.record_results(
        req, [entry("5.1", "0.8"), entry("5.2", "未检出"), entry("5.3", "31")],
        user=planned["engineer"],
    )  # fmt: skip
    transition(req, "reported", planned["engineer"])
    req.refresh_from_db()
    comments = Comment.objects.filter(draft=planned["draft"]).order_by("number")
    assert [(c.clause, c.kind, c.organisation, c.source) for c in comments] == [
        ("5.1", "te", "电工产品验证中心", "verification"),
        ("5.2", "te", "电工产品验证中心", "verification"),
    ]
    assert "不符合" in comments[0].text and "无法判定" in comments[1].text
    assert req.items.get(clause="5.1").comment == comments[0]
    assert req.report_number.startswith("VR-") and len(req.verification_code) == 10
    assert req.report_file.read(5) == b"%PDF-"
    assert service.overall_verdict(req) == "fail"


def test_withdrawal_needs_the_requester_and_a_reason(lab):  # noqa: F811
    req = service.request_verification(
        lab["draft"], user=lab["secretary"], centre=lab["profile"], title="t",
        items=service.parse_item_lines(ITEM_LINES),
    )  # fmt: skip
    with pytest.raises(DomainError):
        transition(req, "withdrawn", lab["engineer"], "no")
    with pytest.raises(DomainError):
        transition(req, "withdrawn", lab["secretary"], "")
    transition(req, "withdrawn", lab["secretary"], "草案已修改")
    assert AuditEntry.objects.filter(action="verification.request.withdraw").exists()
