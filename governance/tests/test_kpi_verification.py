"""KPIs computed from the verification centres' records: drafts verified and items judged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from governance.models import KpiValue
from governance.services import bases, kpis
from verification.services import requests as service
from verification.services.conformity import ItemInput
from verification.tests.centre_fixtures import *  # noqa: F403
from workflows.services import transition

pytestmark = pytest.mark.django_db


def _value(base, code: str) -> KpiValue:
    kpis.compute_values(base, timezone.localdate())
    return KpiValue.objects.get(indicator__base=base, indicator__code=code)


def test_drafts_verified_and_items_verified_count_the_centres_reports(planned):  # noqa: F811
    office, centre, req = planned["office"], planned["centre"], planned["req"]
    base = bases.create_base(code="zlx", name="郑洛新技术标准创新基地", actor=office)
    for code, source, bodies in (
        ("1", "verification.drafts_verified", [centre.pk]),
        ("2", "verification.items_verified", [centre.pk]),
        ("3", "verification.items_verified", [planned["other"].pk]),
    ):
        kpis.add_indicator(
            base, code=code, name=source, source=source, params={"bodies": bodies}, actor=office
        )
    assert _value(base, "1").value == 0 and _value(base, "2").value == 0
    items = [
        ItemInput(c, "x", "-", v, "", "", 2)
        for c, v in (("5.1", "0.8"), ("5.2", "95"), ("5.3", "29"))
    ]
    service.record_results(req, items, user=planned["engineer"])
    transition(req, "reported", planned["engineer"])
    req.refresh_from_db()
    drafts, judged, elsewhere = _value(base, "1"), _value(base, "2"), _value(base, "3")
    assert drafts.computed and drafts.value == Decimal(1)
    assert drafts.records == [
        {"label": f"{req.report_number} {req.title}", "url": req.get_absolute_url()}
    ]
    assert judged.value == req.items.exclude(verdict="").count() == 3
    assert judged.records[0]["url"] == req.get_absolute_url()
    assert elsewhere.value == 0  # another centre's indicator counts none of them
