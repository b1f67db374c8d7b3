"""A small catalogue with ICS/CCS trees, editions and replacements for the API tests."""

from __future__ import annotations

import datetime

from catalog.models import Publisher, Standard, Status
from catalog.tests.factories import ReplacementFactory, StandardFactory, ccs_node, ics_node


def build_trees() -> None:
    """Three levels of ICS and CCS, with names, linked to their parents."""
    ics03 = ics_node("03", "Services. Company organization", "服务、公司组织")
    ics03120 = ics_node("03.120", "Quality", "质量", ics03)
    ics_node(
        "03.120.10", "Quality management and quality assurance", "质量管理和质量保证", ics03120
    )
    ics35 = ics_node("35", "Information technology", "信息技术")
    ics_node("35.030", "IT Security", "信息技术安全", ics35)
    ics_node("35.040", "Information coding", "字符集和信息编码", ics35)
    a = ccs_node("A", "综合", 1)
    a0009 = ccs_node("A00/09", "标准化管理与一般规定", 2, a)
    ccs_node("A00", "标准化、质量管理", 3, a0009)
    ell = ccs_node("L", "电子元器件与信息技术", 1)
    l7079 = ccs_node("L70/79", "计算机", 2, ell)
    ccs_node("L70", "计算机综合", 3, l7079)


def build_api_catalogue() -> dict[str, Standard]:
    """Six standards: two editions of GB/T 19001 linked by a replacement, an adopted ISO
    standard, an information security standard, a mandatory standard and one without dates.
    """
    build_trees()
    iso = Publisher.objects.get_or_create(
        code="ISO", defaults={"name_en": "International Organization for Standardization"}
    )[0]
    rows = [
        StandardFactory(
            designation="GB/T 19001-2016",
            title_zh="质量管理体系 要求",
            title_en="Quality management systems - Requirements",
            adopted_designation="ISO 9001:2015",
            adoption_degree="IDT",
            committee="SAC/TC 151",
            issued=datetime.date(2016, 12, 30),
            effective=datetime.date(2017, 7, 1),
            ics_codes=["03.120.10"],
            ccs_codes=["A00"],
        ),
        StandardFactory(
            designation="GB/T 19001-2008",
            title_zh="质量管理体系 要求",
            title_en="Quality management systems - Requirements",
            status=Status.REPLACED,
            issued=datetime.date(2008, 10, 29),
            effective=datetime.date(2009, 3, 1),
            withdrawn=datetime.date(2017, 7, 1),
            ics_codes=["03.120.10"],
            ccs_codes=["A00"],
        ),
        StandardFactory(
            designation="ISO 9001:2015",
            title_zh="",
            title_en="Quality management systems — Requirements",
            publisher=iso,
            issued=datetime.date(2015, 9, 15),
            ics_codes=["03.120.10"],
        ),
        StandardFactory(
            designation="GB/T 22080-2016",
            title_zh="信息技术 安全技术 信息安全管理体系 要求",
            title_en="Information technology - Security techniques - Information security "
            "management systems - Requirements",
            issued=datetime.date(2016, 8, 29),
            ics_codes=["35.030", "03.120.10"],
            ccs_codes=["L70"],
        ),
        StandardFactory(
            designation="GB 4943.1-2022",
            title_zh="音视频、信息技术和通信技术设备 第1部分：安全要求",
            title_en="Audio/video, information and communication technology equipment - "
            "Part 1: Safety requirements",
            issued=datetime.date(2022, 7, 19),
            ics_codes=["35.040"],
        ),
        StandardFactory(
            designation="JB/T 5000.1-2007",
            title_zh="重型机械通用技术条件 第1部分：产品检验",
            title_en="",
            issued=None,
            effective=None,
        ),
    ]
    by_designation = {s.designation: s for s in rows}
    ReplacementFactory(
        predecessor=by_designation["GB/T 19001-2008"],
        successor=by_designation["GB/T 19001-2016"],
    )
    return by_designation


def ok(response) -> dict:
    """The JSON body of a 200 response (anything else fails the test)."""
    assert response.status_code == 200, response.content
    return response.json()
