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
