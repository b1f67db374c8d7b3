"""Verification centres: profiles, accreditations, capabilities, equipment, staff, load."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from core.exceptions import DomainError
from verification.services import centres as service
from verification.services import requests as req_service
from verification.tests.centre_fixtures import *  # noqa: F403
from verification.tests.centre_fixtures import ITEM_LINES

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_staff_register_the_profile_and_others_cannot(world):  # noqa: F405
    centre = service.register_centre(
        world["centre"], user=world["engineer"], host_organisation="河南省计量院", city="郑州",
        ics="29.120",
    )  # fmt: skip
    assert centre.body == world["centre"] and centre.city == "郑州"
    with pytest.raises(DomainError):
        service.register_centre(world["centre"], user=world["outsider"], host_organisation="x")
    with pytest.raises(DomainError):
        service.register_centre(world["alliance"], user=world["office"], host_organisation="x")
    assert AuditEntry.objects.filter(action="verification.centre.saved").count() == 1


def test_parts_are_validated_with_readable_messages(lab):  # noqa: F405
    profile, engineer = lab["profile"], lab["engineer"]
    accreditation = service.add_centre_part(
        profile, "accreditation", user=engineer, kind="cnas", number="CNAS L1234",
        valid_from=datetime.date(2024, 1, 1), valid_until=TODAY + datetime.timedelta(days=30),
    )  # fmt: skip
    assert accreditation.is_valid
    with pytest.raises(DomainError, match="有效期|before"):
        service.add_centre_part(
            profile, "accreditation", user=engineer, kind="cma", number="CMA 1",
            valid_from=datetime.date(2025, 1, 1), valid_until=datetime.date(2024, 1, 1),
        )  # fmt: skip
    with pytest.raises(DomainError):
        service.add_centre_part(
            profile, "accreditation", user=engineer, kind="cnas", number="CNAS L1234",
            valid_from=datetime.date(2024, 1, 1), valid_until=datetime.date(2030, 1, 1),
        )  # fmt: skip
    capability = service.add_capability(profile, "GB/T 2099.1", user=engineer)
    assert capability.standard == lab["standard"]
    with pytest.raises(DomainError):
        service.add_capability(profile, "GB/T 99999", user=engineer)
    instrument = service.add_centre_part(
        profile, "equipment", user=engineer, name="电子天平", model="XS205",
        calibration_due=TODAY - datetime.timedelta(days=1),
    )  # fmt: skip
    assert instrument.calibration_overdue
    with pytest.raises(DomainError):
        service.add_centre_part(profile, "staff", user=lab["outsider"], name="王工")


def test_office_overview_counts_open_items_against_capacity(lab):  # noqa: F405
    service.add_centre_part(
        lab["profile"], "accreditation", user=lab["engineer"], kind="cma", number="CMA 2",
        valid_from=datetime.date(2024, 1, 1), valid_until=TODAY + datetime.timedelta(days=10),
    )  # fmt: skip
    service.add_centre_part(
        lab["profile"], "equipment", user=lab["engineer"], name="压力机",
        calibration_due=TODAY - datetime.timedelta(days=3),
    )  # fmt: skip
    for _n in range(2):
        req_service.request_verification(
            lab["draft"], user=lab["secretary"], centre=lab["profile"], title="t",
            items=req_service.parse_item_lines(ITEM_LINES),
        )  # fmt: skip
    row = next(r for r in service.centre_loads() if r.centre == lab["profile"])
    assert (row.open_requests, row.open_items, row.capacity) == (2, 6, 10)
    assert row.load_percent == 60
    assert (row.expiring, row.overdue_calibrations) == (1, 1)
