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


@pytest.fixture
def two_units(gov, make_org):
    """Two builder units, each with a centre, plan tasks and a centre indicator."""
    from governance import roles
    from governance.models import PlanTask
    from governance.services import bases, plans

    office, base = gov["office"], gov["base"]
    other_centre = bases.add_centre(base, "标准化服务中心", actor=office)
    other = make_org("郑州大学")
    bases.add_unit(base, other, roles.BUILDER_UNIT, centre=other_centre, actor=office)
    plan = plans.create_plan(base, year=2026, title="年度工作计划", actor=office)
    for unit, centre, done in (
        (gov["builder"], gov["centre"], [True, True]),
        (other, other_centre, [True, False]),
    ):
        for n, finished in enumerate(done):
            task = plans.add_plan_task(
                plan,
                title=f"{unit.name}任务{n}",
                unit=unit,
                centre=centre,
                starts_on=D(2026, 1, 1),
                due_on=D(2026, 3, 31),
                actor=office,
            )
            if finished:
                PlanTask.objects.filter(pk=task.pk).update(completed_on=D(2026, 3, 20))
    root = kpis.add_indicator(base, code="2", name="建设任务", actor=office)
    kpis.add_indicator(
        base,
        code="2.1",
        name="计划任务按期完成率",
        parent=root,
        target="100",
        source="governance.plan_tasks_on_time",
        actor=office,
    )
    for code, centre, value in (("2.2", gov["centre"], "11"), ("2.3", other_centre, "22")):
        leaf = kpis.add_indicator(
            base, code=code, name=f"中心指标{code}", parent=root, target="50", centre=centre,
            actor=office,
        )  # fmt: skip
        kpis.enter_value(
            leaf, period=D(2026, 6, 1), value=value, note="台账", user=office, upload=pdf_file()
        )
    return {"other": other, "other_centre": other_centre}


def test_a_units_dashboard_shows_its_centres_and_counts_its_tasks_only(gov, two_units):
    base = gov["base"]
    assert list(monitoring.builder_units(base)) == sorted(
        [gov["builder"], two_units["other"]], key=lambda o: o.name
    )
    mine = monitoring.dashboard(base, until=D(2026, 6, 30), months=2, unit=gov["builder"])
    codes = [r.indicator.code for r in mine.rows]
    assert "2.2" in codes and "2.3" not in codes and "1" not in codes
    on_time = next(r for r in mine.rows if r.indicator.code == "2.1")
    assert on_time.series == [Decimal("100.0"), Decimal("100.0")]
    assert not mine.centres  # no per-centre totals on a unit's board
    theirs = monitoring.dashboard(base, until=D(2026, 6, 30), months=1, unit=two_units["other"])
    assert [r.indicator.code for r in theirs.rows] == ["2", "2.1", "2.3"]
    assert theirs.rows[1].series == [Decimal("50.0")] and theirs.rows[2].series[-1] == 22
    with pytest.raises(monitoring.GovernanceError):
        monitoring.unit_of(base, gov["outsider"].pk + 10_000)
    with pytest.raises(monitoring.GovernanceError):
        monitoring.unit_of(base, "x")


def test_the_dashboard_page_and_export_filter_by_unit(gov, two_units):
    import openpyxl

    base, other = gov["base"], two_units["other"]
    office = _client(gov["office"])
    url = f"/governance/bases/{base.pk}/dashboard/"
    page = office.get(url).content.decode()
    assert f'value="unit-{other.pk}"' in page and f'value="centre-{gov["centre"].pk}"' in page
    chosen = office.get(f"{url}?scope=unit-{other.pk}").content.decode()
    assert f'value="unit-{other.pk}" selected' in chosen
    board = office.get(f"{url}?scope=unit-{other.pk}", HTTP_HX_REQUEST="true").content.decode()
    assert "中心指标2.3" in board and "中心指标2.2" not in board and other.name in board
    assert office.get(f"{url}?unit={other.pk}").status_code == 200
    assert office.get(f"{url}?scope=unit-999999").status_code == 404
    assert office.get(f"{url}?scope=unit-abc").status_code == 404
    export = office.get(f"/governance/bases/{base.pk}/dashboard.xlsx?scope=unit-{other.pk}")
    names = [row[1] for row in openpyxl.load_workbook(io.BytesIO(export.content)).active.values]
    assert "中心指标2.3" in names and "中心指标2.2" not in names
    assert office.get(f"/governance/bases/{base.pk}/dashboard.csv?unit=999999").status_code == 404


