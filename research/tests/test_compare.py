"""The title-similarity join of the comparison finds exactly the pairs a brute force finds."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser

from research.services.drilldown import MAX_PAIRS, SIMILARITY, _grams, similar_pairs

WORDS = ["信息安全", "技术", "电动汽车", "充电", "设施", "通用要求", "试验方法", "混凝土",
         "结构", "设计", "规范", "锂离子电池", "安全", "要求", "管道", "阀门", "燃气"]  # fmt: skip


def _brute(rows_a, rows_b):
    pairs = []
    for ida, des_a, title_a in rows_a:
        for idb, des_b, title_b in rows_b:
            x, y = _grams(title_a), _grams(title_b)
            if not x or not y or ida == idb:
                continue
            score = len(x & y) / len(x | y)
            if score >= SIMILARITY:
                pairs.append((score, des_a, title_a, des_b, title_b))
    pairs.sort(key=lambda p: (-p[0], p[1], p[3]))
    return pairs


def _rows(rng, start, count):
    return [
        (start + i, f"X {start + i:05d}", "".join(rng.sample(WORDS, rng.randint(1, 5))))
        for i in range(count)
    ]


def test_prefix_filtered_join_equals_brute_force():
    rng = random.Random(7)
    for _round in range(5):
        rows_a, rows_b = _rows(rng, 0, 150), _rows(rng, 100, 200)  # ids 100-149 in both
        expected = _brute(rows_a, rows_b)
        assert len(expected) > MAX_PAIRS  # the raised threshold is exercised
        assert similar_pairs(rows_a, rows_b) == expected[:MAX_PAIRS]
        assert similar_pairs(rows_a, rows_b, limit=10_000) == expected


def test_a_standard_is_not_paired_with_itself():
    rows = [(1, "GB/T 1", "电动汽车充电设施通用要求")]
    assert similar_pairs(rows, rows) == []
    assert similar_pairs(rows, [(2, "GB/T 2", "电动汽车充电设施通用要求")])[0][0] == 1.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "params"),
    [
        ({"status": ["current"]}, {"min_age": "6"}),
        ({}, {"min_age": "3", "max_age": "5"}),
        ({"tier": ["national"]}, {"adoption": "any"}),
        ({"tier": ["national"]}, {"adoption": "none", "min_age": "11"}),
        ({"tier": ["national"], "year": ["2015", "2020"]}, {"adoption": "IDT", "max_age": "8"}),
        ({"ics": ["35.040"]}, {"adoption": "any"}),
        ({"year": ["2015"]}, {"min_age": "199"}),
    ],
)
def test_drilldown_total_from_the_aggregates_equals_a_direct_count(catalogue, raw, params):
    from django.db import connection

    from research.services.cube import LIVE_FROM
    from research.services.drilldown import _where, count_standards, list_standards
    from research.services.refresh import refresh_aggregates

    refresh_aggregates()
    where, values = _where(raw, params)
    with connection.cursor() as cursor:
        sql = f"SELECT COUNT(*) FROM {LIVE_FROM} WHERE {where}"  # noqa: S608
        cursor.execute(sql, values)
        direct = cursor.fetchone()[0]
    assert count_standards(raw, params) == direct
    assert list_standards(AnonymousUser(), raw, params)[0] == direct
