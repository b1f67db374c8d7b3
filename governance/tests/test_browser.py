"""The base office's whole path in headless Chromium (Chinese UI): a contract with tasks, a budget
line and a payment milestone released by the contract's rule → an annual plan with a task whose
unit reports progress with evidence → KPIs computed from the platform on the monitoring dashboard
→ an acceptance evaluation with a panel drawn from the talent database, expert scores, grade,
finding and rectification closed → the acceptance dossier downloaded."""

from __future__ import annotations

import zipfile

import pytest
from django.utils import timezone

from core.testing import sign_in
from governance.models import Contract, Evaluation, KpiValue, PlanTask
from governance.tests.test_path_http import panel_experts

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf(tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return str(path)


def _contract(page, live_server, gov, today) -> Contract:
    """Draw up, fill and sign a contract; accept its task at 75 %; verify and pay the milestone."""
    page.goto(f"{live_server.url}/governance/bases/{gov['base'].pk}/")
    page.locator("summary", has_text="新建任务书").click()
    page.locator("#c-number").fill("ZLX-B-01")
    page.locator("#c-title").fill("验证平台建设任务书")
    page.locator("#c-centre").select_option(str(gov["centre"].pk))
    page.locator("#c-builder").select_option(str(gov["builder"].pk))
    page.locator("#c-start").fill(f"{today.year}-01-01")
    page.locator("#c-end").fill(f"{today.year + 2}-12-31")
    page.locator("#c-rule").select_option("steps")
    page.locator("#c-steps").fill("90:100, 60:50")
    page.get_by_role("button", name="创建任务书").click()
    expect(page.locator("h1")).to_have_text("ZLX-B-01 验证平台建设任务书")

    page.locator("#a-title").fill("建成验证平台")
    page.locator("#a-deliv").fill("平台及验证报告")
    page.locator("#a-due").fill(today.isoformat())
    page.get_by_role("button", name="添加任务").click()
    page.locator("#b-name").fill("设备购置")
    page.locator("#b-amount").fill("100")
    page.get_by_role("button", name="添加科目").click()
    page.locator("#m-title").fill("一期拨款")
    page.locator("#m-amount").fill("100")
    page.locator("#m-due").fill(today.isoformat())
    expect(page.get_by_label("建成验证平台")).to_be_checked()
    page.get_by_role("button", name="添加节点").click()
    expect(page.locator("main")).to_contain_text("设备购置: 100")
    page.locator("#sign-on").fill(today.isoformat())
    page.get_by_role("button", name="签订").click()
    expect(page.locator("h1 + p .badge")).to_have_text("执行中")

    task_row = page.locator("tr", has_text="建成验证平台")
    task_row.get_by_label("完成度").fill("75")
    task_row.get_by_role("button", name="验收").click()
    task_row = page.locator("tr", has_text="建成验证平台")
    expect(task_row).to_contain_text("已验收")
    expect(task_row).to_contain_text("75")
    milestone_row = page.locator("tr", has_text="一期拨款")
    milestone_row.get_by_role("button", name="核定完成度").click()
    # The rule 90:100, 60:50 releases half of the milestone for a verified completion of 75 %.
    milestone_row = page.locator("tr", has_text="一期拨款")
    expect(milestone_row.locator("td").nth(3)).to_have_text("75.0%")
    expect(milestone_row.locator("td").nth(4)).to_have_text("50.00")
    milestone_row.get_by_label("支付日期").fill(today.isoformat())
    milestone_row.get_by_role("button", name="已支付").click()
    expect(page.locator("tr", has_text="一期拨款").locator("td").nth(5)).to_have_text(
        today.isoformat()
    )
    expect(page.locator(".border", has_text="已付 / 预算")).to_contain_text("50.00 / 100")
    contract = Contract.objects.get(number="ZLX-B-01")
    milestone = contract.milestones.get()
    assert milestone.released == 50 and milestone.paid_on == today
    return contract


def _plan(page, live_server, gov, today, tmp_path) -> PlanTask:
    """An annual plan with one task, approved; the builder unit reports it done with evidence."""
    page.goto(f"{live_server.url}/governance/bases/{gov['base'].pk}/")
    page.locator("#p-year").fill(str(today.year))
    page.locator("#p-title").fill(f"{today.year}年度工作计划")
    page.get_by_role("button", name="新建计划").click()
    expect(page.locator("h1")).to_contain_text(f"{today.year}年度工作计划")
    page.locator("#t-title").fill("验证平台上线运行")
    page.locator("#t-unit").select_option(str(gov["builder"].pk))
    page.locator("#t-centre").select_option(str(gov["centre"].pk))
    page.locator("#t-start").fill(f"{today.year}-01-01")
    page.locator("#t-due").fill(today.isoformat())
    page.get_by_role("button", name="添加", exact=True).click()
    expect(page.locator("tbody")).to_contain_text("验证平台上线运行")
    page.get_by_role("button", name="批准").click()
    expect(page.locator("h1 + p .badge")).to_have_text("已批准")
    task = PlanTask.objects.get(title="验证平台上线运行")

    sign_in(page, live_server, gov["worker"])
    page.goto(f"{live_server.url}/governance/tasks/{task.pk}/")
    page.locator("#period").select_option(f"{today:%Y-%m}-01")
    page.locator("#percent").fill("100")
    page.locator("#evidence").set_input_files(_pdf(tmp_path, "上线报告.pdf"))
    page.locator("#text").fill("平台已上线并通过试运行")
    page.get_by_role("button", name="报告进展").click()
    expect(page.locator("main")).to_contain_text("平台已上线并通过试运行")
    expect(page.get_by_role("link", name="上线报告.pdf")).to_be_visible()
    expect(page.locator("h1 + p strong")).to_have_text("100.0%")
    task.refresh_from_db()
    assert task.completed_on == today
    return task


def _indicator(page, code: str, name: str, target: str, source: str) -> None:
    page.locator("summary", has_text="添加指标").click()
    page.locator("#i-code").fill(code)
    page.locator("#i-name").fill(name)
    page.locator("#i-weight").fill("1")
    page.locator("#i-target").fill(target)
    page.locator("#i-source").select_option(source)
    page.get_by_role("button", name="添加指标").click()
    expect(page.locator("#board")).to_contain_text(name)


def _dashboard(page, live_server, gov) -> None:
    """Two KPIs computed from the platform's records and shown against their targets."""
    page.goto(f"{live_server.url}/governance/bases/{gov['base'].pk}/")
    page.get_by_role("link", name="动态监测").click()
    _indicator(page, "1", "计划任务按期完成率", "100", "governance.plan_tasks_on_time")
    _indicator(page, "2", "专家委员会专家人数", "3", "talent.experts")
    page.get_by_role("button", name="计算本月指标值").click()
    on_time = KpiValue.objects.get(indicator__code="1")
    experts = KpiValue.objects.get(indicator__code="2")
    assert on_time.computed and on_time.value == 100
    assert experts.computed and experts.value == 3
    expect(page.get_by_test_id("latest-1")).to_have_text(str(on_time.value))
    expect(page.get_by_test_id("latest-2")).to_have_text(str(experts.value))
    expect(page.locator("tr", has_text="计划任务按期完成率")).to_contain_text("达标")
    expect(page.get_by_test_id("total")).to_have_text("100.00")
    # Each value says how it was computed and links to the records it counted.
    page.get_by_role("link", name="1 计划任务按期完成率").click()
    expect(page.locator("tbody")).to_contain_text("1 项计划任务中，1 项按期完成")
    page.get_by_role("link", name="动态监测").first.click()
    page.get_by_role("link", name="2 专家委员会专家人数").click()
    expect(page.locator("tbody .badge")).to_have_text("计算")
    expect(page.locator("tbody a")).to_have_count(3)
    page.get_by_role("link", name="panel0").click()
    expect(page.locator("h1")).to_contain_text("panel0")


def _evaluation(page, live_server, gov, experts, today, tmp_path) -> Evaluation:
    """An acceptance evaluation: self-assessment, drawn panel, scores, grade, rectification."""
    page.goto(f"{live_server.url}/governance/bases/{gov['base'].pk}/evaluations/")
    page.locator("#ev-title").fill("基地建设验收")
    page.locator("#ev-kind").select_option("acceptance")
    page.locator("#ev-as-of").fill(today.isoformat())
    page.locator("#ev-size").fill("3")
    page.get_by_role("button", name="发起评估").click()
    expect(page.locator("h1")).to_have_text("基地建设验收")
    page.get_by_role("button", name="根据指标生成自评报告").click()
    expect(page.locator("pre")).to_contain_text("计划任务按期完成率")
    page.get_by_role("button", name="抽取专家组").click()
    expect(page.locator("section ol li")).to_have_count(3)
    page.get_by_role("button", name="开始专家评分").click()
    expect(page.locator("h1 + p .badge")).to_have_text("专家评分")
    evaluation = Evaluation.objects.get()
    url = page.url

    for expert, (first, second) in zip(
        experts, (("80", "90"), ("85", "85"), ("90", "80")), strict=True
    ):
        sign_in(page, live_server, expert)
        page.goto(url)
        page.get_by_label("计划任务按期完成率").fill(first)
        page.get_by_label("专家委员会专家人数").fill(second)
        page.get_by_role("button", name="保存评分").click()
        expect(page.get_by_label("计划任务按期完成率")).to_have_value(f"{first}.0")

    sign_in(page, live_server, gov["office"])
    page.goto(url)
    expect(page.locator("tr", has_text="计划任务按期完成率")).to_contain_text("85.0")
    page.get_by_role("button", name="汇总并定级").click()
    expect(page.get_by_test_id("grade")).to_have_text("良好")
    expect(page.get_by_test_id("score")).to_have_text("85.00")

    page.get_by_placeholder("问题").fill("验证报告归档不全")
    page.get_by_role("button", name="添加问题").click()
    finding = page.locator(".border", has_text="验证报告归档不全")
    finding.get_by_placeholder("整改").fill("补齐验证报告档案")
    finding.get_by_label("责任单位").select_option(str(gov["builder"].pk))
    finding.get_by_label("期限").fill(today.isoformat())
    finding.get_by_role("button", name="添加").click()
    expect(page.get_by_test_id("rect-state")).to_have_text("进行中")

    sign_in(page, live_server, gov["worker"])
    page.goto(url)
    page.get_by_placeholder("完成情况").fill("已补齐全部验证报告")
    page.get_by_label("佐证材料").set_input_files(_pdf(tmp_path, "整改证明.pdf"))
    page.get_by_role("button", name="报告完成").click()
    expect(page.get_by_test_id("rect-state")).to_have_text("已提交")

    sign_in(page, live_server, gov["office"])
    page.goto(url)
    page.get_by_role("button", name="确认并关闭").click()
    expect(page.get_by_test_id("rect-state")).to_have_text("已关闭")
    page.get_by_role("button", name="关闭", exact=True).click()
    expect(page.locator("h1 + p .badge")).to_have_text("已关闭")
    evaluation.refresh_from_db()
    assert evaluation.state == "closed" and evaluation.grade == "good"
    return evaluation


def test_contract_to_acceptance_dossier(page, live_server, gov, make_expert, tmp_path):
    today = timezone.localdate()
    experts = panel_experts(gov, make_expert)
    sign_in(page, live_server, gov["office"])
    _contract(page, live_server, gov, today)
    _plan(page, live_server, gov, today, tmp_path)
    sign_in(page, live_server, gov["office"])
    _dashboard(page, live_server, gov)
    _evaluation(page, live_server, gov, experts, today, tmp_path)

    with page.expect_download() as info:
        page.get_by_role("link", name="材料汇编（docx）").click()
    path = info.value.path()
    with zipfile.ZipFile(path) as docx:
        body = docx.read("word/document.xml").decode()
    for text in ("基地建设验收", "计划任务按期完成率", "良好", "补齐验证报告档案"):
        assert text in body
