"""`stdbase search` and `stdbase reindex` through call_command."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from catalog.tests.search_data import build_search_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_search_catalogue()


def run(*args) -> str:
    out = io.StringIO()
    call_command("search", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_jsonl_prints_one_object_per_hit_best_first(catalogue):
    lines = run("gbt19001", "--format", "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0]["designation"] == "GB/T 19001-2016"
    assert [r["designation"] for r in records[:3]] == [
        "GB/T 19001-2016",
        "GB/T 19001-2008",
        "GB/T 19001-2000",
    ]
    first = records[0]
    for key in (
        "designation",
        "title_zh",
        "title_en",
        "status",
        "tier",
        "issued",
        "effective",
        "url",
    ):
        assert key in first
    assert first["title_zh"] == "质量管理体系 要求"
    assert first["status"] == "current" and first["tier"] == "national"
    assert first["issued"] == "2016-12-30"


def test_limit(catalogue):
    lines = run("quality", "--format", "jsonl", "--limit", "2").splitlines()
    assert len(lines) == 2


def test_several_words_are_one_query(catalogue):
    lines = run("信息安全", "要求", "--format", "jsonl").splitlines()
    assert [json.loads(line)["designation"] for line in lines] == ["GB/T 22080-2016"]


def test_no_hits_prints_nothing(catalogue):
    assert run("不存在的词语", "--format", "jsonl") == ""


def test_table_format(catalogue):
    assert "CJJ/T 147-2010" in run("管道")


def test_bad_query_exits_with_2(catalogue):
    with pytest.raises(CommandError) as info:
        run("x" * 10000, "--format", "jsonl")
    assert info.value.returncode == 2
    assert "查询过长" in str(info.value)


def test_reindex_reports_count(catalogue):
    out = io.StringIO()
    call_command("reindex", "--quiet", stdout=out)
    assert f"Indexed {len(catalogue)} standards" in out.getvalue()
    assert "GB/T 19001-2016" in run("GB/T 19001-2016")
