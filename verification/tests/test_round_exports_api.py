"""API /api/v1/verification/rounds/<id>/export/<format>/: the page's download over the API."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from accounts.services.tokens import create_token
from audit.models import AuditEntry
from verification.tests.centre_fixtures import *  # noqa: F403
from verification.tests.test_round_exports import EVIL, rnd  # noqa: F401

pytestmark = pytest.mark.django_db


def url(rnd, fmt: str) -> str:  # noqa: F811
    return f"/api/v1/verification/rounds/{rnd.pk}/export/{fmt}/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def exports():
    return AuditEntry.objects.filter(action="verification.round.exported")


def test_the_xlsx_has_the_four_sheets_with_formula_text_neutralised(lab, rnd):  # noqa: F405, F811
    response = api(lab["engineer"]).get(url(rnd, "xlsx"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="round-{rnd.pk}.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    precision = list(book.worksheets[1].iter_rows(values_only=True))
    assert [r[0] for r in precision[1:]] == ["L1", "L2"]
    assert precision[1][3] == pytest.approx(rnd.result["levels"][0]["mean"])
    values = book.worksheets[3]
    cells = [row[1] for row in values.iter_rows(min_row=2) if row[1].value == EVIL]
    assert len(cells) == 6 and all(c.data_type == "s" and c.quotePrefix for c in cells)
    entry = exports().get()
    assert entry.actor == lab["engineer"] and entry.after["format"] == "xlsx"
    assert entry.object_id == str(rnd.pk)


def test_the_csv_is_the_measurements_with_formulas_quoted(lab, rnd):  # noqa: F405, F811
    response = api(lab["engineer"]).get(url(rnd, "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["level", "lab", "value"] and len(rows) == 1 + 2 * 6 * 3
    assert "'" + EVIL in [r[1] for r in rows] and EVIL not in [r[1] for r in rows]
    assert exports().get().after["format"] == "csv"


def test_only_people_who_see_the_round_download_it_and_refusals_are_not_audited(lab, rnd):  # noqa: F405, F811
    assert api().get(url(rnd, "xlsx")).status_code in (401, 403)
    for person in ("outsider", "secretary"):  # another centre's engineer; a project secretary
        response = api(lab[person]).get(url(rnd, "xlsx"))
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert api(lab["engineer"]).get(url(rnd, "pdf")).status_code == 404
    assert api(lab["engineer"]).get(f"/api/v1/verification/rounds/{rnd.pk + 99}/export/csv/"
                                    ).status_code == 404  # fmt: skip
    assert api(lab["engineer"]).post(url(rnd, "xlsx")).status_code == 405
    assert not exports().exists()


def test_a_read_only_token_downloads_the_round(lab, rnd):  # noqa: F405, F811
    _token, key = create_token(lab["engineer"], name="exports", scope="read")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get(url(rnd, "csv"))
    assert response.status_code == 200
    assert exports().get().actor == lab["engineer"]
