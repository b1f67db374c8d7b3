"""Bulk updates set `updated_at` themselves (bulk_update bypasses auto_now)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from catalog.models import Standard, Status
from catalog.services.formats import import_file
from catalog.services.lifecycle import activate_due_standards
from catalog.tests.factories import StandardFactory
from catalog.tests.test_imports import write_csv

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.make_aware(datetime.datetime(2020, 1, 1))


def _age(designation: str) -> None:
    Standard.objects.filter(designation=designation).update(updated_at=LONG_AGO)


def test_activation_refreshes_the_timestamp():
    StandardFactory(
        designation="GB 55001-2021", status=Status.UPCOMING, effective=datetime.date(2022, 1, 1)
    )
    _age("GB 55001-2021")
    before = timezone.now()
    assert activate_due_standards(datetime.date(2022, 1, 1)) == 1
    assert Standard.objects.get(designation="GB 55001-2021").updated_at >= before


def test_a_changed_record_on_reimport_refreshes_the_timestamp(tmp_path):
    row = "GB 50204-2002,混凝土结构工程施工质量验收规范,{status},2002-03-01,2002-04-01,,,,,"
    import_file(write_csv(tmp_path / "v1.csv", [row.format(status="现行")]))
    _age("GB 50204-2002")
    before = timezone.now()
    report = import_file(write_csv(tmp_path / "v2.csv", [row.format(status="废止")]))
    assert report.updated == 1
    assert Standard.objects.get(designation="GB 50204-2002").updated_at >= before
