import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from catalog.search.generic import search_documents
from catalog.tests.factories import ReplacementFactory, StandardFactory
from research.models import Report
from research.services.library import LibraryError, ReportData, cited_standards, upload_report
from research.tests.conftest import make_docx

pytestmark = pytest.mark.django_db


def _data(**kw):
    values = {
        "title": "新能源汽车标准化发展研究",
        "kind": "report",
        "authors": "张三、李四",
        "published_on": datetime.date(2026, 5, 1),
        "confidentiality": "internal",
        "declares_unclassified": True,
        "field": "电动汽车",
        "summary": "",
    }
    return ReportData(**(values | kw))


def _docx(*lines):
    return SimpleUploadedFile("报告.docx", make_docx(list(lines)))


def _upload(people, **kw):
    text = ("本报告研究充电接口互操作性，引用 GB/T 20234.1-2015 和 GB/T 18487.1-2015。",)
    return upload_report(people["staff"], _docx(*text), _data(centre=people["centre"], **kw))


def test_classified_material_is_refused_by_declaration(people):
    with pytest.raises(LibraryError, match="涉密|Classified"):
        _upload(people, confidentiality="classified")
    with pytest.raises(LibraryError):
        _upload(people, declares_unclassified=False)
    assert not Report.objects.exists()


def test_upload_extracts_text_and_citations_and_shows_what_changed(people):
    old = StandardFactory(designation="GB/T 20234.1-2015")
    report = _upload(people)
    assert "充电接口互操作性" in report.full_text
    assert set(report.citations.values_list("designation", flat=True)) == {
        "GB/T 20234.1-2015",
        "GB/T 18487.1-2015",
    }
    assert AuditEntry.objects.filter(action="research.report.uploaded").count() == 1
    before = {c.designation: c.changed for c in cited_standards(report)}
    assert before["GB/T 20234.1-2015"] is False
    new = StandardFactory(designation="GB/T 20234.1-2023")
    old.status = "replaced"
    old.save()
    ReplacementFactory(predecessor=old, successor=new)
    after = {c.designation: c for c in cited_standards(report)}
    assert after["GB/T 20234.1-2015"].changed
    assert after["GB/T 20234.1-2015"].current == ["GB/T 20234.1-2023"]
    assert cited_standards(report)[0].designation == "GB/T 20234.1-2015"  # changed first


def test_only_docx_and_pdf_are_accepted(people):
    with pytest.raises(Exception, match="不接受|not accepted"):
        upload_report(
            people["staff"],
            SimpleUploadedFile("a.txt", b"GB/T 1-2020"),
            _data(centre=people["centre"]),
        )


def test_someone_outside_the_centre_cannot_upload_there(people):
    with pytest.raises(LibraryError):
        upload_report(people["outsider"], _docx("x"), _data(centre=people["centre"]))


def test_internal_reports_in_every_list_search_export_and_file_path(client, people):
    internal = _upload(people)
    public = _upload(people, title="公开的标准化政策建议", confidentiality="public", kind="policy")
    urls = {
        "detail": reverse("research:report", args=[internal.pk]),
        "file": reverse("research:report-file", args=[internal.pk]),
    }
    for who, sees in (
        ("staff", True),
        ("member", True),
        ("office", True),
        ("outsider", False),
        ("nobody", False),
        (None, False),
    ):
        user = people[who] if who else None
        client.logout()
        if user:
            client.force_login(user)
        listed = {r.pk for r in client.get(reverse("research:reports")).context["rows"]}
        assert (internal.pk in listed) is sees, who
        assert public.pk in listed
        searched = client.get(reverse("research:reports"), {"q": "充电接口"}).context["rows"]
        assert (internal.pk in {r.pk for r in searched}) is sees, who
        engine = search_documents(user, "充电接口", models=[Report])
        assert (str(internal.pk) in {h.object_id for h in engine.hits}) is sees, who
        xlsx = client.get(reverse("research:reports-export"))
        titles = [
            row[0]
            for row in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(
                values_only=True
            )
        ]
        assert (internal.title in titles) is sees, who
        assert public.title in titles
        for name, url in urls.items():
            assert (client.get(url).status_code == 200) is sees, (who, name)
        assert client.get(reverse("research:report", args=[public.pk])).status_code == 200


def test_upload_page_keeps_the_form_on_a_refusal(client, people):
    client.force_login(people["staff"])
    response = client.post(
        reverse("research:report-new"),
        {
            "file": _docx("正文"),
            "title": "涉密报告",
            "kind": "report",
            "authors": "王五",
            "published_on": "2026-05-01",
            "confidentiality": "classified",
            "centre": people["centre"].pk,
        },
    )
    assert response.status_code == 200
    assert "涉密" in response.content.decode()
    assert response.context["form"]["title"].value() == "涉密报告"
    assert not Report.objects.exists()
