"""Verification-centre benchmark: `python -m bench.verification [--database-url URL]`.

Builds a throwaway database in bench/out/verification/ with one verification centre holding
20 draft verification requests of 500 items each (10,000 items, seeded with bulk_create,
three quarters judged) and an inter-laboratory round of 30 laboratories × 10 levels ×
5 replicates, then times, as the centre's engineer through the test client:

- the centre's item list (all items, a page deep in the list, the failed ones), issue #13:
  "10,000 verification items in a centre's list page stay under 300 ms";
- a request's page with its 500 items (parsed limits, verdicts), its raw data as xlsx and
  its verification report PDF; the request list;
- the round's page (h and k plots, z-scores) and its xlsx and CSV exports;

and the services behind them: judging 500 measured values of a request against their
requirements (`record_results`, GB/T 8170) and storing and computing a 30 × 10 × 5 round
(`create_round`: ISO 5725-2 and ISO 13528; issue #13: "computes in < 200 ms", the pure
computation is in bench.precision). Targets: list page < 300 ms, other pages < 1 s.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from pathlib import Path

from bench.timing import fresh_database, measure, print_cpu_reference, report

OUT = Path(__file__).resolve().parent / "out" / "verification"
REQUESTS = 20
ITEMS_PER_REQUEST = 500  # verification.services.requests.MAX_ITEMS
LIST_TARGET_MS = 300.0
PAGE_TARGET_MS = 1000.0
ROUND_TARGET_MS = 200.0
REQUIREMENTS = [
    ("≤ 0.5 mg/kg", ("0.42", "0.61", "未检出")),
    ("不小于 30 MPa", ("31.5", "28", "30.0")),
    ("95 %~105 %", ("98.2", "106", "95.0")),
    ("(23±2)℃", ("22.5", "26", "24.9")),
    ("≥ 14×100 修约值比较", ("1450", "1320", "1360")),
    ("6.5-8.5", ("7.1", "9.0", "6.4")),
    ("不超过 0.10 %", ("0.08", "0.12", "0.10")),
    ("大于 10 mm，小于 20 mm", ("15", "21", "10")),
]


def _build(rng: random.Random):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from bodies.models import BodyKind
    from bodies.services.bodies import create_body
    from bodies.services.memberships import add_member
    from development.models import Draft, Project
    from verification.models import VerificationCentre, VerificationItem, VerificationRequest

    User = get_user_model()
    with transaction.atomic():
        centre_body = create_body(kind=BodyKind.VERIFICATION_CENTRE, name="基准电工产品验证中心",
                                  actor=None)  # fmt: skip
        alliance = create_body(kind=BodyKind.ALLIANCE, name="基准产业联盟", actor=None,
                               standard_code="T/BMV")  # fmt: skip
        engineer = User.objects.create_user(username="engineer", password="x" * 12)
        secretary = User.objects.create_user(username="secretary", password="x" * 12)
        add_member(centre_body, "verification_engineer", actor=None, user=engineer)
        add_member(alliance, "secretariat", actor=None, user=secretary)
        centre = VerificationCentre.objects.create(
            body=centre_body, host_organisation="基准检验研究院", industry="电工", ics="29",
            city="郑州", monthly_capacity=40,
        )  # fmt: skip
        project = Project.objects.create(body=alliance, number="BMV-2026-001", state="30.20",
                                         stage_main="30", title="基准产品 技术要求")  # fmt: skip
        draft = Draft.objects.create(
            project=project, kind="cd", version=1, stage="30.20", file="bench/draft.txt",
            filename="draft.txt", file_kind="txt", size=10, sha256="0" * 64, text="5 要求",
        )  # fmt: skip
        now = timezone.now()
        requests = VerificationRequest.objects.bulk_create(
            VerificationRequest(
                project=project, draft=draft, centre=centre, title=f"基准验证 {n:02d}",
                requested_by=secretary, state="planned", samples="3 组样品", labs="实验室",
                planned_start=datetime.date(2026, 3, 1), planned_end=datetime.date(2026, 3, 20),
                engineer=engineer,
            )
            for n in range(REQUESTS)
        )  # fmt: skip
        verdicts = ("pass", "fail", "inconclusive")
        items = []
        for req in requests:
            for position in range(1, ITEMS_PER_REQUEST + 1):
                requirement, values = REQUIREMENTS[position % len(REQUIREMENTS)]
                judged = rng.random() < 0.75
                pick = rng.randrange(3)
                items.append(VerificationItem(
                    request=req, position=position, clause=f"5.{position}",
                    indicator=f"指标 {position}", requirement=requirement,
                    value=values[pick] if judged else "", verdict=verdicts[pick] if judged else "",
                    rule="测定值与要求按 GB/T 8170 全数值比较法比较。" if judged else "",
                    measured_at=now if judged else None,
                ))  # fmt: skip
        VerificationItem.objects.bulk_create(items, batch_size=2000)
    return engineer, centre, requests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    fresh_database(OUT, args.database_url)
    from django.test import Client
    from django.urls import reverse

    from bench.precision import make_round
    from verification.models import VerificationItem
    from verification.services.conformity import ItemInput
    from verification.services.requests import record_results
    from verification.services.rounds import create_round

    rng = random.Random(13)
    engineer, centre, requests = _build(rng)
    print_cpu_reference()
    print(f"1 centre, {len(requests)} requests, {VerificationItem.objects.count():,} items")
    client = Client()
    client.force_login(engineer)
    repeats, few = args.repeats, max(3, args.repeats // 4)

    def get(url: str, **params):
        def run(index: int) -> None:
            response = client.get(url, {k: v(index) if callable(v) else v
                                        for k, v in params.items()})  # fmt: skip
            assert response.status_code == 200, (url, response.status_code)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)

        run(0)  # warm the caches (templates, translations, critical values)
        return run

    ok = True
    items_url = reverse("verification:centre-items", args=[centre.pk])
    ok &= report("centre item list, 10,000 items, page 1",
                 measure(get(items_url), repeats), LIST_TARGET_MS)  # fmt: skip
    ok &= report("centre item list, pages 2-100",
                 measure(get(items_url, page=lambda i: 2 + i * 5 % 99), repeats),
                 LIST_TARGET_MS)  # fmt: skip
    ok &= report("centre item list, failed items",
                 measure(get(items_url, verdict="fail"), repeats), LIST_TARGET_MS)  # fmt: skip
    ok &= report("request list", measure(get(reverse("verification:requests")), repeats),
                 PAGE_TARGET_MS)  # fmt: skip
    req = requests[0]
    ok &= report(f"request page, {ITEMS_PER_REQUEST} items with parsed limits",
                 measure(get(req.get_absolute_url()), repeats), PAGE_TARGET_MS)  # fmt: skip
    ok &= report(f"request raw data xlsx, {ITEMS_PER_REQUEST} items",
                 measure(get(reverse("verification:request-xlsx", args=[req.pk])), repeats),
                 PAGE_TARGET_MS)  # fmt: skip
    ok &= report(f"request report PDF (draft rendering), {ITEMS_PER_REQUEST} items",
                 measure(get(reverse("verification:request-pdf", args=[req.pk])), few),
                 PAGE_TARGET_MS)  # fmt: skip

    entries = [
        ItemInput(i.clause, i.indicator, i.requirement,
                  REQUIREMENTS[i.position % len(REQUIREMENTS)][1][i.position % 3], "", "", n + 2)
        for n, i in enumerate(requests[1].items.all())
    ]  # fmt: skip
    ok &= report(f"record_results: judge {len(entries)} values (GB/T 8170)",
                 measure(lambda _i: record_results(requests[1], entries, user=engineer), few),
                 PAGE_TARGET_MS)  # fmt: skip

    text = make_round(30, 10, 5)
    rounds = []

    def store(index: int) -> None:
        rounds.append(create_round(centre, user=engineer, title=f"协同试验 {index}", text=text,
                                   method="GB/T 5009.12", kind="proficiency"))  # fmt: skip

    store(-1)  # warm like the pages: imports, critical-value caches, the statement plans
    ok &= report("create_round: store and compute 30 labs × 10 levels × 5 replicates",
                 measure(store, repeats), ROUND_TARGET_MS)  # fmt: skip
    rnd = rounds[1]
    ok &= report("round page (h and k plots, z-scores), 30 × 10 × 5",
                 measure(get(rnd.get_absolute_url()), repeats), PAGE_TARGET_MS)  # fmt: skip
    ok &= report("round export xlsx, 1,500 values",
                 measure(get(reverse("verification:round-export", args=[rnd.pk, "xlsx"])),
                         repeats), PAGE_TARGET_MS)  # fmt: skip
    ok &= report("round export CSV, 1,500 values",
                 measure(get(reverse("verification:round-export", args=[rnd.pk, "csv"])),
                         repeats), PAGE_TARGET_MS)  # fmt: skip
    ok &= report("round list", measure(get(reverse("verification:rounds")), repeats),
                 PAGE_TARGET_MS)  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
