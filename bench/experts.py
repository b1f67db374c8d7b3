"""Expert database benchmark: `python -m bench.experts [--experts 100000] [--repeats 20]`.

Builds a throwaway SQLite database in bench/out/experts/ with 100,000 generated experts
(2,000 organisations, ICS fields from `bench.draws`' vocabulary, keywords, avoidance lists,
5,000 generated standards drafted or reviewed, a year and a half of credit events) and
times, through the services the web pages call:

- a field + keyword search (first page of 20 and the count), target < 200 ms;
- a match-ranked search for a topic (title, scope, two codes), target < 200 ms;
- a constrained draw from a frozen pool (`draw_result`: the draw loaded, its frozen pool
  read, panel and alternates drawn and checked), target < 100 ms; and the whole
  `perform_draw` with the record saved and nine invitations sent (rolled back);
- freezing the pool and publishing the commitment (`commit_draw`, rolled back).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys

from bench.development import OUT as _DEV_OUT
from bench.timing import fresh_database, measure, print_cpu_reference, report

TARGETS = {"search": 200.0, "match": 200.0, "draw": 100.0, "invite": 300.0, "commit": 2500.0}
FIELDS = [f"{major}.{minor:03d}" for major in (13, 27, 91) for minor in range(0, 200, 10)]
WORDS = [
    "电池",
    "储能",
    "氢能",
    "光伏",
    "燃气",
    "电梯",
    "混凝土",
    "钢结构",
    "食品",
    "医疗",
    "信息安全",
    "数据",
    "网络",
    "机器人",
    "锅炉",
    "压力容器",
    "照明",
    "建筑",
    "轨道",
    "船舶",
]
UNUSABLE = "!"  # an unusable password hash: the generated experts never log in
OBJECTS = ["锂离子电池", "储能系统", "燃料电池", "光伏组件", "燃气表", "电梯", "预拌混凝土",
           "钢结构焊缝", "婴幼儿食品", "医用口罩", "数据安全", "工业机器人"]  # fmt: skip
ASPECTS = ["安全要求", "试验方法", "技术条件", "检验规则", "性能评价", "通用规范"]
REGIONS = ["北京", "上海", "河南", "广东", "江苏", "浙江", "四川", "湖北"]


class _Rollback(Exception):
    pass


def _setup(database_url: str | None, reuse: bool = False) -> bool:
    """A fresh database (or, with `reuse`, the one left by the last run); True if reused."""
    import os

    os.environ["STDBASE_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    out = _DEV_OUT.parent / "experts"
    if reuse and not database_url and (out / "stdbase.sqlite3").exists():
        os.environ["DJANGO_SETTINGS_MODULE"] = "stdbase.settings"
        os.environ["STDBASE_DATA_DIR"] = str(out)
        os.environ["STDBASE_LOG_LEVEL"] = "WARNING"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        return True
    fresh_database(out, database_url)
    return False


def _build(size: int):
    """The office user and `size` generated experts with fields, standards and credit."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from accounts.models import Role, RoleAssignment
    from bench.generate import SOURCE_NAME, SOURCE_SLUG
    from catalog.models import DataSource, Standard
    from talent.models import CreditEvent, Expert, ExpertField, ExpertKeyword, ExpertStandard

    rng = random.Random(2026)
    User = get_user_model()
    office = User.objects.create_user(username="office", password="x" * 12)
    RoleAssignment.objects.create(user=office, role=Role.objects.get(code="base_office"))
    orgs = [f"单位{i:04d}" for i in range(2000)]
    today = datetime.date.today()
    with transaction.atomic():
        source = DataSource.objects.create(slug=SOURCE_SLUG, name=SOURCE_NAME)
        standards = Standard.objects.bulk_create(
            [
                Standard(
                    designation=f"GB/T {90000 + n}-2020",
                    series_key=f"GB/T {90000 + n}",
                    prefix="GB/T",
                    number=str(90000 + n),
                    main_number=str(90000 + n),
                    year=2020,
                    tier="national",
                    source=source,
                    extra={"generated": True},
                    title_zh=f"{rng.choice(OBJECTS)}{rng.choice(ASPECTS)}",
                )  # fmt: skip
                for n in range(5000)
            ],
            batch_size=2000,
        )
        users = User.objects.bulk_create(
            [User(username=f"bx{i:06d}", password=UNUSABLE) for i in range(size)], batch_size=5000
        )
        if not users[0].pk:
            users = list(User.objects.filter(username__startswith="bx").order_by("username"))
        experts = []
        for i, user in enumerate(users):
            keywords = rng.sample(WORDS, rng.randint(1, 3))
            experts.append(
                Expert(
                    user=user,
                    name=f"专家{i:06d}",
                    state="active" if rng.random() > 0.01 else "suspended",
                    title=rng.choice(("senior", "associate", "intermediate")),
                    employer=rng.choice(orgs),
                    region=rng.choice(REGIONS),
                    keywords=keywords,
                    keywords_text="|".join(keywords),
                    avoid_orgs=rng.sample(orgs, rng.randint(0, 2)),
                    term_end=today + datetime.timedelta(days=700),
                )  # fmt: skip
            )
        experts = Expert.objects.bulk_create(experts, batch_size=5000)
        if not experts[0].pk:
            experts = list(Expert.objects.order_by("pk"))
        ExpertKeyword.objects.bulk_create(
            [row for e in experts for row in ExpertKeyword.rows_for(e)], batch_size=10000
        )
        ExpertField.objects.bulk_create(
            [
                ExpertField(expert=e, scheme="ics", code=code)
                for e in experts
                for code in rng.sample(FIELDS, rng.randint(1, 3))
            ],
            batch_size=10000,
        )
        links = set()
        for e in experts:
            for _n in range(rng.choice((0, 0, 1, 1, 2))):
                links.add((e.pk, rng.choice(standards).pk, rng.choice(("drafted", "reviewed"))))
        ExpertStandard.objects.bulk_create(
            [ExpertStandard(expert_id=e, standard_id=s, role=r) for e, s, r in links],
            batch_size=10000,
        )
        kinds = ("served", "served", "served", "declined", "no_show", "rating")
        CreditEvent.objects.bulk_create(
            [
                CreditEvent(
                    expert=e,
                    kind=(kind := rng.choice(kinds)),
                    date=today - datetime.timedelta(days=rng.randint(1, 540)),
                    rating=rng.randint(1, 5) if kind == "rating" else None,
                    reason="出差" if kind == "declined" else "",
                )  # fmt: skip
                for e in experts
                for _n in range(rng.choice((0, 1, 1, 2, 3)))
            ],
            batch_size=10000,
        )
    return office


