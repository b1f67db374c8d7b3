"""Standards-development benchmark: `python -m bench.development [--database-url URL]`.

Builds a throwaway database in bench/out/development/ with 16 alliances and 2,000 projects
(each with stage events and two drafts citing references, the second one open for comment:
50,000 comments in all), then times the project page
(GET /development/projects/<id>/ as the alliance's secretariat, through the test client)
and the work programme page. Target: project page p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from bench.timing import fresh_database, measure, print_cpu_reference, report

OUT = Path(__file__).resolve().parent / "out" / "development"
ALLIANCES = 16
PROJECTS = 2_000
COMMENTS = 50_000
TARGET_MS = 300.0


def _build():
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from bodies.models import BodyKind
    from bodies.services import add_member, create_body
    from development.models import Draft, Project
    from development.services.clauses import clauses_as_json, split_clauses
    from workflows.models import ProcessEvent

    rng = random.Random(7)
    User = get_user_model()
    text = "\n".join(
        ["前言", "本文件按GB/T 1.1-2020起草。", "1 范围", "本文件规定了要求。", "2 规范性引用文件"]
        + [f"GB/T {19000 + i}-2016 标准{i}" for i in range(15)]
        + [f"{n} 条款{n}\n" + "系统应满足要求。" * 40 for n in range(3, 40)]
    )
    clauses = clauses_as_json(split_clauses(text))
    refs = [
        {
            "designation": f"GB/T {19000 + i}-2016",
            "series": f"GB/T {19000 + i}",
            "verdict": "current",
            "verdict_label": "现行",
            "current": [],
            "title": "",
            "dated": True,
        }
        for i in range(15)
    ]
    secretariats = []
    with transaction.atomic():
        for index in range(ALLIANCES):
            body = create_body(
                kind=BodyKind.ALLIANCE,
                name=f"基准联盟{index:02d}",
                actor=None,
                standard_code=f"T/BM{index:02d}",
            )
            user = User.objects.create_user(username=f"sec{index:02d}", password="x" * 12)
            add_member(body, "secretariat", actor=None, user=user)
            secretariats.append((body, user))
        projects = []
        for n in range(PROJECTS):
            body, _user = secretariats[n % ALLIANCES]
            projects.append(
                Project(
                    body=body,
                    number=f"BM{n % ALLIANCES:02d}-2026-{n:04d}",
                    title=f"基准项目 第{n}部分：通用要求",
                    state=rng.choice(["20.20", "30.20", "40.20"]),
                    track="normal",
                )
            )
        for p in projects:
            p.stage_main = p.state[:2]
        Project.objects.bulk_create(projects, batch_size=500)
        projects = list(Project.objects.all())
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(Project)
        ProcessEvent.objects.bulk_create(
            [
                ProcessEvent(
                    content_type=ct,
                    object_id=str(p.pk),
                    process="development.project",
                    transition=f"step{k}",
                    from_state="10.99",
                    to_state=p.state,
                )
                for p in projects
                for k in range(6)
            ],
            batch_size=2000,
        )
        Draft.objects.bulk_create(
            [
                Draft(
                    project=p,
                    kind="wd",
                    version=v,
                    stage=p.state,
                    file=f"bench/{p.pk}-{v}.txt",
                    filename="draft.txt",
                    file_kind="txt",
                    size=len(text),
                    sha256="0" * 64,
                    text=text,
                    clauses=clauses,
                    references=refs,
                )
                for p in projects
                for v in (1, 2)
            ],
            batch_size=500,
        )
        _comments(projects)
    return secretariats, projects


def _comments(projects) -> None:
    from django.utils import timezone

    from development.models import Comment, CommentWindow, Draft

    now = timezone.now()
    drafts = list(Draft.objects.filter(version=2).only("pk", "project_id"))
    CommentWindow.objects.bulk_create(
        [CommentWindow(draft=d, opens_at=now, closes_at=now) for d in drafts], batch_size=500
    )
    windows = list(CommentWindow.objects.select_related(None).only("pk", "draft_id"))
    per = COMMENTS // len(windows)
    Comment.objects.bulk_create(
        (
            Comment(
                window=w,
                draft_id=w.draft_id,
                number=n,
                clause=f"{n % 12 + 1}",
                kind="te",
                text="建议修改本条的表述。" * 3,
                organisation=f"单位{n:02d}",
                fingerprint=f"{w.pk:032d}{n:032d}",
                resolution=("adopted", "")[n % 2],
            )
            for w in windows
            for n in range(1, per + 1)
        ),
        batch_size=5000,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args(argv)
    fresh_database(OUT, args.database_url)
    from django.test import Client

    secretariats, projects = _build()
    print_cpu_reference()
    print(
        f"{ALLIANCES} alliances, {len(projects):,} projects, {2 * len(projects):,} drafts, "
        f"{COMMENTS:,} comments"
    )
    clients = {}
    for body, user in secretariats:
        client = Client()
        client.force_login(user)
        clients[body.pk] = client
    rng = random.Random(11)
    sample = [rng.choice(projects) for _ in range(args.repeats)]

    def page(index: int) -> None:
        project = sample[index]
        response = clients[project.body_id].get(f"/development/projects/{project.pk}/")
        assert response.status_code == 200, response.status_code

    def programme(index: int) -> None:
        response = clients[sample[index].body_id].get("/development/", {"page": index % 5 + 1})
        assert response.status_code == 200

    page(0)
    ok = report("project page", measure(page, args.repeats), TARGET_MS)
    report("work programme page", measure(programme, min(args.repeats, 20)), 1000.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
