import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from catalog.models import Standard
from research.services.refresh import refresh_aggregates

pytestmark = pytest.mark.django_db


def test_dashboard_shows_counts_linked_to_their_search(client, catalogue):
    refresh_aggregates()
    response = client.get(reverse("research:analytics"), {"tier": "national"})
    assert response.status_code == 200
    board = response.context["board"]
    national = Standard.objects.filter(tier="national").count()
    assert board.total.count == national
    assert board.total.url == "/search/?tier=national"
    status = board.chart("status")
    current = next(r for r in status.rows if r.key == "current")
    assert current.count == Standard.objects.filter(tier="national", status="current").count()
    assert current.url == "/search/?tier=national&status=current"
    assert "GB/T 1000-2012" in response.content.decode()  # outdated adoption
    assert "13.020" in response.content.decode()  # the gap field
    assert b'id="analytics-data"' in response.content
    assert b"<script>" not in response.content  # CSP: no inline scripts


def test_bad_filter_is_a_readable_error(client, catalogue):
    response = client.get(reverse("research:analytics"), {"ics": "xyz"})
    assert response.status_code == 400
    assert "未知的筛选值" in response.content.decode()


def test_chart_data_downloads_match_the_chart(client, catalogue):
    refresh_aggregates()
    url = reverse("research:chart-data", args=["tier", "csv"])
    response = client.get(url, {"status": "current"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    counts = {row[0]: int(row[2]) for row in rows[1:]}
    assert counts["national"] == Standard.objects.filter(tier="national", status="current").count()
    xlsx = client.get(reverse("research:chart-data", args=["adoption", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (
        values["IDT"]
        == Standard.objects.filter(
            tier="national", adoption_degree="IDT", adopted_designation__startswith="ISO"
        ).count()
    )
    assert client.get(reverse("research:chart-data", args=["nope", "csv"])).status_code == 404


def test_drilldown_lists_the_standards_behind_a_number(client, catalogue):
    refresh_aggregates()
    board = client.get(reverse("research:analytics")).context["board"]
    idt = next(r for r in board.chart("adoption").rows if r.key == "IDT")
    response = client.get(idt.url)
    assert response.context["total"] == idt.count
    overdue = client.get(board.overdue.url)
    assert overdue.context["total"] == board.overdue.count > 0


def test_comparison_of_two_sets(client, catalogue):
    response = client.get(reverse("research:compare"), {"a_tier": "national", "b_tier": "industry"})
    result = response.context["result"]
    assert result.total_a == Standard.objects.filter(tier="national").count()
    assert result.total_b == Standard.objects.filter(tier="industry").count()
    assert result.ics  # fields in both sets
    # The generated titles are identical, so every national/industry pair is similar.
    assert result.pairs and result.pairs[0]["score"] == 1.0


def test_refresh_needs_the_permission(client, catalogue, django_user_model):
    user = django_user_model.objects.create_user("a", password="pw-12345678")
    client.force_login(user)
    assert client.post(reverse("research:refresh")).status_code == 403


def test_publisher_labels_follow_the_language(catalogue):
    from django.utils import translation

    from catalog.models import Publisher
    from research.services.analytics import build_dashboard

    english = "International Organization for Standardization"
    Publisher.objects.filter(code="ISO").update(name_en=english)
    refresh_aggregates()
    for language, expected in (("en", english),
                               ("zh-hans", "国际标准化组织")):  # fmt: skip
        with translation.override(language):
            rows = build_dashboard({}).chart("publisher").rows
        assert next(r.label for r in rows if r.key == "ISO") == expected
