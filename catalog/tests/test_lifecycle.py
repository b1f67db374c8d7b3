"""Upcoming standards take effect on their effective date."""

from __future__ import annotations

import datetime

import pytest

from catalog.models import CatalogEvent, Status
from catalog.services.lifecycle import activate_due_standards
from catalog.tests.factories import StandardFactory

pytestmark = pytest.mark.django_db


def test_due_upcoming_standards_become_current_once():
    due = StandardFactory(
        designation="GB 55001-2021", status=Status.UPCOMING, effective=datetime.date(2022, 1, 1)
    )
    later = StandardFactory(
        designation="GB 55002-2021", status=Status.UPCOMING, effective=datetime.date(2030, 1, 1)
    )
    assert activate_due_standards(datetime.date(2022, 1, 1)) == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Status.CURRENT and later.status == Status.UPCOMING
    event = CatalogEvent.objects.get()
    assert event.standard == due and event.kind == CatalogEvent.Kind.STATUS_CHANGED
    assert activate_due_standards(datetime.date(2022, 1, 2)) == 0
    assert CatalogEvent.objects.count() == 1
