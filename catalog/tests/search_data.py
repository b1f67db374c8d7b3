"""A small catalogue for the search service tests (both backends)."""

from __future__ import annotations

import datetime

from catalog.models import Publisher, Standard, Status
from catalog.tests.factories import StandardFactory


def make(designation: str, title_zh: str = "", title_en: str = "", **fields) -> Standard:
    """Create one standard; saving it again (as an editor would) indexes its final state.

    The factory sets the ICS/CCS roots with a queryset update after the first save.
    """
    standard = StandardFactory(
        designation=designation, title_zh=title_zh, title_en=title_en, **fields
    )
    standard.refresh_from_db()
    standard.save()
    return standard


def build_search_catalogue() -> dict[str, Standard]:
    """Editions, adoptions, Chinese titles and international standards, keyed by designation."""
    iso = Publisher.objects.get_or_create(code="ISO", defaults={"name_en": "ISO"})[0]
    iec = Publisher.objects.get_or_create(code="IEC", defaults={"name_en": "IEC"})[0]
    rows = [
        make(
            "GB/T 19001-2016",
            "质量管理体系 要求",
            "Quality management systems - Requirements",
            adopted_designation="ISO 9001:2015",
            adoption_degree="IDT",
            ics_codes=["03.120.10"],
            ccs_codes=["A00"],
            issued=datetime.date(2016, 12, 30),
        ),
        make(
            "GB/T 19001-2008",
            "质量管理体系 要求",
            "Quality management systems - Requirements",
            status=Status.REPLACED,
            ics_codes=["03.120.10"],
            ccs_codes=["A00"],
            issued=datetime.date(2008, 10, 29),
        ),
        make(
            "GB/T 19001-2000",
            "质量管理体系 要求",
            "Quality management systems - Requirements",
            status=Status.REPLACED,
            issued=datetime.date(2000, 12, 28),
        ),
        make(
            "GB/T 19000-2016",
            "质量管理体系 基础和术语",
            "Quality management systems - Fundamentals and vocabulary",
            issued=datetime.date(2016, 12, 30),
        ),
        make(
            "ISO 9001:2015",
            "",
            "Quality management systems — Requirements",
            publisher=iso,
            ics_codes=["03.120.10"],
            issued=datetime.date(2015, 9, 15),
        ),
        make(
            "ISO 9001:2008",
            "",
            "Quality management systems — Requirements",
            publisher=iso,
            status=Status.WITHDRAWN,
            issued=datetime.date(2008, 11, 14),
        ),
        make(
            "ISO/IEC 27001:2022",
            "",
            "Information security, cybersecurity and privacy protection — Information "
            "security management systems — Requirements",
            publisher=iso,
            ics_codes=["35.030"],
            issued=datetime.date(2022, 10, 25),
        ),
        make(
            "ISO/IEC 27001:2013",
            "",
            "Information security management systems — Requirements",
            publisher=iso,
            status=Status.WITHDRAWN,
            ics_codes=["35.030"],
            issued=datetime.date(2013, 10, 1),
        ),
        make(
            "IEC 60601-1:2005",
            "",
            "Medical electrical equipment - Part 1: General requirements for basic safety",
            publisher=iec,
            issued=datetime.date(2005, 12, 15),
        ),
        make(
            "GB/T 22080-2016",
            "信息技术 安全技术 信息安全管理体系 要求",
            "Information technology - Security techniques - Information security management "
            "systems - Requirements",
            ics_codes=["35.030"],
            ccs_codes=["L80"],
            issued=datetime.date(2016, 8, 29),
        ),
        make(
            "GB 50204-2015",
            "混凝土结构工程施工质量验收规范",
            "Standard for acceptance of constructional quality of concrete structures",
            ics_codes=["91.080.40"],
            issued=datetime.date(2014, 8, 27),
        ),
        make(
            "CJJ/T 147-2010",
            "城镇燃气管道非开挖修复更新工程技术规程",
            "",
            issued=datetime.date(2010, 8, 18),
        ),
        make(
            "GB 31241-2022",
            "便携式电子产品用锂离子电池和电池组 安全技术规范",
            "Lithium ion cells and batteries used in portable electronic equipments - "
            "Safety technical specification",
            issued=datetime.date(2022, 12, 29),
        ),
        make(
            "GB/T 3100-1993",
            "国际单位制及其应用",
            "SI units and recommendations",
            status=Status.CURRENT,
            issued=datetime.date(1993, 12, 27),
        ),
        make(
            "GB 4943.1-2022",
            "音视频、信息技术和通信技术设备 第1部分：安全",
            "Audio/video, information and communication technology equipment - Part 1: Safety",
            issued=datetime.date(2022, 7, 19),
        ),
        make(
            "DB41/T 1234-2016",
            "<b>河南</b> 道路 养护技术规范",
            "",
            issued=datetime.date(2016, 5, 1),
        ),
    ]
    return {s.designation: Standard.objects.get(pk=s.pk) for s in rows}
