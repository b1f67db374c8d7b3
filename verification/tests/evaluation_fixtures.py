"""Fixtures of the conformity and evaluation tests: a centre, an alliance, people, a standard."""

from __future__ import annotations

import datetime

import pytest

from accounts.tests.conftest import _fast_hashing, _roles, make_org, make_user  # noqa: F401


def member(body, user=None, role="verification_engineer", organization=None):
    from accounts.models import Role
    from bodies.models import BodyMembership

    return BodyMembership.objects.create(
        body=body, role=Role.objects.get(code=role), user=user, organization=organization,
        joined_on=datetime.date(2020, 1, 1),
    )  # fmt: skip


@pytest.fixture
def world(db, make_user, make_org):  # noqa: F811
    """Two verification centres with an engineer each, an alliance with a secretariat."""
    from bodies.models import Body, BodyKind
    from catalog.tests.factories import StandardFactory

    centre = Body.objects.create(kind=BodyKind.VERIFICATION_CENTRE, name="电工产品验证中心")
    other = Body.objects.create(kind=BodyKind.VERIFICATION_CENTRE, name="建材验证中心")
    alliance = Body.objects.create(kind=BodyKind.ALLIANCE, name="智能制造产业联盟")
    engineer, outsider, secretary = make_user("engineer"), make_user("outsider"), make_user("sec")
    member(centre, engineer)
    member(other, outsider)
    member(alliance, secretary, role="secretariat")
    office = make_user("office", roles=["base_office"])
    standard = StandardFactory(designation="GB/T 2099.1-2021", title_zh="家用插头插座", year=2021)
    standard.ics_root = "29"
    standard.save(update_fields=["ics_root"])
    adopter = make_org("河南电器有限公司")
    member(alliance, organization=adopter, role="body_member")
    return {
        "centre": centre, "other": other, "alliance": alliance, "engineer": engineer,
        "outsider": outsider, "secretary": secretary, "office": office,
        "standard": standard, "adopter": adopter, "make_user": make_user,
    }  # fmt: skip
