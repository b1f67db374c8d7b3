"""Round exports over HTTP: xlsx (four sheets) and CSV through core.writers, visible rounds only."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEntry
from verification.services import rounds as service
from verification.tests.centre_fixtures import *  # noqa: F403
from verification.tests.test_rounds import round_csv

pytestmark = pytest.mark.django_db

EVIL = "=SUM(A1:A9)"


@pytest.fixture
def rnd(lab):  # noqa: F405
    # The last laboratory is named like a formula; the export must keep it as text.
    text = round_csv(labs=6, levels=2, replicates=3, shift=3.0).replace("lab06", EVIL)
    return service.create_round(lab["profile"], user=lab["engineer"], title="铅含量协同试验",
                                text=text, method="GB/T 5009.12", kind="proficiency")  # fmt: skip


def test_the_round_downloads_as_xlsx_with_formula_text_neutralised(client, lab, rnd):  # noqa: F405
    client.force_login(lab["engineer"])
    page = client.get(rnd.get_absolute_url())
    url = reverse("verification:round-export", args=[rnd.pk, "xlsx"])
    assert url in page.text
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"round-{rnd.pk}.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    facts, precision, labs, values = (book[name] for name in book.sheetnames)
    assert ("title", "铅含量协同试验") in [r[:2] for r in facts.iter_rows(values_only=True)] or (
        ("标题", "铅含量协同试验") in [r[:2] for r in facts.iter_rows(values_only=True)]
    )
    rows = list(precision.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["L1", "L2"]
    level = rnd.result["levels"][0]
    assert rows[1][1:9] == pytest.approx(
        (level["labs"], level["replicates"], level["mean"], level["s_r"], level["s_L"],
         level["s_R"], level["r"], level["R"])
    )  # fmt: skip
    assert EVIL in (rows[1][9] or "") + (rows[1][10] or "")  # the flagged laboratory
    lab_rows = list(labs.iter_rows(values_only=True))
    assert len(lab_rows) == 1 + 2 * 6
    evil_rows = [r for r in lab_rows if r[1] == EVIL]
    assert len(evil_rows) == 2 and evil_rows[0][8] == "不满意"  # |z| ≥ 3
    value_rows = list(values.iter_rows(values_only=True))
    assert len(value_rows) == 1 + 2 * 6 * 3
    # Text that begins with "=" is a string cell with the quote prefix, never a formula.
    cells = [row[1] for row in values.iter_rows(min_row=2) if row[1].value == EVIL]
    assert len(cells) == 6
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert all(not isinstance(c.value, str) or not c.value.startswith("'") for c in cells)
    entry = AuditEntry.objects.filter(action="verification.round.exported").get()
    assert entry.actor == lab["engineer"] and entry.after["format"] == "xlsx"


def test_the_csv_carries_the_values_safely_and_reads_back_as_a_round(client, lab, rnd):  # noqa: F405
    client.force_login(lab["engineer"])
    response = client.get(reverse("verification:round-export", args=[rnd.pk, "csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["level", "lab", "value"] and len(rows) == 1 + 2 * 6 * 3
    assert "'" + EVIL in [r[1] for r in rows] and EVIL not in [r[1] for r in rows]
    assert rows[1][2] == repr(rnd.measurements.order_by("pk").first().value)


def test_only_people_who_see_the_round_download_it(client, lab, rnd):  # noqa: F405
    url = reverse("verification:round-export", args=[rnd.pk, "xlsx"])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(lab["outsider"])  # an engineer of another centre
    assert client.get(url).status_code == 404
    client.force_login(lab["secretary"])
    assert client.get(url).status_code == 404
    client.force_login(lab["engineer"])
    assert client.get(reverse("verification:round-export", args=[rnd.pk, "pdf"])).status_code == 404
    assert client.post(url).status_code == 405
    assert not AuditEntry.objects.filter(action="verification.round.exported").exists()


def test_long_laboratory_names_are_slanted_and_flags_named_on_the_page(client, lab, rnd):  # noqa: F405
    from verification.services.charts import mandel_chart
    from verification.services.precision import analyse

    short = [r.as_dict() for r in analyse(round_csv(labs=5, levels=5))]  # groups of 36 px
    assert "rotate(" not in str(mandel_chart(short, "h", "h"))
    long = [r.as_dict() for r in analyse(round_csv(labs=5, levels=2).replace(",lab0", ",实验室0"))]
    assert str(mandel_chart(long, "h", "h")).count('transform="rotate(-45') == 5
    client.force_login(lab["engineer"])
    page = client.get(rnd.get_absolute_url()).text
    assert "检验" in page and "grubbs_" not in page and "(cochran)" not in page
