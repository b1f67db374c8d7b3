"""Download names follow the person's language, encoded as RFC 5987 says (filename*=UTF-8'')."""

import datetime
from urllib.parse import quote, unquote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.tests.conftest import PASSWORD
from governance.services import evaluations, plans
from governance.views.common import file_name

D = datetime.date


def _client(user, language: str | None = None) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _name(response) -> str:
    """The file name of an attachment: quoted when ASCII, else in the RFC 5987 form only."""
    assert response.status_code == 200
    header = response["Content-Disposition"]
    if header.startswith('attachment; filename="'):
        name = header[len('attachment; filename="') : -1]
        assert name.isascii() and header.endswith('"') and '"' not in name, header
        return name
    prefix = "attachment; filename*=UTF-8''"
    assert header.startswith(prefix), header
    encoded = header[len(prefix) :]
    assert encoded == quote(unquote(encoded)) and encoded.isascii()
    assert not unquote(encoded).isascii()  # an ASCII name is given plainly
    return unquote(encoded)


@pytest.mark.parametrize(
    ("language", "monitoring", "bulletin", "dossier"),
    [
        (None, "动态监测", "工作进度通报", "验收材料汇编"),  # the default language is zh-hans
        ("zh-hans", "动态监测", "工作进度通报", "验收材料汇编"),
        ("en", "monitoring", "progress-bulletin", "acceptance-dossier"),
    ],
)
def test_export_names_follow_the_language(gov, language, monitoring, bulletin, dossier):
    office, base = gov["office"], gov["base"]
    client = _client(office, language)
    today = f"{timezone.localdate():%Y%m%d}"
    plan = plans.create_plan(base, year=2026, title="年度工作计划", actor=office)
    evaluation = evaluations.create_evaluation(
        base, kind="acceptance", title="基地建设验收", as_of=D(2026, 6, 30), actor=office
    )
    for fmt in ("xlsx", "csv"):
        got = _name(client.get(f"/governance/bases/{base.pk}/dashboard.{fmt}"))
        assert got == f"{monitoring}-zlx-{today}.{fmt}"
    for fmt in ("docx", "pdf"):
        got = _name(client.get(f"/governance/plans/{plan.pk}/bulletin.{fmt}"))
        assert got == f"{bulletin}-2026-{today}.{fmt}"
        got = _name(client.get(f"/governance/evaluations/{evaluation.pk}/dossier.{fmt}"))
        assert got == f"zlx-{dossier}-20260630.{fmt}"


def test_file_name_parts_keep_no_separator_or_space():
    assert file_name("a b", "c/d", '"e"', "", ext="pdf") == "a-b-c-d-e.pdf"
    assert file_name("动态监测", "zlx", ext="csv") == "动态监测-zlx.csv"
