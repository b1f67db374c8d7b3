import datetime

import pytest

from accounts.tests.conftest import _fast_hashing, _roles, make_org, make_user  # noqa: F401


@pytest.fixture
def desk(db, make_user):  # noqa: F811
    """A base-office desk, a centre with its staff member, an expert, two requesters."""
    from accounts.models import Role
    from bodies.models import Body, BodyKind, BodyMembership

    centre = Body.objects.create(kind=BodyKind.CENTRE, name="标准化战略研究中心")
    staff = make_user("staff")
    BodyMembership.objects.create(
        body=centre,
        user=staff,
        role=Role.objects.get(code="centre_staff"),
        joined_on=datetime.date(2020, 1, 1),
    )
    return {
        "office": make_user("office", roles=["base_office"]),
        "centre": centre,
        "staff": staff,
        "expert": make_user("expert", roles=["expert"]),
        "alice": make_user("alice"),
        "bob": make_user("bob"),
    }


@pytest.fixture
def lab(desk):
    """A verification centre with its engineer, beside the desk."""
    from accounts.models import Role
    from bodies.models import Body, BodyKind, BodyMembership
    from verification.models import VerificationCentre

    body = Body.objects.create(kind=BodyKind.VERIFICATION_CENTRE, name="河南电池验证中心")
    engineer = desk["alice"].__class__.objects.create_user("engineer", "engineer@example.com")
    BodyMembership.objects.create(
        body=body,
        user=engineer,
        role=Role.objects.get(code="verification_engineer"),
        joined_on=datetime.date(2020, 1, 1),
    )
    centre = VerificationCentre.objects.create(body=body, host_organisation="河南省质检院")
    return {**desk, "lab": centre, "engineer": engineer, "to": f"verification:{centre.pk}"}
