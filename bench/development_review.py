"""Resolution-table benchmark: `python -m bench.development_review [--comments 50000]`.

Builds a throwaway database in bench/out/development_review/ with one draft carrying 50,000
resolved comments, then times the export of its 意见汇总处理表 as xlsx and as docx through
`development.services.comments`. Target: xlsx < 3 s (wall time; the CPU time is printed too,
since a shared machine's load inflates the wall time).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out" / "development_review"
TARGET_S = 3.0


def _setup() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "stdbase.settings"
    os.environ["STDBASE_DATA_DIR"] = str(OUT)
    os.environ["STDBASE_LOG_LEVEL"] = "WARNING"
    os.environ.pop("STDBASE_DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _draft(count: int):
    from django.utils import timezone

    from bodies.models import BodyKind
    from bodies.services import create_body
    from development.models import Comment, CommentWindow, Draft, Project

    body = create_body(kind=BodyKind.ALLIANCE, name="基准联盟", actor=None, standard_code="T/BNCH")
    project = Project.objects.create(body=body, number="BNCH-1", state="30.00", title="基准标准")
    draft = Draft.objects.create(
        project=project,
        kind="cd",
        version=1,
        stage="30.00",
        filename="cd.txt",
        file_kind="txt",
        size=1,
        sha256="0" * 64,
    )
    now = timezone.now()
    window = CommentWindow.objects.create(draft=draft, opens_at=now, closes_at=now)
    resolutions = ("adopted", "partly", "rejected", "")
    Comment.objects.bulk_create(
        (
            Comment(
                window=window,
                draft=draft,
                number=i,
                clause=f"{i % 12 + 1}.{i % 7 + 1}",
                kind=("ge", "te", "ed")[i % 3],
                text=f"第{i}条意见：建议修改本条的表述，" * 3,
                proposed_change="改为……" if i % 2 else "",
                organisation=f"单位{i % 400:03d}",
                fingerprint=f"{i:064d}",
                resolution=resolutions[i % 4],
                reason="理由说明" if i % 4 in (1, 2) else "",
            )
            for i in range(1, count + 1)
        ),
        batch_size=5000,
    )
    return draft


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=50_000)
    args = parser.parse_args(argv)
    _setup()
    from development.services.comments import resolution_table_docx, resolution_table_xlsx

    draft = _draft(args.comments)
    ok = True
    for label, writer, target in (
        ("xlsx", resolution_table_xlsx, TARGET_S),
        ("docx", resolution_table_docx, None),
    ):
        started, cpu = time.perf_counter(), time.process_time()
        data = writer(draft)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        verdict = "" if target is None else (" OK" if seconds < target else " SLOW")
        ok = ok and (target is None or seconds < target)
        print(
            f"resolution table ({label}) of {args.comments:,} comments: {seconds:.2f} s "
            f"(CPU {cpu:.2f} s), "
            f"{len(data) / 1e6:.1f} MB{'' if target is None else f' (target < {target:.0f} s)'}"
            f"{verdict}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
