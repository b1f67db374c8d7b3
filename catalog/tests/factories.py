"""factory_boy factories that build realistic catalogue objects."""

from __future__ import annotations

import datetime

import factory

from catalog.models import (
    CcsCode,
    DataSource,
    IcsCode,
    Publisher,
    Replacement,
    Standard,
    StandardCcs,
    StandardIcs,
    Status,
)


class DataSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSource
        django_get_or_create = ("slug",)

    slug = "test-source"
    name = "测试数据源"
    licence = "CC BY 4.0"
    as_of = datetime.date(2025, 6, 1)


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher
        django_get_or_create = ("code",)

    code = "SAMR"
    name_zh = "国家市场监督管理总局"
    name_en = "State Administration for Market Regulation"


class IcsCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IcsCode
        django_get_or_create = ("code",)

    code = "03.120.10"
    name_en = "Quality management and quality assurance"
    level = factory.LazyAttribute(lambda o: o.code.count(".") + 1)


class CcsCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CcsCode
        django_get_or_create = ("code",)

    code = "A00"
    name_zh = "标准化、质量管理"
    level = 3


def _split(designation: str) -> dict:
    """Derive the structured designation fields with the real parser."""
    from catalog.designations import parse

    d = parse(designation)
    return {
        "designation": d.canonical,
        "series_key": d.series_key,
        "prefix": d.prefix,
        "body": d.body,
        "number": d.number,
        "part": d.part,
        "main_number": d.main_number,
        "year": d.year,
        "tier": d.tier,
        "mandate": d.mandate,
    }


class StandardFactory(factory.django.DjangoModelFactory):
    """Build a standard from a designation: `StandardFactory(designation="GB/T 19001-2016")`."""

    class Meta:
        model = Standard
        django_get_or_create = ("designation",)
        skip_postgeneration_save = True

    designation = factory.Sequence(lambda n: f"GB/T {30000 + n}-2020")
    title_zh = "质量管理体系 要求"
    title_en = "Quality management systems - Requirements"
    status = Status.CURRENT
    issued = factory.LazyAttribute(
        lambda o: datetime.date(o.year or 2020, 6, 1) if (o.year or 0) > 1900 else None
    )
    source = factory.SubFactory(DataSourceFactory)
    as_of = datetime.date(2025, 6, 1)
    publisher = factory.SubFactory(PublisherFactory)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        parsed = _split(kwargs["designation"])
        for key, value in parsed.items():
            if key == "designation" or key not in kwargs or kwargs[key] in (None, ""):
                kwargs[key] = value
        kwargs["designation"] = parsed["designation"]
        kwargs.setdefault("series_key", parsed["series_key"])
        return kwargs

    # Declared so LazyAttribute above can read them before _adjust_kwargs runs.
    year = factory.LazyAttribute(lambda o: _split(o.designation)["year"])

    @factory.post_generation
    def ics_codes(self, create, extracted, **kwargs):
        for position, code in enumerate(extracted or []):
            ics, _ = IcsCode.objects.get_or_create(
                code=code, defaults={"name_en": code, "level": code.count(".") + 1}
            )
            StandardIcs.objects.get_or_create(standard=self, code=ics, position=position)
            if position == 0:
                Standard.objects.filter(pk=self.pk).update(ics_root=code[:2])
                self.ics_root = code[:2]

    @factory.post_generation
    def ccs_codes(self, create, extracted, **kwargs):
        for position, code in enumerate(extracted or []):
            ccs, _ = CcsCode.objects.get_or_create(
                code=code, defaults={"name_zh": code, "level": 3}
            )
            StandardCcs.objects.get_or_create(standard=self, code=ccs, position=position)
            if position == 0:
                Standard.objects.filter(pk=self.pk).update(ccs_root=code[:1])
                self.ccs_root = code[:1]


class ReplacementFactory(factory.django.DjangoModelFactory):
    """`ReplacementFactory(predecessor=old, successor=new)` links two editions."""

    class Meta:
        model = Replacement

    predecessor = factory.SubFactory(StandardFactory)
    successor = factory.SubFactory(StandardFactory)
    predecessor_designation = factory.LazyAttribute(lambda o: o.predecessor.designation)
    successor_designation = factory.LazyAttribute(lambda o: o.successor.designation)
    partial = False
    source = factory.SubFactory(DataSourceFactory)


def ics_node(code: str, name_en: str, name_zh: str = "", parent: IcsCode | None = None) -> IcsCode:
    """Create or update one ICS node linked to its parent, as the vocabulary loader does."""
    return IcsCode.objects.update_or_create(
        code=code,
        defaults={
            "name_en": name_en,
            "name_zh": name_zh,
            "parent": parent,
            "level": code.count(".") + 1,
        },
    )[0]


def ccs_node(code: str, name_zh: str, level: int, parent: CcsCode | None = None) -> CcsCode:
    """Create or update one CCS node linked to its parent."""
    return CcsCode.objects.update_or_create(
        code=code, defaults={"name_zh": name_zh, "parent": parent, "level": level}
    )[0]
