"""Fixtures of centres and draft verification: a centre profile, a project with a draft."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from verification.tests.evaluation_fixtures import *  # noqa: F403

DRAFT_TEXT = """电动自行车用锂离子电池 技术要求（征求意见稿）
1 范围
本文件规定了电动自行车用锂离子电池的要求。
5 要求
5.1 铅含量
铅含量不大于 0.5 mg/kg。
5.2 容量保持率
容量保持率为 95 %~105 %。
5.3 抗压强度
外壳抗压强度不低于 30 MPa。
"""

ITEM_LINES = """5.1 | 铅含量 | ≤ 0.5 mg/kg | 试验验证
5.2 | 容量保持率 | 95 %~105 % | 试验验证
5.3 | 抗压强度 | 不低于 30 MPa | 现场试用 | 修约值
"""


@pytest.fixture
def lab(world):  # noqa: F811
    """The centre's profile, a project of the alliance at the comment stage and its draft."""
    from development.models import Project
    from development.services.drafts import upload_draft
    from verification.models import VerificationCentre

    profile = VerificationCentre.objects.create(
        body=world["centre"], host_organisation="河南省产品质量检验技术研究院", industry="电工",
        ics="29", city="郑州", monthly_capacity=10,
    )  # fmt: skip
    project = Project.objects.create(
        body=world["alliance"], number="HNXX-2026-001", state="30.00",
        title="电动自行车用锂离子电池 技术要求",
    )  # fmt: skip
    draft = upload_draft(
        project, SimpleUploadedFile("draft.txt", DRAFT_TEXT.encode()), kind="cd",
        user=world["secretary"],
    )  # fmt: skip
    return {**world, "profile": profile, "project": project, "draft": draft}


@pytest.fixture
def planned(lab):
    """A request of three items, accepted and planned by the centre's engineer."""
    from verification.services import requests as service
    from workflows.services import transition

    req = service.request_verification(
        lab["draft"], user=lab["secretary"], centre=lab["profile"], title="电池验证",
        items=service.parse_item_lines(ITEM_LINES),
    )  # fmt: skip
    transition(req, "accepted", lab["engineer"])
    service.plan_request(
        req, user=lab["engineer"], samples="3 组电池样品", labs="电池实验室",
        planned_start=datetime.date(2026, 3, 1), planned_end=datetime.date(2026, 3, 20),
    )  # fmt: skip
    req.refresh_from_db()
    return {**lab, "req": req}
