"""`stdbase draw` and `stdbase verify-draw`: the command-line contract of verifiable draws."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command

from core.tests.console import run_stdbase

SEED = "5e" * 32
POOL = [
    {"id": f"E{i:02d}", "org": "甲单位" if i % 4 == 0 else f"单位{i % 5}", "fields": ["13.020"]}
    for i in range(20)
] + [{"id": "AV", "org": "其他", "fields": ["13.020"], "avoid": ["甲单位"]}]


def run(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def pool_file(tmp_path):
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(POOL, ensure_ascii=False), encoding="utf-8")
    return path


def test_same_seed_and_pool_print_the_same_panel(pool_file):
    args = ("draw", "--pool", str(pool_file), "--need", "5", "--alternates", "2")
    first = run(*args, "--exclude-org", "甲单位", "--seed", SEED, "--format", "json")
    again = run(*args, "--exclude-org", "甲单位", "--seed", SEED)
    assert first["panel"] == again["panel"] and len(first["panel"]) == 5
    assert first["alternates"] == again["alternates"] and len(first["alternates"]) == 2
    assert first["commitment"] == hashlib.sha256(bytes.fromhex(SEED)).hexdigest()
    assert first["seed"] == SEED
    assert len(first["pool_sha256"]) == 64
    assert set(first["excluded"]) == {"E00", "E04", "E08", "E12", "E16", "AV"}
    assert first["excluded"]["AV"] == "回避单位：甲单位"
    assert not set(first["excluded"]) & set(first["panel"] + first["alternates"])


def test_without_a_seed_a_fresh_one_is_drawn_and_committed(pool_file):
    record = run("draw", "--pool", str(pool_file), "--need", "3")
    assert hashlib.sha256(bytes.fromhex(record["seed"])).hexdigest() == record["commitment"]


def test_verify_draw_round_trip_and_tampering(pool_file, tmp_path):
    record = run(
        "draw", "--pool", str(pool_file), "--need", "4", "--seed", SEED, "--field", "13.020=2"
    )
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert run("verify_draw", str(path), "--format", "json")["valid"] is True
    record["panel"].reverse()
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = run("verify_draw", str(path))
    assert result["valid"] is False
    assert any("不一致" in reason for reason in result["reasons"])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--need", "30"], "仅 21 人符合条件"),
        (["--need", "2", "--seed", "abc"], "64 位"),
        (["--need", "2", "--field", "13.020"], "领域=人数"),
        (["--need", "2", "--as-of", "2026-13-01"], "YYYY-MM-DD"),
    ],
)
def test_bad_requests_exit_2(pool_file, extra, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command("draw", "--pool", str(pool_file), *extra, stdout=io.StringIO())
    assert error.value.returncode == 2


def test_impossible_draw_lists_the_exclusions(pool_file):
    with pytest.raises(CommandError) as error:
        call_command(
            "draw", "--pool", str(pool_file), "--need", "16", "--exclude-org", "甲单位",
            stdout=io.StringIO(),
        )  # fmt: skip
    assert "仅 15 人符合条件" in str(error.value)
    assert "同单位 5、回避单位 1" in str(error.value)


def test_console_commands(pool_file):
    drawn = run_stdbase("draw", "--pool", str(pool_file), "--need", "3", "--seed", SEED)
    assert drawn.returncode == 0, drawn.stderr
    verified = run_stdbase("verify-draw", "-", "--format", "json", stdin=drawn.stdout.decode())
    assert json.loads(verified.stdout) == {
        "valid": True,
        "reasons": [
            "种子与承诺值一致。",
            "专家池与其 SHA-256 一致。",
            "由种子重新计算的专家组和候补名单与记录一致。",
        ],
    }
    bad = run_stdbase("verify-draw", "-", stdin="[")
    assert (bad.returncode, bad.stdout) == (2, b"")
    impossible = run_stdbase("draw", "--pool", str(pool_file), "--need", "99")
    assert (impossible.returncode, impossible.stdout) == (2, b"")
    assert "未进行抽取" in impossible.stderr.decode()