def _draft(office, n: int):
    from talent.services.draw_requests import create_draw

    return create_draw(
        office, purpose="review", object_type="project", object_ref=f"BENCH-{n}",
        object_title="锂离子电池安全要求", need=9, alternates=3,
        quotas={"13.020": 2, "27.010": 2, "91.100": 1},
        party_orgs=[f"单位{i:04d}" for i in (1, 17, 256, 999, 1500)],
        served_within_days=90, max_panels_per_year=3, max_no_shows=2,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--only", default="", help="comma-separated: search,match,commit,draw")
    parser.add_argument("--reuse", action="store_true", help="keep the last run's database")
    args = parser.parse_args(argv)
    reused = _setup(args.database_url, args.reuse)
    from django.db import transaction

    from talent.services.draw_requests import commit_draw, perform_draw
    from talent.services.experts import search_experts
    from talent.services.matching import match_experts

    if reused:
        from django.contrib.auth import get_user_model

        office = get_user_model().objects.get(username="office")
    else:
        office = _build(args.experts)
    print(f"{args.experts:,} generated experts")
    print_cpu_reference()
    ok = True
    only = set(args.only.split(",")) if args.only else {"search", "match", "commit", "draw"}

    def search(i: int) -> None:
        rows = search_experts(office, field=FIELDS[i % len(FIELDS)], keyword=WORDS[i % 20])
        list(rows[:20])
        rows.count()

    topics = [f"{o}{a}" for o in OBJECTS for a in ASPECTS]

    def match(i: int) -> None:
        match_experts(office, topics[i % len(topics)], "范围：" + WORDS[i % 20],
                      [FIELDS[i % len(FIELDS)], FIELDS[(i * 7) % len(FIELDS)]])  # fmt: skip

    def commit(i: int) -> None:
        try:
            with transaction.atomic():
                commit_draw(office, _draft(office, 1000 + i))
                raise _Rollback
        except _Rollback:
            pass

    if "search" in only:
        timing = measure(search, args.repeats)
        ok &= report("field + keyword search (page of 20 + count)", timing, TARGETS["search"])
    if "match" in only:
        timing = measure(match, args.repeats)
        ok &= report("match-ranked search (top 20 with evidence)", timing, TARGETS["match"])
    if "commit" in only:
        timing = measure(commit, max(3, args.repeats // 4))
        ok &= report("freeze the pool + publish the commitment", timing, TARGETS["commit"])
    if "draw" in only:
        from talent.models import ExpertDraw
        from talent.services.draw_requests import draw_result

        committed = commit_draw(office, _draft(office, 0))

        def draw(_i: int) -> None:
            # As the draw page does: the draw loaded afresh, its frozen pool read, the
            # panel and alternates drawn and checked against pool hash and commitment.
            draw_result(ExpertDraw.objects.get(pk=committed.pk))

        def draw_and_invite(_i: int) -> None:
            # The whole step: the record saved and the 9 panel members invited (rolled back).
            frozen = ExpertDraw.objects.get(pk=committed.pk)
            try:
                with transaction.atomic():
                    perform_draw(office, frozen)
                    raise _Rollback
            except _Rollback:
                pass

        draw(0)
        draw_and_invite(0)  # warm-up: templates and translations of the invitation
        timing = measure(draw, args.repeats)
        label = "constrained draw from the frozen pool (panel 9 + 3 alternates)"
        ok &= report(label, timing, TARGETS["draw"])
        timing = measure(draw_and_invite, args.repeats)
        ok &= report("  with the record saved and the panel invited", timing, TARGETS["invite"])
        print(f"  eligible {committed.eligible_count:,} of {args.experts:,}")
    print("all targets met" if ok else "some targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
