"""Fixtures of the governance tests: a base with its centre, builder unit, office and plan."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.conftest import (  # noqa: F401
    _fast_hashing,
    _fresh_rate_limits,
    _roles,
    make_org,
    make_user,
)

TODAY = datetime.date(2026, 6, 15)


def pdf_file(name: str = "evidence.pdf") -> SimpleUploadedFile:
    """A small valid-looking PDF upload."""
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


@pytest.fixture
def gov(make_user, make_org):  # noqa: F811
    """A base in construction with one centre, its builder unit (with a member) and a contract."""
    from accounts.models import RoleCode
    from governance import roles
    from governance.services import bases, contracts

    office = make_user("office", roles=[RoleCode.BASE_OFFICE])
    base = bases.create_base(code="zlx", name="郑洛新技术标准创新基地", actor=office)
    centre = bases.add_centre(base, "技术标准验证中心", actor=office)
    worker = make_user("worker", display_name="承建单位联系人")
    builder = make_org("河南省计量测试科学研究院", members=[worker])
    outsider = make_user("outsider")
    bases.add_unit(base, builder, roles.BUILDER_UNIT, centre=centre, actor=office)
    contract = contracts.create_contract(
        base,
        centre=centre,
        builder=builder,
        number="ZLX-2026-01",
        title="验证中心建设任务书",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
        funding_rule={"kind": "steps", "steps": [[90, 100], [70, 80], [50, 50]]},
        actor=office,
    )
    return {
        "office": office,
        "base": base,
        "centre": centre,
        "builder": builder,
        "worker": worker,
        "outsider": outsider,
        "contract": contract,
    }


@pytest.fixture
def make_expert(make_user, gov):  # noqa: F811
    """An approved expert of the talent database: make_expert("expert1", employer="高校")."""
    from talent.services.experts import Profile, apply_as_expert, decide_expert

    def make(username: str, *, employer: str, name: str = ""):
        user = make_user(username, first_name=name or username)
        profile = Profile(
            name=name or username, title="senior", employer=employer, ics=["13.020"], consent=True
        )
        expert = apply_as_expert(user, profile)
        decide_expert(gov["office"], expert, "approve")
        expert.refresh_from_db()
        return expert

    return make
