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


DRAFT_V1 = """数字孪生 通用要求（工作组讨论稿）
前言
本文件按照GB/T 1.1—2020的规定起草。
1 范围
本文件规定了数字孪生系统的通用要求。
2 规范性引用文件
下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。
GB/T 19001-2016 质量管理体系 要求
GB/T 20000.1 标准化工作指南 第1部分：标准化和相关活动的通用术语
3 术语和定义
3.1 数字孪生 digital twin
物理实体的数字化表达。
4 要求
系统应具备数据采集功能。
"""

DRAFT_V2 = DRAFT_V1.replace("数字化表达", "数字化表示").replace(
    "4 要求\n系统应具备数据采集功能。",
    "4 要求\n系统应具备数据采集和建模功能。\n5 试验方法\n按附录A进行。",
)


@pytest.fixture
def catalogue(db):
    """A few catalogue standards the drafts and proposals meet."""
    from catalog.tests.factories import StandardFactory

    return SimpleNamespace(
        qms=StandardFactory(designation="GB/T 19001-2016", ics_codes=["03.120.10"]),
        vocab=StandardFactory(
            designation="GB/T 20000.1-2014",
            title_zh="标准化工作指南 第1部分：标准化和相关活动的通用术语",
        ),
        twin=StandardFactory(
            designation="GB/T 43441.1-2023",
            title_zh="信息技术 数字孪生 第1部分：通用要求",
            ics_codes=["35.240.50"],
            adopted_designation="ISO 23247-1:2021",
            adoption_degree="MOD",
        ),
    )


def upload(name: str, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")
