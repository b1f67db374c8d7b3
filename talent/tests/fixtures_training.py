"""Fixtures of the training tests (imported by each module): people, organisations, a centre."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.conftest import (  # noqa: F401
    _fast_hashing,
    _fresh_rate_limits,
    _roles,
    make_org,
    make_user,
)


@pytest.fixture
def training(make_user):  # noqa: F811
    """A centre with its staff member, a course with an exam (pass mark 60) and an open session."""
    from accounts.models import RoleCode
    from bodies.services import add_member, create_body
    from talent.services.training import create_course, create_session
    from workflows.services import transition

    office = make_user("office", roles=[RoleCode.BASE_OFFICE])
    base = create_body(kind="base", name="技术标准创新基地", actor=office)
    centre = create_body(kind="centre", name="人才交流培养中心", actor=office, parent=base)
    other = create_body(kind="centre", name="另一中心", actor=office, parent=base)
    staff = make_user("staff", display_name="培训专员")
    add_member(centre, RoleCode.CENTRE_STAFF, user=staff, actor=office)
    course = create_course(
        staff,
        centre=centre,
        code="TR-101",
        title="标准化基础",
        level="basic",
        hours=Decimal("16"),
        ics_codes=["01.120"],
        pass_mark=60,
    )
    start = timezone.now() + datetime.timedelta(days=7)
    session = create_session(
        staff,
        course,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        capacity=2,
        place="郑州 基地会议室",
    )
    transition(session, "open", staff, "")
    session.refresh_from_db()
    return {
        "office": office,
        "centre": centre,
        "other": other,
        "staff": staff,
        "course": course,
        "session": session,
    }


def hold(session, actor) -> None:
    """Move a session to finished (held), with its start in the past."""
    from workflows.services import transition

    type(session).objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=9),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    session.refresh_from_db()
    transition(session, "finished", actor, "")
    session.refresh_from_db()
