"""HTTP: conformity pages, uploads, reports, benefit pages and exports, questionnaire flow."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.writers import Sheet, write_xlsx
from verification.models import BenefitEvaluation, ConformityTest, Questionnaire
from verification.tests.evaluation_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


@pytest.fixture
def engineer(client, world):
    client.force_login(world["engineer"])
    return client


def create_test(client, world):
    response = client.post(reverse("evaluation:conformity-new"), {
        "standard": "GB/T 2099.1-2021", "centre": world["centre"].pk, "product": "插座",
        "model": "S-10", "tested_on": "2025-05-01",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    return ConformityTest.objects.get()


def test_conformity_flow_over_http(engineer, world):
    test = create_test(engineer, world)
    url = reverse("evaluation:conformity-add-item", args=[test.pk])
    response = engineer.post(url, {"clause": "5.2", "indicator": "铅", "requirement": "≤ 0.5 mg/kg",
                                   "value": "0.7"})  # fmt: skip
    assert response.status_code == 302
    data = write_xlsx(
        [Sheet("d", [["条款", "指标", "要求", "测定值"], ["5.3", "镉", "≤0.1", "0.05"]])]
    )
    response = engineer.post(reverse("evaluation:conformity-upload", args=[test.pk]),
                             {"file": SimpleUploadedFile("d.xlsx", data)})  # fmt: skip
    assert response.status_code == 302
    page = engineer.get(test.get_absolute_url()).content.decode()
    assert "不合格" in page and "GB/T 8170" in page
    response = engineer.post(reverse("evaluation:conformity-state", args=[test.pk]),
                             {"to_state": "reported"})  # fmt: skip
    test.refresh_from_db()
    assert test.state == "reported"
    pdf = engineer.get(reverse("evaluation:conformity-pdf", args=[test.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = engineer.get(reverse("evaluation:conformity-xlsx", args=[test.pk]))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    assert [r[0] for r in book.worksheets[1].iter_rows(values_only=True)][1:] == ["5.2", "5.3"]
    verify = engineer.get(reverse("evaluation:conformity-verify", args=[test.verification_code]))
    assert test.report_number in verify.content.decode()
    stats = engineer.get(reverse("evaluation:standard-stats", args=[world["standard"].pk]))
    assert "<svg" in stats.content.decode() and "5.2" in stats.content.decode()


def test_bad_upload_shows_a_located_error_and_keeps_nothing(engineer, world):
    test = create_test(engineer, world)
    data = write_xlsx(
        [Sheet("d", [["条款", "指标", "要求", "测定值"], ["5.3", "镉", "≤0.1", "abc"]])]
    )
    response = engineer.post(reverse("evaluation:conformity-upload", args=[test.pk]),
                             {"file": SimpleUploadedFile("d.xlsx", data)})  # fmt: skip
    assert response.status_code == 400
    assert "第 2 行，“测定值”列" in response.content.decode()
    assert test.items.count() == 0


def test_other_centre_cannot_see_or_change(client, engineer, world):
    test = create_test(engineer, world)
    client.force_login(world["outsider"])
    assert client.get(test.get_absolute_url()).status_code == 404
    assert client.post(reverse("evaluation:conformity-add-item", args=[test.pk]),
                       {"clause": "1", "indicator": "x", "requirement": "≤1", "value": "0"}
                       ).status_code == 404  # fmt: skip
    assert client.get(reverse("evaluation:conformity-pdf", args=[test.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("evaluation:conformity-list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_unknown_verification_code_is_404(client):
    assert client.get(reverse("evaluation:conformity-verify", args=["NOPE"])).status_code == 404


def test_benefit_evaluation_pages_and_exports(client, world):
    client.force_login(world["secretary"])
    response = client.post(reverse("evaluation:benefit-list"), {
        "standard": "GB/T 2099.1-2021", "title": "实施效益", "body": world["alliance"].pk,
        "rate": "10", "currency": "万元", "flows": "0, 100, 0\n1, 10, 50\n2, 10, 50\n3, 10, 50",
    })  # fmt: skip
    assert response.status_code == 302
    evaluation = BenefitEvaluation.objects.get()
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "-0.53" in page and "2.50" in page and "<svg" in page
    pdf = client.get(reverse("evaluation:benefit-export", args=[evaluation.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("evaluation:benefit-export", args=[evaluation.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    assert (
        client.get(reverse("evaluation:benefit-export", args=[evaluation.pk, "doc"])).status_code
        == 404
    )
    client.force_login(world["outsider"])
    assert client.get(evaluation.get_absolute_url()).status_code == 404


def test_bad_benefit_input_keeps_the_form(client, world):
    client.force_login(world["secretary"])
    response = client.post(reverse("evaluation:benefit-list"), {
        "standard": "GB/T 2099.1-2021", "title": "t", "body": world["alliance"].pk, "rate": "10",
        "currency": "万元", "flows": "0, 100, 0\n1, x, 50",
    })  # fmt: skip
    assert response.status_code == 400
    text = response.content.decode()
    assert "第 2 行，费用：“x”不是金额。" in text and "1, x, 50" in text
    assert BenefitEvaluation.objects.count() == 0


def test_questionnaire_flow_over_http(client, world):
    client.force_login(world["secretary"])
    response = client.post(reverse("evaluation:questionnaire-list"), {
        "standard": "GB/T 2099.1-2021", "title": "适用性", "body": world["alliance"].pk,
    })  # fmt: skip
    q = Questionnaire.objects.get()
    url = q.get_absolute_url()
    client.post(url, {"action": "question", "dimension": "clarity", "kind": "score",
                      "text": "条文清晰", "weight": "1", "required": "on"})  # fmt: skip
    client.post(url, {"action": "transition", "to_state": "open"})
    response = client.post(url, {"action": "invite", "organization": world["adopter"].pk,
                                 "days": "30"})  # fmt: skip
    link = response.context["link"]
    assert "/answer/" in link
    path = link.split("testserver")[1]
    client.logout()
    question = q.questions.get()
    bad = client.post(path, {f"q-{question.pk}": "9"})
    assert bad.status_code == 200 and "1 至 5" in bad.content.decode()
    assert client.post(path, {f"q-{question.pk}": "4"}).status_code == 200
    assert client.get(path).status_code == 410  # single use
    client.force_login(world["secretary"])
    page = client.get(url).content.decode()
    assert "4.00" in page and "<svg" in page
    listing = client.get(reverse("evaluation:questionnaire-list") + "?by=alliance").content.decode()
    assert "智能制造产业联盟" in listing
    export = client.get(reverse("evaluation:questionnaire-export", args=[q.pk]))
    assert export.content[:2] == b"PK"


def test_grouping_tabs_answer_htmx_with_the_fragment(client, world):
    client.force_login(world["office"])
    url = reverse("evaluation:questionnaire-list") + "?by=ics"
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="grouped-scores"' in fragment or "尚无答卷" in fragment
    assert "<html" not in fragment
    assert "<html" in client.get(url).content.decode()


def test_dashboard_card_lists_the_engineer_s_drafts(engineer, world):
    create_test(engineer, world)
    page = engineer.get(reverse("dashboard")).content.decode()
    assert "标准评价" in page and "插座 S-10" in page


def test_questionnaire_of_another_alliance_is_hidden(client, world):
    from bodies.models import Body, BodyKind
    from verification.services.applicability import create_questionnaire
    from verification.tests.evaluation_fixtures import member

    q = create_questionnaire(user=world["secretary"], standard=world["standard"], title="t",
                             body=world["alliance"])  # fmt: skip
    other = Body.objects.create(kind=BodyKind.ALLIANCE, name="另一联盟")
    rival = world["make_user"]("rival")
    member(other, rival, role="secretariat")
    client.force_login(rival)
    assert client.get(q.get_absolute_url()).status_code == 404
    client.force_login(world["office"])
    assert client.get(q.get_absolute_url()).status_code == 200


def test_benefit_inputs_are_changed_and_audited(client, world):
    from audit.models import AuditEntry
    from verification.services.benefit import save_benefit_evaluation

    evaluation = save_benefit_evaluation(user=world["secretary"], standard=world["standard"],
                                         title="t", rate_text="10", body=world["alliance"],
                                         flows="0,100,0\n1,10,50\n2,10,50\n3,10,50")  # fmt: skip
    client.force_login(world["secretary"])
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert 'id="benefit-sensitivity"' in page and ">8<" in page and ">12<" in page
    bad = client.post(
        evaluation.get_absolute_url(), {"title": "t", "rate": "200", "flows": "0,1,0"}
    )
    assert bad.status_code == 400 and "折现率须在 0 % 至 100 % 之间" in bad.content.decode()
    flows = "0,100,0\n1,10,50\n2,10,50\n3,10,50"
    client.post(evaluation.get_absolute_url(), {"title": "t", "rate": "0", "flows": flows})
    evaluation.refresh_from_db()
    assert evaluation.discount_rate == 0
    assert AuditEntry.objects.filter(action="verification.benefit.changed").count() == 1


def test_benefit_service_refuses_strangers(world):
    from verification.services.benefit import BenefitInputError, save_benefit_evaluation

    with pytest.raises(BenefitInputError, match="不能"):
        save_benefit_evaluation(user=world["outsider"], standard=world["standard"], title="t",
                                rate_text="8", flows="0,1,0", body=world["alliance"])  # fmt: skip


def test_withdrawing_a_report_needs_a_reason(engineer, world):
    test = create_test(engineer, world)
    item = {"clause": "5", "indicator": "铅", "requirement": "≤ 0.5", "value": "0.1"}
    engineer.post(reverse("evaluation:conformity-add-item", args=[test.pk]), item)
    state = reverse("evaluation:conformity-state", args=[test.pk])
    engineer.post(state, {"to_state": "reported"})
    refused = engineer.post(state, {"to_state": "withdrawn", "comment": ""})
    assert refused.status_code == 400 and "须填写理由" in refused.content.decode()
    engineer.post(state, {"to_state": "withdrawn", "comment": "样品有误"})
    test.refresh_from_db()
    assert test.state == "withdrawn"
    verify = engineer.get(reverse("evaluation:conformity-verify", args=[test.verification_code]))
    assert "此报告已撤回" in verify.content.decode()


def test_the_header_link_is_for_people_who_work_here(client, world):
    client.force_login(world["engineer"])
    assert "/verification/evaluation/conformity/" in client.get("/dashboard/").content.decode()
    client.force_login(world["make_user"]("visitor"))
    assert "/verification/evaluation/conformity/" not in client.get("/dashboard/").content.decode()


def test_conformity_list_filters_and_answers_htmx(engineer, world):
    create_test(engineer, world)
    url = reverse("evaluation:conformity-list")
    assert "插座" in engineer.get(url + "?q=2099").content.decode()
    assert "插座" not in engineer.get(url + "?state=reported").content.decode()
    fragment = engineer.get(url + "?q=S-10", headers={"HX-Request": "true"}).content.decode()
    assert "插座" in fragment and "<html" not in fragment
