"""Base governance benchmark: `python -m bench.governance [--database-url URL]`.

Builds a throwaway database in bench/out/governance/ with 10 bases (3 centres each), 200
units, 5,000 plan tasks and a KPI tree of 52 indicators per base with 3 years of monthly
values of its 36 leaves, then times the monitoring dashboard (36 months, whole base and one
centre) and its xlsx export as the base office, through the test client. Target: < 1 s.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys

from bench.development import OUT as _DEV_OUT
from bench.timing import fresh_database, measure, print_cpu_reference, report

BASES = 10
UNITS = 200
TASKS = 5_000
MONTHS = 36
TARGET_MS = 1000.0


def _setup(database_url: str | None) -> None:
    fresh_database(_DEV_OUT.parent / "governance", database_url)


def _build():
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from accounts.models import Organization, Role, RoleAssignment
    from governance.models import AnnualPlan, Indicator, KpiValue, PlanTask
    from governance.services import bases

    rng = random.Random(5)
    User = get_user_model()
    office = User.objects.create_user(username="office", password="x" * 12)
    RoleAssignment.objects.create(user=office, role=Role.objects.get(code="base_office"))
    today = datetime.date.today()
    periods = []
    year, month = today.year, today.month
    for _i in range(MONTHS):
        periods.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    created = []
    with transaction.atomic():
        units = Organization.objects.bulk_create(
            [
                Organization(
                    name=f"承建单位{n:03d}", type="institute", credit_code=f"BENCH{n:013d}"
                )
                for n in range(UNITS)
            ]
        )
        for b in range(BASES):
            base = bases.create_base(code=f"base{b}", name=f"基准基地{b}", actor=office)
            centres = [bases.add_centre(base, f"基地{b}中心{c}", actor=office) for c in range(3)]
            plan = AnnualPlan.objects.create(
                base=base, year=today.year, title="年度计划", state="approved", created_by=office
            )
            PlanTask.objects.bulk_create(
                [
                    PlanTask(
                        plan=plan,
                        title=f"任务{b}-{t}",
                        unit=units[(b * 20 + t) % UNITS],
                        centre=centres[t % 3],
                        starts_on=datetime.date(today.year, 1, 1),
                        due_on=datetime.date(today.year, 1 + t % 12, 28),
                        progress=Decimal(rng.randint(0, 100)),
                    )
                    for t in range(TASKS // BASES)
                ],
                batch_size=1000,
            )
            leaves = []
            for i in range(4):
                l1 = Indicator.objects.create(
                    base=base, level=1, code=f"{i + 1}", name=f"一级{i + 1}", weight=25
                )
                for j in range(3):
                    l2 = Indicator.objects.create(
                        base=base, level=2, parent=l1, code=f"{i + 1}.{j + 1}", name=f"二级{j + 1}"
                    )
                    for k in range(3):
                        leaves.append(
                            Indicator(
                                base=base,
                                level=3,
                                parent=l2,
                                code=f"{i + 1}.{j + 1}.{k + 1}",
                                name=f"三级{k + 1}",
                                target=Decimal(100),
                                centre=centres[k],
                            )
                        )
            leaves = Indicator.objects.bulk_create(leaves)
            KpiValue.objects.bulk_create(
                [
                    KpiValue(
                        indicator=leaf,
                        period=p,
                        value=Decimal(rng.randint(0, 120)),
                        computed=True,
                        method="bench",
                    )
                    for leaf in leaves
                    for p in periods
                ],
                batch_size=2000,
            )
            created.append((base, centres))
    return office, created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    _setup(args.database_url)
    from django.test import Client

    from governance.models import KpiValue, PlanTask

    office, created = _build()
    print_cpu_reference()
    print(
        f"{len(created)} bases, {UNITS} units, {PlanTask.objects.count():,} plan tasks, "
        f"{KpiValue.objects.count():,} monthly values"
    )
    client = Client()
    client.force_login(office)

    def whole(index: int) -> None:
        base, _centres = created[index % len(created)]
        response = client.get(f"/governance/bases/{base.pk}/dashboard/", {"months": MONTHS})
        assert response.status_code == 200, response.status_code

    def centre(index: int) -> None:
        base, centres = created[index % len(created)]
        response = client.get(
            f"/governance/bases/{base.pk}/dashboard/",
            {"months": MONTHS, "centre": centres[index % 3].pk},
        )
        assert response.status_code == 200, response.status_code

    def unit(index: int) -> None:
        base, _centres = created[index % len(created)]
        units = list(PlanTask.objects.filter(plan__base=base).values_list("unit", flat=True)[:3])
        response = client.get(
            f"/governance/bases/{base.pk}/dashboard/",
            {"months": MONTHS, "scope": f"unit-{units[index % len(units)]}"},
        )
        assert response.status_code == 200, response.status_code

    def export(index: int) -> None:
        base, _centres = created[index % len(created)]
        response = client.get(f"/governance/bases/{base.pk}/dashboard.xlsx", {"months": MONTHS})
        assert response.status_code == 200, response.status_code

    def plan(index: int) -> None:
        base, _centres = created[index % len(created)]
        response = client.get(f"/governance/plans/{base.plans.first().pk}/")
        assert response.status_code == 200, response.status_code

    whole(0)
    ok = report("dashboard, whole base, 36 months", measure(whole, args.repeats), TARGET_MS)
    ok &= report("dashboard, one centre, 36 months", measure(centre, args.repeats), TARGET_MS)
    ok &= report("dashboard, one builder unit, 36 months", measure(unit, args.repeats), TARGET_MS)
    ok &= report("dashboard xlsx export", measure(export, args.repeats), TARGET_MS)
    report("annual plan page (500 tasks)", measure(plan, min(args.repeats, 10)), TARGET_MS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
