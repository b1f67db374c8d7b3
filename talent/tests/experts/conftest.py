"""Fixtures of the expert database and draw tests: the office, experts, standards."""

from __future__ import annotations

import itertools

import pytest

from accounts.models import RoleCode
from accounts.tests.conftest import (  # noqa: F401
    PASSWORD,
    _fast_hashing,
    _roles,
    make_org,
    make_user,
)
from catalog.tests.factories import StandardFactory
from talent.services.experts import Profile, apply_as_expert, decide_expert

_n = itertools.count(1)


@pytest.fixture
def office(make_user):  # noqa: F811
    return make_user("office", roles=[RoleCode.BASE_OFFICE])


@pytest.fixture
def make_expert(make_user, office):  # noqa: F811
    """An approved expert: make_expert(employer="甲", ics=["13.020"], avoid_orgs=[...])."""

    def make(state: str = "active", **fields):
        n = next(_n)
        user = make_user(f"expert{n}")
        values = {"name": f"专家{n}", "title": "senior", "employer": f"单位{n}", "ics": ["13.020"]}
        values.update(fields, consent=True)
        expert = apply_as_expert(user, Profile(**values))
        if state != "applied":
            decide_expert(office, expert, "approve")
        if state == "suspended":
            decide_expert(office, expert, "suspend", "违反纪律")
        expert.refresh_from_db()
        return expert

    return make


@pytest.fixture
def make_standard(db):
    def make(designation: str, **fields):
        return StandardFactory(designation=designation, **fields)

    return make


def token_of(invitation) -> str:
    """The personal link's token, read from the expert's in-app notification."""
    from notifications.models import Notification

    note = (
        Notification.objects.filter(
            recipient=invitation.expert.user, event_type="talent.invitation"
        )
        .order_by("-pk")
        .first()
    )
    return note.url.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def drawn(make_expert, office):
    """A drawn review: panel of 2 and 2 alternates out of 5 eligible experts."""
    from talent.services.draw_requests import create_draw_request, perform_draw

    for _ in range(5):
        make_expert(ics=["13.020.10"])
    draw = create_draw_request(
        office, purpose="review", criteria={"fields": {"13.020": 1}}, size=2, alternates=2,
        object_type="project", object_ref="P-9", object_title="锂电池安全要求", commit=True,
    )  # fmt: skip
    perform_draw(office, draw)
    draw.refresh_from_db()
    return draw


__all__ = ["PASSWORD", "token_of"]
