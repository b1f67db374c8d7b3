"""The Django admin of governance: every change list loads; records cannot be changed by hand."""

import pytest
from django.contrib import admin

from accounts.models import RoleCode
from accounts.tests.conftest import signed_in
from governance.models import (
    AnnualPlan,
    Base,
    ChangeRequest,
    Contract,
    Document,
    Evaluation,
    ExpertScore,
    Finding,
    Indicator,
    KpiValue,
    PanelMember,
    PlanTask,
    ProgressReport,
    Rectification,
)
from governance.tests.test_path_http import walk_whole_path

# Records of what happened: shown, never added, changed or deleted in the admin.
RECORDS = (
    Document,
    ProgressReport,
    KpiValue,
    ChangeRequest,
    PanelMember,
    ExpertScore,
    Finding,
)
# Made by services: corrected here (descriptive fields), never added or deleted.
SERVICE_MADE = (Base, Contract, AnnualPlan, PlanTask, Indicator, Evaluation, Rectification)


@pytest.fixture
def walked(gov, make_expert, make_user):
    made = walk_whole_path(gov, make_expert)
    made["admin"] = signed_in(make_user("root", roles=[RoleCode.SYSTEM_ADMIN]))
    return made


def _url(model, suffix: str) -> str:
    return f"/admin/governance/{model._meta.model_name}/{suffix}"


def test_every_governance_model_is_registered():
    from django.apps import apps

    models = apps.get_app_config("governance").get_models()
    registered = {m for m in models if m in admin.site._registry}
    # Contract tasks, budget lines and milestones are shown inline on their contract.
    inline_only = {"contracttask", "budgetline", "paymentmilestone"}
    names = {m._meta.model_name for m in apps.get_app_config("governance").get_models()}
    assert {m._meta.model_name for m in registered} == names - inline_only


def test_the_change_lists_and_pages_load_for_a_superuser(walked):
    client = walked["admin"]
    for model in RECORDS + SERVICE_MADE:
        assert model.objects.exists(), model
        listing = client.get(_url(model, ""))
        assert listing.status_code == 200, model
        searched = client.get(_url(model, ""), {"q": "x"})
        assert searched.status_code == 200, model
        obj = model.objects.first()
        page = client.get(_url(model, f"{obj.pk}/change/"))
        assert page.status_code == 200, model
    contract = walked["contract"]
    body = client.get(_url(Contract, f"{contract.pk}/change/")).content.decode()
    # The contract page lists its tasks, budget and milestones inline.
    assert "建成平台" in body and "开发" in body and "一期" in body


def test_records_refuse_to_be_added_changed_or_deleted(walked):
    client = walked["admin"]
    for model in RECORDS:
        obj = model.objects.first()
        assert client.get(_url(model, "add/")).status_code == 403, model
        page = client.get(_url(model, f"{obj.pk}/change/")).content.decode()
        assert 'name="_save"' not in page, model
        before = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
        refused = client.post(_url(model, f"{obj.pk}/change/"), {"text": "篡改", "reason": "篡改"})
        assert refused.status_code == 403, model
        assert client.post(_url(model, f"{obj.pk}/delete/"), {"post": "yes"}).status_code == 403
        obj.refresh_from_db()
        assert {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields} == before


def test_service_made_rows_are_neither_added_nor_deleted_and_keep_their_state(walked):
    client = walked["admin"]
    for model in SERVICE_MADE:
        obj = model.objects.first()
        assert client.get(_url(model, "add/")).status_code == 403, model
        assert client.post(_url(model, f"{obj.pk}/delete/"), {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
    # The title of an evaluation may be corrected; its state, score and grade are not fields.
    ev = walked["evaluation"]
    url = _url(Evaluation, f"{ev.pk}/change/")
    page = client.get(url).content.decode()
    assert 'name="title"' in page and 'name="grade"' not in page and 'name="score"' not in page
    response = client.post(
        url,
        {
            "title": "中期评估（更正）",
            "grade": "excellent",
            "score": "99",
            "state": "draft",
            "panel-TOTAL_FORMS": "0",
            "panel-INITIAL_FORMS": str(ev.panel.count()),
            "panel-MIN_NUM_FORMS": "0",
            "panel-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    ev.refresh_from_db()
    assert (ev.title, ev.grade, ev.state) == ("中期评估（更正）", "good", "closed")
