"""Index maintenance: signals on save and delete, pausing for imports, full rebuilds."""

from __future__ import annotations

import pytest
from django.db import connection

from catalog.models import Standard, Status
from catalog.search import (
    SearchQuery,
    get_backend,
    index_standards,
    rebuild_index,
    remove_standards,
    search,
    signals_paused,
)
from catalog.tests.search_data import build_search_catalogue, make

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [hit.standard.designation for hit in search(SearchQuery(text=text)).hits]


def test_backend_follows_the_database():
    assert get_backend().vendor == connection.vendor


def test_save_indexes_and_edit_reindexes():
    standard = make("GB/T 41000-2021", "工业互联网平台 应用实施指南")
    assert found("工业互联网") == ["GB/T 41000-2021"]
    standard.title_zh = "智能制造 数字孪生 通用要求"
    standard.status = Status.WITHDRAWN
    standard.save()
    assert found("工业互联网") == []
    assert found("数字孪生") == ["GB/T 41000-2021"]
    result = search(SearchQuery(text="", filters={"status": ["withdrawn"]}))
    assert [h.standard.designation for h in result.hits] == ["GB/T 41000-2021"]


def test_delete_removes_from_the_index():
    standard = make("GB/T 41001-2021", "区块链 参考架构")
    assert found("区块链") == ["GB/T 41001-2021"]
    standard.delete()
    assert found("区块链") == []
    assert search(SearchQuery(text="")).total == 0


def test_paused_signals_leave_indexing_to_the_caller():
    with signals_paused():
        standard = make("GB/T 41002-2021", "氢能 储运 安全要求")
        assert found("氢能") == []
        index_standards([standard.id])
    assert found("氢能") == ["GB/T 41002-2021"]
    remove_standards([standard.id])
    assert found("氢能") == []


def test_bulk_changes_are_picked_up_by_index_standards():
    standard = make("GB/T 41003-2021", "光伏组件 回收")
    Standard.objects.filter(pk=standard.pk).update(title_zh="储能电站 运维")
    assert found("储能") == []
    index_standards([standard.id, 999999])  # unknown ids are ignored
    assert found("储能") == ["GB/T 41003-2021"]


def test_rebuild_from_scratch():
    catalogue = build_search_catalogue()
    Standard.objects.filter(designation="CJJ/T 147-2010").update(title_zh="城镇供热管网 规程")
    calls = []
    count = rebuild_index(progress=lambda done, total: calls.append((done, total)))
    assert count == len(catalogue)
    assert calls[-1] == (len(catalogue), len(catalogue))
    assert found("燃气") == []
    assert found("供热") == ["CJJ/T 147-2010"]
    assert found("GB/T 19001-2016")[0] == "GB/T 19001-2016"
    assert search(SearchQuery(text="")).total == len(catalogue)