def test_the_dashboard_api_filters_by_a_unit_the_caller_may_see(gov, two_units, make_org):
    from governance import roles
    from governance.services import bases

    base, other = gov["base"], two_units["other"]
    url = f"/api/v1/governance/bases/{base.pk}/dashboard/"
    office = _client(gov["office"])
    whole = office.get(url, {"months": 1}).json()
    assert whole["unit"] is None and "中心指标2.2" in [r["name"] for r in whole["rows"]]
    theirs = office.get(url, {"months": 36, "unit": other.pk}).json()
    assert theirs["unit"] == {"id": other.pk, "name": other.name}
    rows = {r["code"]: r for r in theirs["rows"]}
    assert sorted(rows) == ["2", "2.1", "2.3"]
    assert rows["2.1"]["series"][-1] == "50.00" and "22.00" in rows["2.3"]["series"]
    mine = office.get(url, {"months": 36, "unit": gov["builder"].pk}).json()
    assert {r["code"] for r in mine["rows"]} == {"2", "2.1", "2.2"}
    assert mine["rows"][1]["series"][-1] == "100.00"
    # An organisation with nothing in this base, a missing id and a non-number: 400, said why.
    stranger = make_org("无关单位")
    for bad in (stranger.pk, 999999, "abc"):
        answer = office.get(url, {"unit": bad})
        assert answer.status_code == 400, bad
        body = answer.json()
        assert body["code"] == "unknown_unit" and str(bad) in body["detail"]
    # A unit of another base is unknown here.
    elsewhere = bases.create_base(code="other", name="另一基地", actor=gov["office"])
    centre = bases.add_centre(elsewhere, "另一中心", actor=gov["office"])
    bases.add_unit(elsewhere, stranger, roles.BUILDER_UNIT, centre=centre, actor=gov["office"])
    assert office.get(url, {"unit": stranger.pk}).status_code == 400


def test_the_dashboard_api_offers_only_units_the_caller_may_see(gov, two_units):
    from governance import roles
    from governance.services import bases
    from governance.services import monitoring as service

    base, other = gov["base"], two_units["other"]
    worker = gov["worker"]
    assert list(service.builder_units(base, worker)) == [gov["builder"]]
    assert service.unit_of(base, gov["builder"].pk, worker) == gov["builder"]
    with pytest.raises(service.GovernanceError):
        service.unit_of(base, other.pk, worker)
    assert set(service.builder_units(base, gov["office"])) == {gov["builder"], other}
    # On the base's expert committee the unit's contact sees the base, and its own unit only.
    bases.add_person(base, worker, roles.EXPERT_COMMITTEE, actor=gov["office"])
    url = f"/api/v1/governance/bases/{base.pk}/dashboard/"
    client = _client(worker)
    assert client.get(url).status_code == 200
    assert client.get(url, {"unit": gov["builder"].pk}).json()["unit"]["id"] == gov["builder"].pk
    hidden = client.get(url, {"unit": other.pk})
    assert hidden.status_code == 400 and hidden.json()["code"] == "unknown_unit"


def test_the_dashboard_page_offers_and_opens_only_units_the_person_may_see(gov, two_units):
    from governance import roles
    from governance.services import bases

    base, other, worker = gov["base"], two_units["other"], gov["worker"]
    bases.add_person(base, worker, roles.EXPERT_COMMITTEE, actor=gov["office"])
    client, url = _client(worker), f"/governance/bases/{base.pk}/dashboard/"
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["units"]) == [gov["builder"]]
    assert client.get(url, {"scope": f"unit-{gov['builder'].pk}"}).status_code == 200
    assert client.get(url, {"scope": f"unit-{other.pk}"}).status_code == 404
    office_page = _client(gov["office"]).get(url, {"scope": f"unit-{other.pk}"})
    assert office_page.status_code == 200 and office_page.context["chosen_unit"] == other
