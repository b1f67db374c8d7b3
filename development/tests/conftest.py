"""Fixtures for standards development: two alliances with their people, proposals, projects."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from accounts.tests.conftest import _fast_hashing, _roles, make_org, make_user  # noqa: F401
from bodies.models import BodyKind
from bodies.services import add_member, create_body

_numbers = itertools.count(1)


@pytest.fixture
def world(make_user, make_org):  # noqa: F811
    """Alliances A (T/HNXX) and B (T/HNYY): A's secretariat, A's proposer, B's member, office."""
    a = create_body(
        kind=BodyKind.ALLIANCE, name="河南智能制造标准创新联盟", actor=None, standard_code="T/HNXX"
    )
    b = create_body(
        kind=BodyKind.ALLIANCE, name="河南新材料标准创新联盟", actor=None, standard_code="T/HNYY"
    )
    sec_a = make_user("sec_a")
    author = make_user("author_a")
    member_b = make_user("member_b")
    office = make_user("office", roles=("base_office",))
    outsider = make_user("outsider")
    add_member(a, "secretariat", actor=None, user=sec_a)
    add_member(a, "body_member", actor=None, user=author)
    add_member(b, "body_member", actor=None, user=member_b)
    lead = make_org("郑州机械研究所有限公司")
    add_member(a, "body_member", actor=None, organization=lead)
    return SimpleNamespace(
        a=a,
        b=b,
        sec_a=sec_a,
        author=author,
        member_b=member_b,
        office=office,
        outsider=outsider,
        lead=lead,
    )


@pytest.fixture
def make_project(world):
    """A project of alliance A (or another body) at a stage code, made directly."""
    from development.models import Project

    def factory(state: str = "10.99", *, body=None, track: str = "normal", **fields) -> Project:
        n = next(_numbers)
        fields.setdefault("title", f"智能制造 数字孪生 第{n}部分：通用要求")
        return Project.objects.create(
            body=body or world.a, number=f"HNXX-2026-{n:03d}", state=state, track=track, **fields
        )

    return factory
