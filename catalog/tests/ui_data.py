"""A small realistic catalogue shared by the web page, export and browser tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache

from catalog.models import Publisher, Standard, Status
from catalog.search import index_standards
from catalog.tests.factories import (
    DataSourceFactory,
    ReplacementFactory,
    StandardFactory,
    ccs_node,
    ics_node,
)


@dataclass
class Catalogue:
    """Handles on the standards that the tests look for."""

    qms_2000: Standard
    qms_2008: Standard
    qms_2016: Standard
    isms: Standard
    concrete: Standard
    iso_9001: Standard
    machinery: Standard


def build_classifications() -> None:
    """A slice of the ICS and CCS trees with parents, as the loaders build them."""
    ics_03 = ics_node(
        "03", "Services. Company organization, management and quality", "服务。公司组织"
    )
    ics_03120 = ics_node("03.120", "Quality", "质量", ics_03)
    ics_node(
        "03.120.10", "Quality management and quality assurance", "质量管理和质量保证", ics_03120
    )
    ics_35 = ics_node("35", "Information technology", "信息技术")
    ics_node("35.030", "IT Security", "IT 安全", ics_35)
    ics_91 = ics_node("91", "Construction materials and building", "建筑材料和建筑物")
    ics_91080 = ics_node("91.080", "Structures of buildings", "建筑物构件", ics_91)
    ics_node("91.080.40", "Concrete structures", "混凝土结构", ics_91080)
    ics_node("25", "Manufacturing engineering", "机械制造")
    ccs_a = ccs_node("A", "综合", 1)
    ccs_a0009 = ccs_node("A00/09", "标准化管理与一般规定", 2, ccs_a)
    ccs_node("A00", "标准化、质量管理", 3, ccs_a0009)
    ccs_node("A01", "技术管理", 3, ccs_a0009)
    ccs_l = ccs_node("L", "电子元器件与信息技术", 1)
    ccs_l8089 = ccs_node("L80/89", "信息处理技术", 2, ccs_l)
    ccs_node("L80", "信息处理技术综合", 3, ccs_l8089)
    ccs_p = ccs_node("P", "工程建设", 1)
    ccs_p2029 = ccs_node("P20/29", "工程结构", 2, ccs_p)
    ccs_node("P25", "混凝土结构工程", 3, ccs_p2029)


def build_catalogue() -> Catalogue:
    """Create the test catalogue, link the editions and index it for search."""
    # Browse facet counts are cached per index version, and rolled-back tests repeat versions.
    cache.clear()
    build_classifications()
    source = DataSourceFactory(
        slug="ui-test",
        name="测试目录快照",
        url="https://example.org/catalogue",
        licence="CC BY 4.0",
        as_of=datetime.date(2025, 6, 1),
    )
    iso = Publisher.objects.get_or_create(
        code="ISO",
        defaults={
            "name_en": "International Organization for Standardization",
            "name_zh": "国际标准化组织",
        },
    )[0]
    qms = {
        "title_zh": "质量管理体系 要求",
        "title_en": "Quality management systems - Requirements",
        "source": source,
        "ics_codes": ["03.120.10"],
        "ccs_codes": ["A00"],
        "committee": "SAC/TC 151",
    }
    qms_2000 = StandardFactory(
        designation="GB/T 19001-2000",
        status=Status.REPLACED,
        issued=datetime.date(2000, 12, 28),
        effective=datetime.date(2001, 6, 1),
        withdrawn=datetime.date(2009, 3, 1),
        **qms,
    )
    qms_2008 = StandardFactory(
        designation="GB/T 19001-2008",
        status=Status.REPLACED,
        issued=datetime.date(2008, 10, 29),
        effective=datetime.date(2009, 3, 1),
        withdrawn=datetime.date(2017, 7, 1),
        **qms,
    )
    qms_2016 = StandardFactory(
        designation="GB/T 19001-2016",
        status=Status.CURRENT,
        issued=datetime.date(2016, 12, 30),
        effective=datetime.date(2017, 7, 1),
        adopted_designation="ISO 9001:2015",
        adoption_degree="IDT",
        url="https://openstd.samr.gov.cn/",
        **qms,
    )
    ReplacementFactory(predecessor=qms_2000, successor=qms_2008, source=source)
    ReplacementFactory(predecessor=qms_2008, successor=qms_2016, source=source)
    isms = StandardFactory(
        designation="GB/T 22080-2016",
        title_zh="信息技术 安全技术 信息安全管理体系 要求",
        title_en="Information technology - Security techniques - "
        "Information security management systems - Requirements",
        issued=datetime.date(2016, 8, 29),
        effective=datetime.date(2017, 3, 1),
        source=source,
        ics_codes=["35.030"],
        ccs_codes=["L80"],
    )
    concrete = StandardFactory(
        designation="GB 50010-2010",
        title_zh="混凝土结构设计规范",
        title_en="Code for design of concrete structures",
        issued=datetime.date(2010, 8, 18),
        effective=datetime.date(2011, 7, 1),
        source=source,
        ics_codes=["91.080.40"],
        ccs_codes=["P25"],
    )
    iso_9001 = StandardFactory(
        designation="ISO 9001:2015",
        title_zh="",
        publisher=iso,
        title_en="Quality management systems - Requirements",
        issued=datetime.date(2015, 9, 15),
        effective=None,
        source=source,
        ics_codes=["03.120.10"],
    )
    machinery = StandardFactory(
        designation="JB/T 10000-2020",
        title_zh="机械设备 质量分等",
        title_en="Machinery - Quality grading",
        issued=datetime.date(2020, 4, 1),
        source=source,
        ics_codes=["25"],
    )
    index_standards(Standard.objects.values_list("pk", flat=True))
    return Catalogue(qms_2000, qms_2008, qms_2016, isms, concrete, iso_9001, machinery)


def build_many(count: int, *, prefix: str = "GB/T 39", title: str = "锂离子电池 安全要求") -> None:
    """Create `count` current national standards that all match `title`, and index them."""
    source = DataSourceFactory(slug="ui-test")
    created = [
        StandardFactory(
            designation=f"{prefix}{n:03d}-{2000 + n % 25}",
            title_zh=f"{title} 第{n}部分",
            title_en="Lithium-ion batteries - Safety requirements",
            source=source,
            issued=datetime.date(2000 + n % 25, 1, 1),
        )
        for n in range(count)
    ]
    index_standards([s.pk for s in created])
