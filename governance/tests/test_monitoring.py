"""The monitoring dashboard: series, lights, trends, centres, export, pages."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client

from accounts.tests.conftest import PASSWORD
from governance.models import KpiValue
from governance.services import kpis, monitoring
from governance.tests.conftest import pdf_file

D = datetime.date


@pytest.fixture
def board_base(gov):
    office, base = gov["office"], gov["base"]
    root = kpis.add_indicator(base, code="1", name="服务", actor=office)
    leaf = kpis.add_indicator(
        base,
        code="1.1",
        name="=服务企业数",
        parent=root,
        target="100",
        centre=gov["centre"],
        actor=office,
    )
    for month, value in ((4, "30"), (5, "70"), (6, "95")):
        kpis.enter_value(
            leaf, period=D(2026, month, 1), value=value, note="台账", user=office, upload=pdf_file()
        )
    return {"root": root, "leaf": leaf}


def test_series_lights_and_trend_over_the_months(gov, board_base):
    board = monitoring.dashboard(gov["base"], until=D(2026, 6, 30), months=4)
    assert board.months == [D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1)]
    leaf = next(r for r in board.rows if r.indicator.code == "1.1")
    assert leaf.series == [None, Decimal("30.00"), Decimal("70.00"), Decimal("95.00")]
    assert leaf.latest.light == "green" and leaf.trend == "up"
    assert board.totals == [None, Decimal("30.00"), Decimal("70.00"), Decimal("95.00")]
    assert board.centres[0]["centre"] == gov["centre"]
    april = monitoring.dashboard(gov["base"], until=D(2026, 4, 30), months=1)
    assert next(r for r in april.rows if r.indicator.code == "1.1").latest.light == "red"


def test_export_goes_through_the_safe_cell_writer(gov, board_base):
    import openpyxl

    board = monitoring.dashboard(gov["base"], until=D(2026, 6, 30), months=3)
    csv_text = monitoring.export_dashboard(board, "csv").decode("utf-8-sig")
    assert "'=服务企业数" in csv_text  # a formula-like name is neutralised
    book = openpyxl.load_workbook(io.BytesIO(monitoring.export_dashboard(board, "xlsx")))
    rows = list(book.active.values)
    assert rows[0][6:] == ("2026-04", "2026-05", "2026-06")
    assert rows[2][1] == "=服务企业数" and rows[2][8] == 95


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_pages_show_values_and_records_to_those_who_may_see_them(gov, board_base):
    base = gov["base"]
    office = _client(gov["office"])
    page = office.get(f"/governance/bases/{base.pk}/dashboard/?months=36")
    assert page.status_code == 200 and "服务企业数" in page.content.decode()
    partial = office.get(f"/governance/bases/{base.pk}/dashboard/", HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and 'id="board"' in partial.content.decode()
    drill = office.get(f"/governance/indicators/{board_base['leaf'].pk}/").content.decode()
    value = KpiValue.objects.filter(indicator=board_base["leaf"]).first()
    assert value.evidence.get_absolute_url() in drill
    export = office.get(f"/governance/bases/{base.pk}/dashboard.csv")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    outsider = _client(gov["outsider"])
    assert outsider.get(f"/governance/bases/{base.pk}/dashboard/").status_code == 404
    assert outsider.get(f"/governance/indicators/{board_base['leaf'].pk}/").status_code == 404
    assert outsider.get("/governance/").status_code == 200


def test_manual_entry_from_the_page_keeps_nothing_when_refused(gov, board_base):
    office = _client(gov["office"])
    leaf = board_base["leaf"]
    before = KpiValue.objects.count()
    office.post(
        f"/governance/indicators/{leaf.pk}/enter/",
        {"period": "2026-07", "value": "x", "note": "台账", "evidence": pdf_file()},
    )
    assert KpiValue.objects.count() == before
    office.post(
        f"/governance/indicators/{leaf.pk}/enter/",
        {"period": "2026-07", "value": "99", "note": "台账", "evidence": pdf_file()},
    )
    assert KpiValue.objects.get(indicator=leaf, period=D(2026, 7, 1)).value == 99


def test_step_one_pages_render_for_the_office_and_the_unit(gov):
    from governance.services import plans
    from workflows.services import transition

    office, worker = _client(gov["office"]), _client(gov["worker"])
    base, contract = gov["base"], gov["contract"]
    assert "郑洛新" in office.get(f"/governance/bases/{base.pk}/").content.decode()
    assert contract.number in worker.get(f"/governance/contracts/{contract.pk}/").content.decode()
    plan = plans.create_plan(base, year=2026, title="计划", actor=gov["office"])
    task = plans.add_plan_task(
        plan,
        title="建设实验室",
        unit=gov["builder"],
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 12, 31),
        actor=gov["office"],
    )
    transition(plan, "approved", gov["office"], "")
    worker.post(
        f"/governance/tasks/{task.pk}/report/",
        {"period": "2026-05", "percent": "30", "text": "已完成选址"},
    )
    task.refresh_from_db()
    assert task.progress == 30
    docx = office.get(f"/governance/plans/{plan.pk}/bulletin.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert office.get(f"/governance/plans/{plan.pk}/bulletin.pdf").content.startswith(b"%PDF")
